package org.synthehr.spark.config;

import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.privacy.PrivacyConfig;
import org.synthehr.privacy.policy.ReleaseConfig;

/**
 * One job config: everything a run needs, loaded from YAML with unknown keys rejected (see
 * {@link JobConfigLoader} and {@code job-defaults.yaml} for every key and its default).
 *
 * @param seed the run seed; split, training and sampling use named streams derived from it
 * @param input the dataset
 * @param split train/holdout split
 * @param model the model
 * @param sample synthetic rows to draw
 * @param evaluate evaluation subsample sizes
 * @param output the output directory
 * @param spark the Spark session
 * @param privacy disclosure controls and privacy attacks
 * @param release the release policy the run is checked against
 */
public record JobConfig(long seed, InputConfig input, SplitConfig split, ModelConfig model,
    SampleConfig sample, EvaluateConfig evaluate, OutputConfig output, SparkConfig spark,
    PrivacyConfig privacy, ReleaseConfig release) {

  public JobConfig {
    privacy = privacy == null ? PrivacyConfig.DEFAULTS : privacy;
    release = release == null ? ReleaseConfig.NONE : release;
    if (input == null || input.path() == null || input.path().isBlank()) {
      throw new InvalidConfigException("input.path is required (a CSV or Parquet file).");
    }
  }

  /** The run's seed streams. */
  public Seeds seeds() {
    return Seeds.of(seed);
  }
}
