package org.synthehr.generator.copula;

import org.apache.commons.math3.special.Erf;

/** The standard normal CDF and its inverse, clamped away from 0 and 1. */
final class NormalScores {
  private static final double EPS = 1e-12;
  private static final double SQRT2 = Math.sqrt(2.0);

  private NormalScores() {}

  static double cdf(double z) {
    return 0.5 * Erf.erfc(-z / SQRT2);
  }

  static double quantile(double u) {
    double p = Math.max(EPS, Math.min(1 - EPS, u));
    return -SQRT2 * Erf.erfcInv(2 * p);
  }
}
