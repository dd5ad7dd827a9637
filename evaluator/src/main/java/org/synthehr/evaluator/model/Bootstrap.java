package org.synthehr.evaluator.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.synthehr.core.result.Interval;
import org.synthehr.core.stats.Auc;

/**
 * Percentile bootstrap intervals: the statistic is recomputed on {@code resamples} seeded resamples
 * of row indices (with replacement) and the interval is the central {@code level} share of the
 * results. Paired figures (a ratio of two models on the same test rows) are resampled together by
 * computing them inside one statistic.
 */
public final class Bootstrap {
  private final int resamples;
  private final double level;

  /**
   * @param resamples number of resamples (0 disables intervals)
   * @param level confidence level, e.g. 0.95
   */
  public Bootstrap(int resamples, double level) {
    this.resamples = resamples;
    this.level = level;
  }

  public int resamples() {
    return resamples;
  }

  /**
   * The interval of a statistic of {@code n} rows; null when disabled, when there are no rows, or
   * when too few resamples give a defined value.
   */
  public Interval interval(int n, long seed, ToDoubleFunction<int[]> statistic) {
    if (resamples <= 0 || n == 0) {
      return null;
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[resamples];
    int defined = 0;
    int[] rows = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        rows[i] = random.nextInt(n);
      }
      double v = statistic.applyAsDouble(rows);
      if (!Double.isNaN(v)) {
        values[defined++] = v;
      }
    }
    if (defined < Math.max(10, resamples / 2)) {
      return null;
    }
    double[] sorted = Arrays.copyOf(values, defined);
    Arrays.sort(sorted);
    double tail = (1 - level) / 2;
    return new Interval(quantile(sorted, tail), quantile(sorted, 1 - tail), level);
  }

  /** Linear-interpolated quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
