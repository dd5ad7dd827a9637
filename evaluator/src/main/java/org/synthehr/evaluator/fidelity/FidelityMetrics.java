package org.synthehr.evaluator.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.evaluator.stats.CategoricalPlan;
import org.synthehr.evaluator.stats.CategoricalStatistics;
import org.synthehr.evaluator.stats.ColumnPlan;
import org.synthehr.evaluator.stats.NumericPlan;
import org.synthehr.evaluator.stats.NumericStatistics;
import org.synthehr.evaluator.stats.PairStatistics;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.TableStatistics;

/**
 * Every statistics-based fidelity figure of a synthetic table against the real training table, each
 * with the same figure for the holdout (new real data) as its baseline:
 * <ul>
 *   <li>per column: KS and Wasserstein (numeric), TVD, category coverage and invented values
 *       (discrete), missing-rate difference; the histograms go in the KS/TVD metric's details;</li>
 *   <li>per pair: contingency similarity, and the difference of Pearson and Spearman correlations
 *       (numeric pairs), Cramér's V (discrete pairs) or the correlation ratio (mixed pairs); the
 *       association matrices go in {@code fidelity.pairs.association};</li>
 *   <li>the REFERENCE.md quality score.</li>
 * </ul>
 */
public final class FidelityMetrics {
  /** Report group of every figure here. */
  public static final String GROUP = "fidelity";

  private FidelityMetrics() {}

  /**
   * The figures and the quality scores.
   *
   * @param metrics every figure, in report order
   * @param quality the quality score of the synthetic table
   * @param baseline the quality score of the holdout, or null
   */
  public record Result(List<MetricResult> metrics, QualityScore.Result quality,
      QualityScore.Result baseline) {}

  /**
   * Computes every figure, and the same figures for a subsample of the synthetic data as large as the
   * holdout: distances between samples shrink as samples grow, so a baseline measured on fewer rows
   * than the synthetic data would flatter the synthetic figure. The size-matched figure goes in each
   * metric's details ({@code at_holdout_size}) and is what a reader should hold against the baseline.
   *
   * @param holdout holdout statistics, or null (no baselines)
   * @param matched statistics of a synthetic subsample of the holdout's size, or null
   */
  public static Result compute(StatisticsPlan plan, TableStatistics real,
      TableStatistics synthetic, TableStatistics holdout, TableStatistics matched) {
    Result full = compute(plan, real, synthetic, holdout);
    if (holdout == null || matched == null) {
      return full;
    }
    Map<String, Double> byId = new java.util.HashMap<>();
    compute(plan, real, matched, null).metrics().forEach(m -> byId.put(m.id(), m.value()));
    List<MetricResult> out = new ArrayList<>(full.metrics().size());
    for (MetricResult m : full.metrics()) {
      Double v = byId.get(m.id());
      if (v == null) {
        out.add(m);
      } else {
        Map<String, Object> d = new LinkedHashMap<>(m.details());
        d.put("at_holdout_size", v);
        d.put("holdout_size_rows", matched.rows());
        out.add(m.withDetails(d));
      }
    }
    return new Result(out, full.quality(), full.baseline());
  }

  /** Computes every figure; {@code holdout} may be null (no baselines). */
  public static Result compute(StatisticsPlan plan, TableStatistics real,
      TableStatistics synthetic, TableStatistics holdout) {
    QualityScore.Result quality = QualityScore.fromStatistics(plan, real, synthetic);
    QualityScore.Result baseline = holdout == null ? null
        : QualityScore.fromStatistics(plan, real, holdout);
    List<MetricResult> out = new ArrayList<>(quality.metrics(baseline));
    for (int i = 0; i < plan.columns().size(); i++) {
      ColumnPlan cp = plan.column(i);
      if (cp instanceof NumericPlan np) {
        numericColumn(out, np, (NumericStatistics) real.column(i),
            (NumericStatistics) synthetic.column(i),
            holdout == null ? null : (NumericStatistics) holdout.column(i));
      } else {
        categoricalColumn(out, (CategoricalPlan) cp, (CategoricalStatistics) real.column(i),
            (CategoricalStatistics) synthetic.column(i),
            holdout == null ? null : (CategoricalStatistics) holdout.column(i));
      }
    }
    pairs(out, plan, real, synthetic, holdout);
    return new Result(out, quality, baseline);
  }

  private static void numericColumn(List<MetricResult> out, NumericPlan plan, NumericStatistics r,
      NumericStatistics s, NumericStatistics h) {
    String c = plan.name();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("column", c);
    details.put("kind", plan.kind().id());
    details.put("histogram", MarginalHistogram.numeric(plan, r, s, h));
    details.put("mean", summary(r.moments().mean(), s.moments().mean(),
        h == null ? null : h.moments().mean()));
    details.put("std", summary(r.moments().std(), s.moments().std(),
        h == null ? null : h.moments().std()));
    details.put("missing_rate", summary(r.missingRate(), s.missingRate(),
        h == null ? null : h.missingRate()));
    out.add(metric("fidelity.column.ks." + c, MarginalDistances.ks(r, s),
        h == null ? null : MarginalDistances.ks(r, h), Direction.LOWER_IS_BETTER,
        "Kolmogorov-Smirnov statistic of " + c + " (largest gap between the real and synthetic"
            + " cumulative distributions)").withDetails(details));
    double std = r.moments().std();
    double scale = std > 0 ? std : 1;
    double w = MarginalDistances.wasserstein(plan, r, s) / scale;
    Double wb = h == null ? null : MarginalDistances.wasserstein(plan, r, h) / scale;
    out.add(metric("fidelity.column.wasserstein." + c, w, wb, Direction.LOWER_IS_BETTER,
        "Wasserstein-1 distance of " + c + " in real standard deviations (average shift needed to"
            + " turn one distribution into the other)")
        .withDetails(Map.of("column", c, "real_std", std, "distance", w * scale)));
    missing(out, c, r.missingRate(), s.missingRate(), h == null ? null : h.missingRate());
  }

  private static void categoricalColumn(List<MetricResult> out, CategoricalPlan plan,
      CategoricalStatistics r, CategoricalStatistics s, CategoricalStatistics h) {
    String c = plan.name();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("column", c);
    details.put("kind", plan.kind().id());
    details.put("histogram", MarginalHistogram.categorical(plan, r, s, h));
    details.put("missing_rate", summary(r.missingRate(), s.missingRate(),
        h == null ? null : h.missingRate()));
    out.add(metric("fidelity.column.tvd." + c, MarginalDistances.tvd(r, s),
        h == null ? null : MarginalDistances.tvd(r, h), Direction.LOWER_IS_BETTER,
        "Total variation distance of " + c + " (share of rows whose category would have to"
            + " change)").withDetails(details));
    out.add(metric("fidelity.column.coverage." + c, MarginalDistances.coverage(r, s),
        h == null ? null : MarginalDistances.coverage(r, h), Direction.HIGHER_IS_BETTER,
        "Share of the real categories of " + c + " that the synthetic data uses"));
    Map<String, Object> invented = new LinkedHashMap<>();
    invented.put("column", c);
    invented.put("values", top(s.inventedValues(), 20));
    out.add(metric("fidelity.column.invented." + c, MarginalDistances.inventedShare(s),
        h == null ? null : MarginalDistances.inventedShare(h), Direction.LOWER_IS_BETTER,
        "Share of synthetic values of " + c + " that never occur in the real data")
        .withDetails(invented));
    missing(out, c, r.missingRate(), s.missingRate(), h == null ? null : h.missingRate());
  }

  private static Map<String, Long> top(Map<String, Long> counts, int n) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey())).limit(n)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static void missing(List<MetricResult> out, String c, double r, double s, Double h) {
    out.add(metric("fidelity.column.missing." + c, Math.abs(r - s), h == null ? null
        : Math.abs(r - h), Direction.LOWER_IS_BETTER, "Difference of the share of missing values"
        + " of " + c).withDetails(Map.of("column", c, "real", r, "synthetic", s)));
  }

  private static void pairs(List<MetricResult> out, StatisticsPlan plan, TableStatistics real,
      TableStatistics synthetic, TableStatistics holdout) {
    int n = plan.columns().size();
    double[][] ar = identity(n);
    double[][] as = identity(n);
    double[][] ah = holdout == null ? null : identity(n);
    double diff = 0;
    double diffBase = 0;
    double cont = 0;
    double contBase = 0;
    List<MetricResult> perPair = new ArrayList<>();
    for (int p = 0; p < plan.pairCount(); p++) {
      int a = plan.pairA(p);
      int b = plan.pairB(p);
      ColumnPlan pa = plan.column(a);
      ColumnPlan pb = plan.column(b);
      String key = pa.name() + "|" + pb.name();
      PairStatistics r = real.pair(p);
      PairStatistics s = synthetic.pair(p);
      PairStatistics h = holdout == null ? null : holdout.pair(p);
      ar[a][b] = ar[b][a] = Associations.association(r, pa, pb);
      as[a][b] = as[b][a] = Associations.association(s, pa, pb);
      if (h != null) {
        ah[a][b] = ah[b][a] = Associations.association(h, pa, pb);
        diffBase += Math.abs(ah[a][b] - ar[a][b]);
      }
      diff += Math.abs(as[a][b] - ar[a][b]);
      double cs = Associations.contingencySimilarity(r, s);
      Double ch = h == null ? null : Associations.contingencySimilarity(r, h);
      cont += cs;
      contBase += ch == null ? 0 : ch;
      perPair.add(metric("fidelity.pair.contingency." + key, cs, ch, Direction.HIGHER_IS_BETTER,
          "1 - total variation distance of the joint distribution of " + pa.name() + " and "
              + pb.name() + " (numeric columns in 10 bins)"));
      switch (r.kind()) {
        case NUMERIC -> {
          perPair.add(association("pearson", key, Associations.pearson(r),
              Associations.pearson(s), h == null ? null : Associations.pearson(h),
              "Pearson correlation"));
          perPair.add(association("spearman", key, Associations.spearman(r),
              Associations.spearman(s), h == null ? null : Associations.spearman(h),
              "Spearman rank correlation"));
        }
        case CATEGORICAL -> perPair.add(association("cramers_v", key, ar[a][b], as[a][b],
            h == null ? null : ah[a][b], "Cramér's V"));
        case MIXED -> perPair.add(association("correlation_ratio", key, ar[a][b], as[a][b],
            h == null ? null : ah[a][b], "correlation ratio"));
        default -> throw new IllegalStateException();
      }
    }
    int pairs = Math.max(1, plan.pairCount());
    Map<String, Object> matrices = new LinkedHashMap<>();
    matrices.put("columns", plan.names());
    matrices.put("kinds", plan.columns().stream().map(c -> c instanceof NumericPlan ? "numeric"
        : "categorical").toList());
    matrices.put("real", rounded(ar));
    matrices.put("synthetic", rounded(as));
    if (ah != null) {
      matrices.put("holdout", rounded(ah));
    }
    out.add(metric("fidelity.pairs.association", diff / pairs,
        holdout == null ? null : diffBase / pairs, Direction.LOWER_IS_BETTER,
        "Mean absolute difference of pairwise association (Pearson r for numeric pairs, Cramér's V"
            + " for categorical pairs, correlation ratio for mixed pairs)").withDetails(matrices));
    out.add(metric("fidelity.pairs.contingency", cont / pairs,
        holdout == null ? null : contBase / pairs, Direction.HIGHER_IS_BETTER,
        "Mean contingency similarity over all column pairs"));
    out.addAll(perPair);
  }

  private static MetricResult association(String name, String key, double r, double s, Double h,
      String what) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("real", r);
    d.put("synthetic", s);
    if (h != null) {
      d.put("holdout", h);
    }
    return metric("fidelity.pair." + name + "." + key, Math.abs(s - r),
        h == null ? null : Math.abs(h - r), Direction.LOWER_IS_BETTER,
        "Absolute difference of the " + what + " of " + key.replace("|", " and "))
        .withDetails(d);
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  private static List<List<Double>> rounded(double[][] m) {
    List<List<Double>> out = new ArrayList<>();
    for (double[] row : m) {
      List<Double> r = new ArrayList<>();
      for (double v : row) {
        r.add(Math.round(v * 1e4) / 1e4);
      }
      out.add(r);
    }
    return out;
  }

  private static Map<String, Object> summary(double real, double synthetic, Double holdout) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("real", real);
    m.put("synthetic", synthetic);
    if (holdout != null) {
      m.put("holdout", holdout);
    }
    return m;
  }

  private static MetricResult metric(String id, double value, Double baseline, Direction d,
      String text) {
    return MetricResult.of(id, GROUP, value, d, text).withBaseline(baseline);
  }
}
