package org.synthehr.spark.config;

import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code evaluate:} sizes of the seeded subsamples the in-memory metrics use.
 *
 * @param maxRows rows of each table (training, holdout, synthetic) used by fidelity metrics
 * @param privacyMaxSynthetic synthetic rows whose closest records are searched
 * @param privacyMaxReference training rows and holdout rows (each) searched
 */
public record EvaluateConfig(int maxRows, int privacyMaxSynthetic, int privacyMaxReference) {
  public EvaluateConfig {
    if (maxRows < 10 || privacyMaxSynthetic < 10 || privacyMaxReference < 10) {
      throw new InvalidConfigException("evaluate.max_rows, evaluate.privacy_max_synthetic and"
          + " evaluate.privacy_max_reference must each be at least 10.");
    }
  }
}
