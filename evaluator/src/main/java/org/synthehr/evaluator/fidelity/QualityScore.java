package org.synthehr.evaluator.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.stats.CategoricalStatistics;
import org.synthehr.evaluator.stats.ColumnStatistics;
import org.synthehr.evaluator.stats.NumericPlan;
import org.synthehr.evaluator.stats.NumericStatistics;
import org.synthehr.evaluator.stats.PairStatistics;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.TableStatistics;

/**
 * The SDMetrics-style quality score of REFERENCE.md, so our figures compare with published ones:
 * the mean of (a) column shapes, the mean over columns of 1−KS (numeric) or 1−TVD (discrete, missing
 * as its own category), and (b) column-pair trends, the mean over all pairs of 1−|Δ Pearson|/2 for two
 * numeric columns, else 1−TVD of the joint distribution with numeric columns cut into 10 equal-width
 * bins of the real range (missing in its own bin).
 */
public final class QualityScore {
  /** Bins of a numeric column in a mixed pair. */
  public static final int BINS = NumericPlan.TREND_BINS;

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

  /**
   * Scores {@code synthetic} against {@code real} over the real table's modelled columns, exactly
   * (every distinct real value is a cut point, so KS is exact).
   */
  public static Result score(Table real, Table synthetic) {
    StatisticsPlan plan = StatisticsPlan.fromReal(real, Integer.MAX_VALUE, List.of(), 0);
    return fromStatistics(plan, TableStatistics.of(real, plan),
        TableStatistics.of(synthetic, plan));
  }

  /**
   * The score from sufficient statistics: the same figure for tables counted in memory or by Spark.
   * KS terms are exact when the plan holds every distinct real value (see {@link MarginalDistances}).
   */
  public static Result fromStatistics(StatisticsPlan plan, TableStatistics real,
      TableStatistics synthetic) {
    Map<String, Double> shapes = new LinkedHashMap<>();
    for (int i = 0; i < plan.columns().size(); i++) {
      shapes.put(plan.column(i).name(), shape(real.column(i), synthetic.column(i)));
    }
    Map<String, Double> trends = new LinkedHashMap<>();
    for (int p = 0; p < plan.pairCount(); p++) {
      PairStatistics r = real.pair(p);
      PairStatistics s = synthetic.pair(p);
      double t = r.kind() == PairStatistics.Kind.NUMERIC
          ? 1 - Math.abs(Associations.pearson(r) - Associations.pearson(s)) / 2
          : Associations.contingencySimilarity(r, s);
      trends.put(plan.column(plan.pairA(p)).name() + "|" + plan.column(plan.pairB(p)).name(), t);
    }
    double shape = shapes.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
    double trend = trends.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
    return new Result(shapes, trends, shape, trend, (shape + trend) / 2);
  }

  /** 1−KS for numeric columns, 1−TVD (missing as a category) for discrete ones. */
  public static double shape(ColumnStatistics real, ColumnStatistics synthetic) {
    if (real instanceof NumericStatistics r) {
      return 1 - MarginalDistances.ks(r, (NumericStatistics) synthetic);
    }
    return 1 - MarginalDistances.tvd((CategoricalStatistics) real,
        (CategoricalStatistics) synthetic);
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

  /** A one-line summary such as "overall 0.912 (shape 0.951, trend 0.873)". */
  public static String describe(Result r) {
    return String.format(Locale.ROOT, "overall %.3f (shape %.3f, trend %.3f)", r.overall(),
        r.shape(), r.trend());
  }
}
