package org.synthehr.privacy.policy;

/**
 * The {@code release:} section of a job config.
 *
 * @param policy path of a release policy YAML evaluated on the report (null: no policy; the run
 *     then always succeeds whatever the figures)
 */
public record ReleaseConfig(String policy) {
  /** No policy. */
  public static final ReleaseConfig NONE = new ReleaseConfig(null);
}
