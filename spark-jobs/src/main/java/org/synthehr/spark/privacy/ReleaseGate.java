package org.synthehr.spark.privacy;

import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.result.Report;
import org.synthehr.privacy.policy.ReleaseCheck;
import org.synthehr.privacy.policy.ReleaseGateException;
import org.synthehr.privacy.policy.ReleasePolicy;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.LocalCopy;
import org.synthehr.spark.jobs.Console;

/**
 * The release policy of a run ({@code release.policy}): loaded when the run starts (a bad policy
 * fails before any work), evaluated into the report's pass/fail rows, and enforced after the
 * outputs are written, so the steward can read why a release failed while the command exits with
 * code 4.
 */
public final class ReleaseGate {
  private final ReleasePolicy policy;
  private ReleaseCheck.Outcome outcome;

  private ReleaseGate(ReleasePolicy policy) {
    this.policy = policy;
  }

  /** The gate of a config (open when no policy is set). */
  public static ReleaseGate of(JobConfig config, FileStore store) {
    String file = config.release().policy();
    if (file == null || file.isBlank()) {
      return new ReleaseGate(null);
    }
    org.apache.hadoop.fs.Path path = store.resolve(file);
    if (!store.isFile(path)) {
      throw new InvalidConfigException("release.policy: " + file + " does not exist. Fix: point"
          + " it at a policy file (see configs/release-policy.yaml) or remove the key.");
    }
    try (LocalCopy local = LocalCopy.of(store, path)) {
      return new ReleaseGate(ReleasePolicy.load(local.path()));
    }
  }

  /** The report with the policy's rows (unchanged without a policy); prints the verdict. */
  public Report apply(Report report, Console console) {
    if (policy == null) {
      return report;
    }
    outcome = ReleaseCheck.apply(policy, report);
    console.line(outcome.summary());
    return outcome.report();
  }

  /** Fails the command (exit code 4) if the policy failed; call after the outputs are written. */
  public void enforce(String output) {
    if (outcome != null && !outcome.passed()) {
      throw new ReleaseGateException(outcome.summary() + ". The outputs are in " + output
          + " for inspection (see the 'policy' rows of report.json); do not release them."
          + " Fix: improve the model or its privacy settings, or revise the policy.");
    }
  }
}
