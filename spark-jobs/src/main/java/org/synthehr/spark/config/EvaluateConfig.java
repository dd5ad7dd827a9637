package org.synthehr.spark.config;

import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.evaluator.config.DetectionConfig;
import org.synthehr.evaluator.config.EvaluationSettings;
import org.synthehr.evaluator.config.FairnessConfig;
import org.synthehr.evaluator.config.SupportConfig;
import org.synthehr.evaluator.config.UtilityConfig;

/**
 * {@code evaluate:} how synthetic data is scored. Per-column and per-pair statistics always use
 * every row (counted with Spark aggregations); model-based figures use seeded subsamples.
 *
 * @param maxRows rows of each table (holdout, synthetic) collected to the driver for model-based
 *     metrics, a seeded subsample
 * @param privacyMaxSynthetic synthetic rows whose closest records are searched
 * @param privacyMaxReference training rows and holdout rows (each) searched
 * @param bootstrap resamples for every bootstrap interval (0 = no intervals)
 * @param confidence the intervals' confidence level
 * @param maxCuts most cut points per numeric column in the marginal statistics (KS is exact for
 *     columns with at most this many distinct real values)
 * @param holdout a file of real rows the generator never saw; when set, the real input is not
 *     split and all of it is the reference
 * @param detection the real-vs-synthetic classifier
 * @param support α-precision and β-recall
 * @param utility TSTR vs TRTR
 * @param fairness per-subgroup figures
 */
public record EvaluateConfig(int maxRows, int privacyMaxSynthetic, int privacyMaxReference,
    int bootstrap, double confidence, int maxCuts, String holdout, DetectionConfig detection,
    SupportConfig support, UtilityConfig utility, FairnessConfig fairness) {
  public EvaluateConfig {
    if (maxRows < 10 || privacyMaxSynthetic < 10 || privacyMaxReference < 10) {
      throw new InvalidConfigException("evaluate.max_rows, evaluate.privacy_max_synthetic and"
          + " evaluate.privacy_max_reference must each be at least 10.");
    }
    detection = detection == null ? DetectionConfig.defaults() : detection;
    support = support == null ? SupportConfig.defaults() : support;
    utility = utility == null ? UtilityConfig.defaults() : utility;
    fairness = fairness == null ? FairnessConfig.defaults() : fairness;
    settings(bootstrap, confidence, maxCuts, detection, support, utility, fairness);
  }

  /** The evaluator's settings. */
  public EvaluationSettings settings() {
    return settings(bootstrap, confidence, maxCuts, detection, support, utility, fairness);
  }

  private static EvaluationSettings settings(int bootstrap, double confidence, int maxCuts,
      DetectionConfig detection, SupportConfig support, UtilityConfig utility,
      FairnessConfig fairness) {
    return new EvaluationSettings(bootstrap, confidence, maxCuts, detection, support, utility,
        fairness);
  }

  /**
   * Synthetic rows the model-based metrics need at most: the largest of their subsample sizes,
   * capped at {@link #maxRows}.
   */
  public int syntheticSampleRows() {
    int needed = Math.max(privacyMaxSynthetic, Math.max(detection.maxRows(),
        Math.max(support.maxRows(), utility.maxTrainRows())));
    return Math.min(maxRows, needed);
  }
}
