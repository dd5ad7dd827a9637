package org.synthehr.evaluator.fidelity;

import java.util.Arrays;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;

/** Distances between two samples of one column: Kolmogorov-Smirnov and total variation. */
public final class Distributions {
  private Distributions() {}

  /**
   * The two-sample Kolmogorov-Smirnov statistic sup|F1 − F2| over the observed values. Ties are
   * handled exactly (both empirical CDFs step past a tied value together). 0 when either is empty.
   */
  public static double ks(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      return a.length == b.length ? 0.0 : 1.0;
    }
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] == v) {
        i++;
      }
      while (j < y.length && y[j] == v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return d;
  }

  /** Total variation distance ½ Σ|p − q| of two count vectors (normalised here). */
  public static double tvd(long[] p, long[] q) {
    double sp = Arrays.stream(p).sum();
    double sq = Arrays.stream(q).sum();
    if (sp == 0 || sq == 0) {
      return sp == sq ? 0.0 : 1.0;
    }
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += Math.abs(p[i] / sp - q[i] / sq);
    }
    return s / 2;
  }

  /**
   * Counts per category of two categorical columns over the union of their dictionaries, with a last
   * cell for missing values: index-aligned vectors ready for {@link #tvd}.
   */
  public static long[][] alignedCounts(CategoricalColumn real, CategoricalColumn synthetic) {
    java.util.Map<String, Integer> index = new java.util.LinkedHashMap<>();
    real.dictionary().forEach(v -> index.putIfAbsent(v, index.size()));
    synthetic.dictionary().forEach(v -> index.putIfAbsent(v, index.size()));
    int missing = index.size();
    long[][] out = new long[2][missing + 1];
    CategoricalColumn[] cols = {real, synthetic};
    for (int s = 0; s < 2; s++) {
      CategoricalColumn c = cols[s];
      int[] map = c.dictionary().stream().mapToInt(index::get).toArray();
      for (int r = 0; r < c.size(); r++) {
        int code = c.code(r);
        out[s][code < 0 ? missing : map[code]]++;
      }
    }
    return out;
  }

  /** Whether a column is numeric (continuous, integer or datetime). */
  static boolean isNumeric(Column c) {
    return c instanceof NumericColumn;
  }
}
