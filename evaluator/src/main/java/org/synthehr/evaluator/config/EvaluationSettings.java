package org.synthehr.evaluator.config;

import org.synthehr.core.error.InvalidConfigException;

/**
 * What the evaluator computes and on how many rows.
 *
 * @param bootstrap resamples for every bootstrap interval (0 = no intervals)
 * @param confidence the intervals' confidence level
 * @param maxCuts most cut points per numeric column in the marginal statistics
 * @param detection real-vs-synthetic classifier
 * @param support α-precision / β-recall
 * @param utility TSTR vs TRTR
 * @param fairness per-subgroup figures
 */
public record EvaluationSettings(int bootstrap, double confidence, int maxCuts,
    DetectionConfig detection, SupportConfig support, UtilityConfig utility,
    FairnessConfig fairness) {
  public EvaluationSettings {
    if (bootstrap < 0) {
      throw new InvalidConfigException("evaluate.bootstrap must be 0 or positive, got " + bootstrap
          + ".");
    }
    if (!(confidence > 0.5 && confidence < 1)) {
      throw new InvalidConfigException("evaluate.confidence must be between 0.5 and 1, got "
          + confidence + ".");
    }
    if (maxCuts < 16) {
      throw new InvalidConfigException("evaluate.max_cuts must be at least 16, got " + maxCuts
          + ".");
    }
    detection = detection == null ? DetectionConfig.defaults() : detection;
    support = support == null ? SupportConfig.defaults() : support;
    utility = utility == null ? UtilityConfig.defaults() : utility;
    fairness = fairness == null ? FairnessConfig.defaults() : fairness;
  }

  /** The defaults. */
  public static EvaluationSettings defaults() {
    return new EvaluationSettings(200, 0.95, 2048, null, null, null, null);
  }
}
