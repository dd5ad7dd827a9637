package org.synthehr.evaluator.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.synthehr.core.error.InvalidConfigException;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * The Tribuo classifiers the evaluator trains (utility, detection). Settings are fixed and modest so
 * figures are comparable between runs and take seconds on two cores; every trainer is seeded.
 */
public enum ClassifierKind {
  /** Logistic regression (linear SGD with log loss, AdaGrad, 5 epochs). */
  LOGISTIC("logistic regression"),
  /** Random forest of 50 CART trees (depth 8, 60% of features per split), voting. */
  RANDOM_FOREST("random forest"),
  /** Gradient-boosted trees (XGBoost: 100 trees, depth 6, eta 0.1, 80% row and feature subsamples). */
  XGBOOST("gradient-boosted trees (XGBoost)");

  private final String title;

  ClassifierKind(String title) {
    this.title = title;
  }

  /** A readable name for reports. */
  public String title() {
    return title;
  }

  /** The lower-case id used in configs and metric ids. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an id, with an error listing the valid ones. */
  @JsonCreator
  public static ClassifierKind parse(String text) {
    for (ClassifierKind k : values()) {
      if (k.id().equalsIgnoreCase(text.trim())) {
        return k;
      }
    }
    throw new InvalidConfigException("Unknown model '" + text + "'. Valid models: "
        + Arrays.stream(values()).map(ClassifierKind::id).collect(Collectors.joining(", ")) + ".");
  }

  /** A seeded trainer. */
  public Trainer<Label> trainer(long seed) {
    // One XGBoost thread: libgomp's workers spin while waiting, and on a busy 2-core machine two
    // threads trained 15 times slower than one (measured on the diabetes130 sample).
    int threads = 1;
    return switch (this) {
      case LOGISTIC -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 5,
          Integer.MAX_VALUE, seed);
      case RANDOM_FOREST -> new RandomForestTrainer<>(new CARTClassificationTrainer(8, 0.6f, seed),
          new VotingCombiner(), 50, seed);
      case XGBOOST -> new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
          XGBoostTrainer.TreeMethod.HIST, 100, 0.1, 0, 6, 1, 0.8, 0.8, 1, 0, threads,
          XGBoostTrainer.LoggingVerbosity.SILENT, seed);
    };
  }
}
