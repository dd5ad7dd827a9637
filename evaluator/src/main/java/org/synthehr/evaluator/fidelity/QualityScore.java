package org.synthehr.evaluator.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;

/**
 * The SDMetrics-style quality score of REFERENCE.md, so our figures compare with published ones:
 * the mean of (a) column shapes, the mean over columns of 1−KS (numeric) or 1−TVD (discrete, missing
 * as its own category), and (b) column-pair trends, the mean over all pairs of 1−|Δ Pearson|/2 for two
 * numeric columns, else 1−TVD of the joint distribution with numeric columns cut into 10 equal-width
 * bins of the real range (missing in its own bin).
 */
public final class QualityScore {
  /** Bins of a numeric column in a mixed pair. */
  public static final int BINS = 10;

  private QualityScore() {}

  /**
   * The score of a synthetic (or holdout) table against the real one.
   *
   * @param shapes 1−KS or 1−TVD per column, in schema order
   * @param trends per pair "a|b", its trend similarity
   * @param shape mean of the shapes
   * @param trend mean of the trends (1 when there is a single column)
   * @param overall mean of shape and trend
   */
  public record Result(Map<String, Double> shapes, Map<String, Double> trends, double shape,
      double trend, double overall) {

    /** The headline figures as report metrics, with this score of a baseline table alongside. */
    public List<MetricResult> metrics(Result baseline) {
      List<MetricResult> out = new ArrayList<>();
      out.add(metric("fidelity.quality.overall", overall, baseline == null ? null : baseline.overall,
          "Quality score (REFERENCE.md): mean of the column-shape and column-pair-trend scores"));
      out.add(metric("fidelity.quality.shape", shape, baseline == null ? null : baseline.shape,
          "Mean over columns of 1-KS (numeric) or 1-TVD (categorical)"));
      out.add(metric("fidelity.quality.trend", trend, baseline == null ? null : baseline.trend,
          "Mean over column pairs of 1-|delta Pearson|/2 (numeric pairs) or 1-TVD of the binned joint")
          .withDetails(Map.of("pairs", trends)));
      for (Map.Entry<String, Double> e : shapes.entrySet()) {
        out.add(metric("fidelity.shape." + e.getKey(), e.getValue(),
            baseline == null ? null : baseline.shapes.get(e.getKey()),
            "Shape similarity of column " + e.getKey()));
      }
      return out;
    }

    private static MetricResult metric(String id, double value, Double baseline, String text) {
      return MetricResult.of(id, "fidelity", value, Direction.HIGHER_IS_BETTER, text)
          .withBaseline(baseline);
    }
  }

  /** Scores {@code synthetic} against {@code real} over the real table's modelled columns. */
  public static Result score(Table real, Table synthetic) {
    List<ColumnSpec> columns = real.schema().modelled().columns();
    Map<String, Double> shapes = new LinkedHashMap<>();
    for (ColumnSpec c : columns) {
      shapes.put(c.name(), shape(real.column(c.name()), synthetic.column(c.name())));
    }
    Map<String, Double> trends = new LinkedHashMap<>();
    List<Column> realCols = columns.stream().map(c -> real.column(c.name())).toList();
    List<Column> synCols = columns.stream().map(c -> synthetic.column(c.name())).toList();
    List<int[]> realCodes = new ArrayList<>();
    List<int[]> synCodes = new ArrayList<>();
    List<Integer> levels = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Discretized d = discretize(realCols.get(i), synCols.get(i));
      realCodes.add(d.real);
      synCodes.add(d.synthetic);
      levels.add(d.levels);
    }
    for (int i = 0; i < columns.size(); i++) {
      for (int j = i + 1; j < columns.size(); j++) {
        double t;
        if (realCols.get(i) instanceof NumericColumn ri && realCols.get(j) instanceof NumericColumn rj) {
          double dr = Distributions.pearson(ri, rj);
          double ds = Distributions.pearson((NumericColumn) synCols.get(i),
              (NumericColumn) synCols.get(j));
          t = 1 - Math.abs(dr - ds) / 2;
        } else {
          t = 1 - Distributions.tvd(joint(realCodes.get(i), realCodes.get(j), levels.get(j),
              levels.get(i)), joint(synCodes.get(i), synCodes.get(j), levels.get(j), levels.get(i)));
        }
        trends.put(columns.get(i).name() + "|" + columns.get(j).name(), t);
      }
    }
    double shape = shapes.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
    double trend = trends.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
    return new Result(shapes, trends, shape, trend, (shape + trend) / 2);
  }

  /** 1−KS for numeric columns, 1−TVD (missing as a category) for discrete ones. */
  public static double shape(Column real, Column synthetic) {
    if (real instanceof NumericColumn r) {
      return 1 - Distributions.ks(r.observed(), ((NumericColumn) synthetic).observed());
    }
    long[][] counts = Distributions.alignedCounts((CategoricalColumn) real,
        (CategoricalColumn) synthetic);
    return 1 - Distributions.tvd(counts[0], counts[1]);
  }

  private record Discretized(int[] real, int[] synthetic, int levels) {}

  /** Codes for joint tables: categories over the union dictionary, numerics in 10 bins of the real range. */
  private static Discretized discretize(Column real, Column synthetic) {
    if (real instanceof NumericColumn r) {
      NumericColumn s = (NumericColumn) synthetic;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : r.observed()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      return new Discretized(bins(r, min, max), bins(s, min, max), BINS + 1);
    }
    CategoricalColumn r = (CategoricalColumn) real;
    CategoricalColumn s = (CategoricalColumn) synthetic;
    Map<String, Integer> index = new LinkedHashMap<>();
    r.dictionary().forEach(v -> index.putIfAbsent(v, index.size()));
    s.dictionary().forEach(v -> index.putIfAbsent(v, index.size()));
    int missing = index.size();
    return new Discretized(codes(r, index, missing), codes(s, index, missing), missing + 1);
  }

  private static int[] bins(NumericColumn c, double min, double max) {
    int[] out = new int[c.size()];
    double width = (max - min) / BINS;
    for (int i = 0; i < out.length; i++) {
      double v = c.get(i);
      if (Double.isNaN(v)) {
        out[i] = BINS;
      } else if (width <= 0) {
        out[i] = 0;
      } else {
        out[i] = (int) Math.max(0, Math.min(BINS - 1, Math.floor((v - min) / width)));
      }
    }
    return out;
  }

  private static int[] codes(CategoricalColumn c, Map<String, Integer> index, int missing) {
    int[] map = c.dictionary().stream().mapToInt(index::get).toArray();
    int[] out = new int[c.size()];
    for (int i = 0; i < out.length; i++) {
      int code = c.code(i);
      out[i] = code < 0 ? missing : map[code];
    }
    return out;
  }

  private static long[] joint(int[] a, int[] b, int levelsB, int levelsA) {
    long[] counts = new long[levelsA * levelsB];
    for (int i = 0; i < a.length; i++) {
      counts[a[i] * levelsB + b[i]]++;
    }
    return counts;
  }

  /** A one-line summary such as "overall 0.912 (shape 0.951, trend 0.873)". */
  public static String describe(Result r) {
    return String.format(Locale.ROOT, "overall %.3f (shape %.3f, trend %.3f)", r.overall(),
        r.shape(), r.trend());
  }
}
