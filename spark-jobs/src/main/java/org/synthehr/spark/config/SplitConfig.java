package org.synthehr.spark.config;

import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code split:} how the input is divided into a training split and a holdout the model never sees
 * (the holdout is the "new real data" baseline of every metric and the non-members of privacy
 * attacks). Rows go by a seeded hash of the entity key (all of a patient's rows on one side), or of
 * the whole row when there is no entity key, so the split does not depend on partitioning.
 *
 * @param holdoutFraction share of entities held out, in [0, 0.9]
 * @param maxTrainRows at most this many training rows are collected to train on (seeded subsample)
 */
public record SplitConfig(double holdoutFraction, int maxTrainRows) {
  public SplitConfig {
    if (holdoutFraction < 0 || holdoutFraction > 0.9) {
      throw new InvalidConfigException("split.holdout_fraction must be between 0 and 0.9, got "
          + holdoutFraction + ".");
    }
    if (maxTrainRows < 10) {
      throw new InvalidConfigException("split.max_train_rows must be at least 10, got "
          + maxTrainRows + ".");
    }
  }
}
