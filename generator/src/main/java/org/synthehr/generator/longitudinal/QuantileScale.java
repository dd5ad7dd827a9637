package org.synthehr.generator.longitudinal;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * A monotone map of a variable to normal scores through its empirical quantiles: x -> F(x) ->
 * Phi^-1(F(x)), and back. Skewed labs become roughly Gaussian (what diffusion and GAN networks like),
 * and decoded values stay inside the knots' range, which is the variable's plausible range. Ties (a
 * score such as GCS = 15) map to the middle of their probability range, so discrete values come back
 * exactly.
 *
 * @param knots values at evenly spaced probabilities from {@code tail} to {@code 1 - tail}
 * @param tail probability left out at each end (robust to charting errors)
 */
public record QuantileScale(double[] knots, double tail) {

  /** Knots per variable. */
  public static final int KNOTS = 101;

  public QuantileScale {
    knots = knots.clone();
  }

  /** Fits the scale to observed values (at least one). */
  public static QuantileScale fit(double[] observed, double tail) {
    if (observed.length == 0) {
      return new QuantileScale(new double[] {0, 0}, tail);
    }
    double[] s = observed.clone();
    Arrays.sort(s);
    return new QuantileScale(quantiles(s, KNOTS, tail), tail);
  }

  /**
   * Quantiles of sorted values at evenly spaced levels from {@code tail} to {@code 1 - tail},
   * interpolated linearly between order statistics.
   */
  public static double[] quantiles(double[] sorted, int levels, double tail) {
    double[] k = new double[levels];
    for (int i = 0; i < levels; i++) {
      double q = tail + (1 - 2 * tail) * i / (levels - 1);
      double pos = q * (sorted.length - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(sorted.length - 1, lo + 1);
      k[i] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
    return k;
  }

  /** Lowest value the scale decodes to. */
  public double low() {
    return knots[0];
  }

  /** Highest value the scale decodes to. */
  public double high() {
    return knots[knots.length - 1];
  }

  /** The normal score of a value (within +-3.72: probabilities are kept off 0 and 1). */
  public double encode(double x) {
    return probit(Math.max(1e-4, Math.min(1 - 1e-4, probability(x))));
  }

  /** The value of a normal score. */
  public double decode(double z) {
    double p = phi(z);
    int m = knots.length - 1;
    double pos = (p - tail) / (1 - 2 * tail) * m;
    if (pos <= 0) {
      return knots[0];
    }
    if (pos >= m) {
      return knots[m];
    }
    int i = (int) Math.floor(pos);
    return knots[i] + (pos - i) * (knots[i + 1] - knots[i]);
  }

  private double probability(double x) {
    int m = knots.length - 1;
    if (x <= knots[0]) {
      return at(lastIndexAtMost(knots[0]) / 2.0);
    }
    if (x >= knots[m]) {
      return at((firstIndexAtLeast(knots[m]) + m) / 2.0);
    }
    int lo = firstIndexAtLeast(x);
    int hi = lastIndexAtMost(x);
    if (lo <= hi) {
      return at((lo + hi) / 2.0);
    }
    double frac = (x - knots[hi]) / (knots[lo] - knots[hi]);
    return at(hi + frac);
  }

  private double at(double index) {
    return tail + (1 - 2 * tail) * index / (knots.length - 1);
  }

  private int firstIndexAtLeast(double x) {
    int lo = 0;
    int hi = knots.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (knots[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int lastIndexAtMost(double x) {
    int lo = 0;
    int hi = knots.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (knots[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /** Standard normal CDF. */
  public static double phi(double z) {
    return 0.5 * Erf.erfc(-z / Math.sqrt(2));
  }

  /** Standard normal quantile. */
  public static double probit(double p) {
    return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantileScale q && Arrays.equals(knots, q.knots) && tail == q.tail;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(knots) * 31 + Double.hashCode(tail);
  }

  @Override
  public String toString() {
    return "QuantileScale[" + knots[0] + ".." + knots[knots.length - 1] + "]";
  }
}
