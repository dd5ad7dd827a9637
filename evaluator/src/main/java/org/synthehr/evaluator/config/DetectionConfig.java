package org.synthehr.evaluator.config;

import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.evaluator.model.ClassifierKind;

/**
 * {@code evaluate.detection:} the classifier that tries to tell real rows from synthetic ones.
 *
 * @param enabled whether to run it
 * @param model the Tribuo classifier
 * @param maxRows rows of each side (real training rows, synthetic rows) it uses, a seeded subsample
 * @param testFraction share of those rows held out to measure its AUC
 */
public record DetectionConfig(boolean enabled, ClassifierKind model, int maxRows,
    double testFraction) {
  public DetectionConfig {
    model = model == null ? ClassifierKind.XGBOOST : model;
    if (maxRows < 20) {
      throw new InvalidConfigException("evaluate.detection.max_rows must be at least 20, got "
          + maxRows + ".");
    }
    if (!(testFraction >= 0.1 && testFraction <= 0.9)) {
      throw new InvalidConfigException("evaluate.detection.test_fraction must be between 0.1 and"
          + " 0.9, got " + testFraction + ".");
    }
  }

  /** The defaults. */
  public static DetectionConfig defaults() {
    return new DetectionConfig(true, ClassifierKind.XGBOOST, 10_000, 0.3);
  }
}
