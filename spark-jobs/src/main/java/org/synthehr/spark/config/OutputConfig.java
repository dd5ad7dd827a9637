package org.synthehr.spark.config;

import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code output:} where results go.
 *
 * @param dir the run's output directory (model/, synthetic/, report.json); written elsewhere and
 *     moved into place when complete; an existing one is replaced only with {@code --overwrite}
 */
public record OutputConfig(String dir) {
  public OutputConfig {
    if (dir == null || dir.isBlank()) {
      throw new InvalidConfigException("output.dir is required (e.g. output: {dir: out/run1}).");
    }
  }
}
