package org.synthehr.evaluator.config;

import java.util.List;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.evaluator.model.ClassifierKind;

/**
 * {@code evaluate.utility:} train on synthetic, test on real (TSTR) against train on real, test on
 * real (TRTR), for a yes/no outcome.
 *
 * @param enabled whether to run it
 * @param label the outcome column; null means the schema's label
 * @param positive label values that count as "yes" (e.g. ["&lt;30"]); empty means the rarest value
 * @param models the Tribuo classifiers to train (the first also serves the fairness figures)
 * @param maxTrainRows training rows of each side (real and synthetic), a seeded subsample
 * @param maxTestRows holdout rows the models are tested on
 * @param importanceRows test rows used for permutation importances
 */
public record UtilityConfig(boolean enabled, String label, List<String> positive,
    List<ClassifierKind> models, int maxTrainRows, int maxTestRows, int importanceRows) {
  public UtilityConfig {
    positive = positive == null ? List.of() : List.copyOf(positive);
    models = models == null || models.isEmpty() ? List.of(ClassifierKind.XGBOOST,
        ClassifierKind.LOGISTIC) : List.copyOf(models);
    if (models.stream().distinct().count() != models.size()) {
      throw new InvalidConfigException("evaluate.utility.models lists a model twice.");
    }
    if (maxTrainRows < 20 || maxTestRows < 20 || importanceRows < 20) {
      throw new InvalidConfigException("evaluate.utility.max_train_rows, max_test_rows and"
          + " importance_rows must each be at least 20.");
    }
  }

  /** The defaults. */
  public static UtilityConfig defaults() {
    return new UtilityConfig(true, null, List.of(), null, 50_000, 50_000, 3000);
  }

  /** The same settings for another outcome. */
  public UtilityConfig withLabel(String newLabel, List<String> newPositive) {
    return new UtilityConfig(enabled, newLabel, newPositive, models, maxTrainRows, maxTestRows,
        importanceRows);
  }
}
