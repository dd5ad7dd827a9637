package org.synthehr.generator.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;

/**
 * The quality score of REFERENCE.md for generator tests (the evaluator module, which has the
 * reporting version, depends on this one): mean of column shapes (1 − KS for numeric, 1 − TVD for
 * discrete, missing as its own value) and column-pair trends (1 − |Δ Pearson| / 2 for two numeric
 * columns, else 1 − TVD of the joint with numeric columns in 10 equal-width bins of the real range).
 */
public final class QualityScorer {
  private QualityScorer() {}

  /** The overall score of {@code synthetic} against {@code real} over real's modelled columns. */
  public static double score(Table real, Table synthetic) {
    List<ColumnSpec> cols = real.schema().modelled().columns();
    double shapes = 0;
    List<int[]> realCodes = new ArrayList<>();
    List<int[]> synCodes = new ArrayList<>();
    for (ColumnSpec c : cols) {
      Column r = real.column(c.name());
      Column s = synthetic.column(c.name());
      if (r instanceof NumericColumn rn) {
        shapes += 1 - ks(rn.observed(), ((NumericColumn) s).observed());
        double[] range = range(rn);
        realCodes.add(bins(rn, range));
        synCodes.add(bins((NumericColumn) s, range));
      } else {
        Map<String, Integer> index = new HashMap<>();
        int[] rc = codes((CategoricalColumn) r, index);
        int[] sc = codes((CategoricalColumn) s, index);
        realCodes.add(rc);
        synCodes.add(sc);
        shapes += 1 - tvd(counts(rc, index.size() + 1), counts(sc, index.size() + 1));
      }
    }
    double trends = 0;
    int pairs = 0;
    for (int i = 0; i < cols.size(); i++) {
      for (int j = i + 1; j < cols.size(); j++) {
        Column ri = real.column(cols.get(i).name());
        Column rj = real.column(cols.get(j).name());
        if (ri instanceof NumericColumn a && rj instanceof NumericColumn b) {
          double dr = pearson(a, b);
          double ds = pearson((NumericColumn) synthetic.column(cols.get(i).name()),
              (NumericColumn) synthetic.column(cols.get(j).name()));
          trends += 1 - Math.abs(dr - ds) / 2;
        } else {
          trends += 1 - tvd(joint(realCodes.get(i), realCodes.get(j)),
              joint(synCodes.get(i), synCodes.get(j)));
        }
        pairs++;
      }
    }
    double shape = shapes / cols.size();
    double trend = pairs == 0 ? 1 : trends / pairs;
    return (shape + trend) / 2;
  }

  private static double ks(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      return a.length == b.length ? 0 : 1;
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
      while (i < x.length && x[i] <= v) {
        i++;
      }
      while (j < y.length && y[j] <= v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return d;
  }

  private static double[] range(NumericColumn c) {
    double[] obs = c.observed();
    double min = Arrays.stream(obs).min().orElse(0);
    double max = Arrays.stream(obs).max().orElse(0);
    return new double[] {min, max};
  }

  private static int[] bins(NumericColumn c, double[] range) {
    int[] out = new int[c.size()];
    double width = (range[1] - range[0]) / 10;
    for (int r = 0; r < out.length; r++) {
      double v = c.get(r);
      out[r] = Double.isNaN(v) ? 10 : width <= 0 ? 0
          : (int) Math.max(0, Math.min(9, Math.floor((v - range[0]) / width)));
    }
    return out;
  }

  private static int[] codes(CategoricalColumn c, Map<String, Integer> index) {
    int[] out = new int[c.size()];
    for (int r = 0; r < out.length; r++) {
      String v = c.value(r);
      out[r] = v == null ? -1 : index.computeIfAbsent(v, k -> index.size());
    }
    return out;
  }

  private static long[] counts(int[] codes, int levels) {
    long[] out = new long[levels];
    for (int c : codes) {
      out[c < 0 ? levels - 1 : c]++;
    }
    return out;
  }

  /** Counts of each (a, b) value pair; missing is -1, its own value. */
  private static Map<Long, Long> joint(int[] a, int[] b) {
    Map<Long, Long> out = new HashMap<>();
    for (int r = 0; r < a.length; r++) {
      out.merge(((long) a[r] << 32) ^ (b[r] & 0xffffffffL), 1L, Long::sum);
    }
    return out;
  }

  private static double tvd(Map<Long, Long> p, Map<Long, Long> q) {
    double sp = p.values().stream().mapToLong(Long::longValue).sum();
    double sq = q.values().stream().mapToLong(Long::longValue).sum();
    java.util.Set<Long> keys = new java.util.HashSet<>(p.keySet());
    keys.addAll(q.keySet());
    double d = 0;
    for (Long k : keys) {
      d += Math.abs(p.getOrDefault(k, 0L) / sp - q.getOrDefault(k, 0L) / sq);
    }
    return d / 2;
  }

  private static double tvd(long[] p, long[] q) {
    int n = Math.max(p.length, q.length);
    double sp = Arrays.stream(p).sum();
    double sq = Arrays.stream(q).sum();
    double d = 0;
    for (int i = 0; i < n; i++) {
      double a = i < p.length ? p[i] / sp : 0;
      double b = i < q.length ? q[i] / sq : 0;
      d += Math.abs(a - b);
    }
    return d / 2;
  }

  private static double pearson(NumericColumn a, NumericColumn b) {
    double sa = 0;
    double sb = 0;
    double saa = 0;
    double sbb = 0;
    double sab = 0;
    int n = 0;
    for (int r = 0; r < a.size(); r++) {
      double x = a.get(r);
      double y = b.get(r);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        continue;
      }
      sa += x;
      sb += y;
      saa += x * x;
      sbb += y * y;
      sab += x * y;
      n++;
    }
    if (n < 2) {
      return 0;
    }
    double cov = sab / n - sa / n * sb / n;
    double va = saa / n - sa / n * sa / n;
    double vb = sbb / n - sb / n * sb / n;
    return va <= 1e-12 || vb <= 1e-12 ? 0 : cov / Math.sqrt(va * vb);
  }
}
