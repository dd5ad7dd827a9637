package org.synthehr.generator.diffusion;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.synthehr.core.schema.ColumnKind;

/**
 * The quantile-to-normal transform of one numeric column (TabDDPM's preprocessing): a value goes to
 * its empirical CDF level u, then to Φ⁻¹(u), so every column enters the Gaussian diffusion with a
 * standard normal marginal; sampling maps back through the same grid.
 *
 * <p>The CDF is a grid of {@code levels} (0 … 1) and their {@code values}, at most one point per
 * {@code rowsPerQuantile} training values (TabDDPM's n/30, at most 1,000). Interior grid values are
 * midpoints of two adjacent order statistics and the ends are the observed minimum and maximum, so
 * the grid stores no training value other than the range bounds. Integer columns are dequantised
 * (each value spread uniformly over ±0.5 before the grid is fitted, and afresh each time a row is
 * used in training), which gives the diffusion a smooth density instead of spikes; generated values
 * are rounded back. Missing values are not transformed: the codec models them with their own
 * indicator.
 *
 * @param column column name
 * @param kind continuous, integer or datetime
 * @param levels CDF levels of the grid, increasing from 0 to 1
 * @param values the grid values, non-decreasing
 * @param min smallest observed value (outputs are clipped to the observed range)
 * @param max largest observed value
 * @param missingRate share of missing rows in the training data
 * @param dequantized whether values were spread over ±0.5 (integer columns)
 */
public record QuantileNormal(String column, ColumnKind kind, double[] levels, double[] values,
    double min, double max, double missingRate, boolean dequantized) {

  /** Levels are kept within [TAIL, 1 − TAIL] so that z stays within about ±5.2. */
  static final double TAIL = 1e-7;
  /** The largest |z| the transform produces: Φ⁻¹(1 − 10⁻⁷). */
  public static final double Z_LIMIT = 5.199337582290662;

  /**
   * Fits the transform to a column's observed values.
   *
   * @param observed the non-missing values
   * @param missingRate share of missing rows
   * @param maxQuantiles most grid points
   * @param rowsPerQuantile fewest training values per grid point
   * @param dequantize spread integer values over ±0.5 (only for integer columns)
   * @param random draws the dequantisation noise
   */
  public static QuantileNormal fit(String column, ColumnKind kind, double[] observed,
      double missingRate, int maxQuantiles, int rowsPerQuantile, boolean dequantize,
      SplittableRandom random) {
    if (observed.length == 0) {
      return new QuantileNormal(column, kind, new double[] {0, 1}, new double[] {0, 0}, 0, 0,
          missingRate, false);
    }
    boolean spread = dequantize && kind == ColumnKind.INTEGER;
    double[] x = observed.clone();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      min = Math.min(min, x[i]);
      max = Math.max(max, x[i]);
      if (spread) {
        x[i] += random.nextDouble() - 0.5;
      }
    }
    Arrays.sort(x);
    int n = x.length;
    int points = Math.max(2, Math.min(maxQuantiles, n / Math.max(1, rowsPerQuantile)));
    if (n == 1) {
      return new QuantileNormal(column, kind, new double[] {0, 1}, new double[] {x[0], x[0]}, min,
          max, missingRate, spread);
    }
    double[] levels = new double[points];
    double[] values = new double[points];
    for (int k = 0; k < points; k++) {
      if (k == 0 || k == points - 1) {
        int at = k == 0 ? 0 : n - 1;
        levels[k] = (double) at / (n - 1);
        values[k] = x[at];
      } else {
        // The midpoint of two adjacent order statistics: never a training value itself.
        int at = (int) Math.floor((double) k * (n - 1) / (points - 1));
        at = Math.min(at, n - 2);
        levels[k] = (at + 0.5) / (n - 1);
        values[k] = 0.5 * (x[at] + x[at + 1]);
      }
    }
    return new QuantileNormal(column, kind, levels, values, min, max, missingRate, spread);
  }

  /** Whether the column has missing values (and so a missing indicator in the codec). */
  @JsonIgnore
  public boolean hasMissing() {
    return missingRate > 0;
  }

  /**
   * The normal score of a value.
   *
   * @param x the value (not missing)
   * @param jitter uniform in [0, 1), the dequantisation draw (ignored unless dequantised)
   */
  public double toNormal(double x, double jitter) {
    double v = dequantized ? x + jitter - 0.5 : x;
    return inverseNormalCdf(Math.max(TAIL, Math.min(1 - TAIL, level(v))));
  }

  /** The value of a normal score: interpolated in the grid, rounded if whole, clipped to range. */
  public double fromNormal(double z) {
    double u = normalCdf(z);
    double v = interpolate(u);
    if (kind == ColumnKind.INTEGER || kind == ColumnKind.DATETIME) {
      v = Math.floor(v + 0.5);
    }
    return Math.max(min, Math.min(max, v));
  }

  /**
   * The CDF level of a value: linear between grid points; where the grid is flat (many equal
   * values) the middle of the flat run, so ties map to one point rather than its lowest level.
   */
  double level(double v) {
    int k = values.length;
    if (v <= values[0]) {
      return v < values[0] ? levels[0] : middleOfRun(0);
    }
    if (v >= values[k - 1]) {
      return v > values[k - 1] ? levels[k - 1] : middleOfRun(k - 1);
    }
    int i = Arrays.binarySearch(values, v);
    if (i >= 0) {
      return middleOfRun(i);
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double w = (v - values[lo]) / (values[hi] - values[lo]);
    return levels[lo] + w * (levels[hi] - levels[lo]);
  }

  private double middleOfRun(int i) {
    int a = i;
    int b = i;
    while (a > 0 && values[a - 1] == values[i]) {
      a--;
    }
    while (b < values.length - 1 && values[b + 1] == values[i]) {
      b++;
    }
    return 0.5 * (levels[a] + levels[b]);
  }

  /** The grid value at a CDF level (linear between grid points). */
  double interpolate(double u) {
    int k = levels.length;
    if (u <= levels[0]) {
      return values[0];
    }
    if (u >= levels[k - 1]) {
      return values[k - 1];
    }
    int i = Arrays.binarySearch(levels, u);
    if (i >= 0) {
      return values[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double w = (u - levels[lo]) / (levels[hi] - levels[lo]);
    return values[lo] + w * (values[hi] - values[lo]);
  }

  /** Φ⁻¹(u) through Commons Math's inverse error function. */
  static double inverseNormalCdf(double u) {
    return Math.sqrt(2) * Erf.erfInv(2 * u - 1);
  }

  /**
   * Φ(z) by Abramowitz and Stegun 26.2.17 (absolute error below 7.5·10⁻⁸, far finer than any grid
   * step): Commons Math's exact erf costs microseconds per call, which sampling 100k rows would feel.
   */
  static double normalCdf(double z) {
    double a = Math.abs(z);
    double t = 1 / (1 + 0.2316419 * a);
    double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978
        + t * 1.330274429))));
    double tail = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI) * poly;
    return z >= 0 ? 1 - tail : tail;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantileNormal q && column.equals(q.column) && kind == q.kind
        && Arrays.equals(levels, q.levels) && Arrays.equals(values, q.values) && min == q.min
        && max == q.max && missingRate == q.missingRate && dequantized == q.dequantized;
  }

  @Override
  public int hashCode() {
    return 31 * column.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "QuantileNormal[" + column + ", " + levels.length + " points]";
  }
}
