package org.synthehr.evaluator.fairness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.stats.Auc;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.config.FairnessConfig;
import org.synthehr.evaluator.fidelity.QualityScore;
import org.synthehr.evaluator.model.Bootstrap;
import org.synthehr.evaluator.stats.CategoricalPlan;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.SubgroupPlan;
import org.synthehr.evaluator.stats.TableStatistics;
import org.synthehr.evaluator.utility.UtilityMetrics;

/**
 * Whether synthetic data serves every subgroup equally: per subgroup of each configured column, its
 * share of rows, the mean column-shape similarity within the subgroup (with the holdout's as
 * baseline), and, from the first utility model, TSTR and TRTR AUC on the subgroup's test rows and
 * their ratio. A subgroup whose ratio falls below the overall ratio by more than the configured
 * margin fails its check ({@code passed = false}) and is counted in {@code fairness.flagged}.
 */
public final class FairnessMetrics {
  /** Report group of every figure here. */
  public static final String GROUP = "fairness";

  private FairnessMetrics() {}

  /**
   * The subgroup figures.
   *
   * @param holdout holdout statistics, or null
   * @param utility the utility result, or null when utility was not computed
   */
  public static List<MetricResult> compute(StatisticsPlan plan, TableStatistics real,
      TableStatistics synthetic, TableStatistics holdout, UtilityMetrics.Result utility,
      FairnessConfig config, Bootstrap bootstrap, Seeds seeds) {
    List<MetricResult> out = new ArrayList<>();
    List<Map<String, Object>> flagged = new ArrayList<>();
    UtilityMetrics.ModelScores model = utility == null || utility.scores().isEmpty() ? null
        : utility.scores().get(0);
    double overallRatio = model == null ? Double.NaN
        : Auc.of(utility.truth(), model.tstr()) / Auc.of(utility.truth(), model.trtr());
    for (int s = 0; s < plan.subgroups().size(); s++) {
      SubgroupPlan sp = plan.subgroups().get(s);
      int[] testGroup = model == null ? null : groups(sp, plan, utility.test());
      for (int g = 0; g < sp.size(); g++) {
        String label = sp.labels().get(g);
        String id = "fairness." + sp.column() + "=" + label.replace('.', '_') + ".";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("column", sp.column());
        details.put("group", label);
        details.put("real_rows", real.groupRows(s, g));
        details.put("synthetic_rows", synthetic.groupRows(s, g));
        if (holdout != null) {
          details.put("holdout_rows", holdout.groupRows(s, g));
        }
        double rs = share(real, s, g);
        double ss = share(synthetic, s, g);
        Map<String, Object> shares = new LinkedHashMap<>(details);
        shares.put("real_share", rs);
        shares.put("synthetic_share", ss);
        if (holdout != null) {
          shares.put("holdout_share", share(holdout, s, g));
        }
        out.add(MetricResult.of(id + "share", GROUP, Math.abs(ss - rs),
                Direction.LOWER_IS_BETTER, "Difference of the share of rows in " + sp.column()
                    + " = " + label + " (real " + pct(rs) + ", synthetic " + pct(ss) + ")")
            .withBaseline(holdout == null ? null : Math.abs(share(holdout, s, g) - rs))
            .withDetails(shares));
        out.add(MetricResult.of(id + "shape", GROUP, shape(plan, real, synthetic, s, g),
                Direction.HIGHER_IS_BETTER, "Mean column-shape similarity (1-KS or 1-TVD) within "
                    + sp.column() + " = " + label)
            .withBaseline(holdout == null ? null : shape(plan, real, holdout, s, g))
            .withDetails(details));
        if (model != null) {
          utilityFigures(out, flagged, id, sp, label, testGroup, g, utility, model, overallRatio,
              config, bootstrap, seeds.child(id), details);
        }
      }
    }
    if (model != null) {
      out.add(MetricResult.of("fairness.flagged", GROUP, flagged.size(),
              Direction.LOWER_IS_BETTER, "Subgroups whose TSTR/TRTR AUC ratio (" + model.kind().id()
                  + ") is below the overall ratio by more than " + config.margin())
          .withDetails(Map.of("subgroups", flagged, "overall_ratio", overallRatio,
              "margin", config.margin(), "unit", "count")));
    }
    return out;
  }

  private static void utilityFigures(List<MetricResult> out, List<Map<String, Object>> flagged,
      String id, SubgroupPlan sp, String label, int[] testGroup, int g,
      UtilityMetrics.Result utility, UtilityMetrics.ModelScores model, double overallRatio,
      FairnessConfig config, Bootstrap bootstrap, Seeds seeds, Map<String, Object> base) {
    boolean[] truth = utility.truth();
    int[] rows = java.util.stream.IntStream.range(0, testGroup.length)
        .filter(r -> testGroup[r] == g).toArray();
    int positives = 0;
    for (int r : rows) {
      positives += truth[r] ? 1 : 0;
    }
    Map<String, Object> details = new LinkedHashMap<>(base);
    details.put("test_rows", rows.length);
    details.put("test_positives", positives);
    details.put("model", model.kind().id());
    if (rows.length < config.minRows() || positives == 0 || positives == rows.length) {
      return;
    }
    double trtr = Auc.of(truth, model.trtr(), rows);
    double tstr = Auc.of(truth, model.tstr(), rows);
    out.add(MetricResult.of(id + "tstr_auc", GROUP, tstr, Direction.HIGHER_IS_BETTER,
            "TSTR AUC (" + model.kind().id() + ") on test rows with " + sp.column() + " = " + label
                + " (baseline: trained on real)")
        .withInterval(bootstrap.interval(rows.length, seeds.seed("auc"),
            r -> Auc.of(truth, model.tstr(), pick(rows, r))))
        .withBaseline(trtr).withDetails(details));
    double ratio = tstr / trtr;
    double threshold = overallRatio - config.margin();
    boolean pass = !(ratio < threshold);
    out.add(MetricResult.of(id + "auc_ratio", GROUP, ratio, Direction.HIGHER_IS_BETTER,
            "TSTR/TRTR AUC ratio within " + sp.column() + " = " + label + " (flagged below the"
                + " overall ratio minus " + config.margin() + ")")
        .withInterval(bootstrap.interval(rows.length, seeds.seed("ratio"), r -> {
          int[] picked = pick(rows, r);
          return Auc.of(truth, model.tstr(), picked) / Auc.of(truth, model.trtr(), picked);
        }))
        .withBaseline(overallRatio).withCheck(threshold, pass).withDetails(details));
    if (!pass) {
      flagged.add(Map.of("column", sp.column(), "group", label, "ratio", ratio));
    }
  }

  private static int[] pick(int[] rows, int[] resample) {
    int[] out = new int[resample.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows[resample[i]];
    }
    return out;
  }

  /** The subgroup of every row of a table (-1 for none). */
  static int[] groups(SubgroupPlan sp, StatisticsPlan plan, Table table) {
    Column c = table.column(sp.column());
    int[] out = new int[table.rowCount()];
    if (c instanceof NumericColumn n) {
      for (int r = 0; r < out.length; r++) {
        out[r] = sp.groupOfValue(n.get(r));
      }
    } else {
      CategoricalColumn cat = (CategoricalColumn) c;
      CategoricalPlan cp = (CategoricalPlan) plan.column(sp.columnIndex());
      int[] remap = cat.dictionary().stream().mapToInt(cp::code).toArray();
      for (int r = 0; r < out.length; r++) {
        int code = cat.code(r);
        out[r] = code < 0 ? -1 : sp.groupOfCode(remap[code]);
      }
    }
    return out;
  }

  private static double share(TableStatistics t, int s, int g) {
    return t.rows() == 0 ? 0 : (double) t.groupRows(s, g) / t.rows();
  }

  private static double shape(StatisticsPlan plan, TableStatistics real, TableStatistics other,
      int s, int g) {
    int skip = plan.subgroups().get(s).columnIndex();
    double sum = 0;
    int n = 0;
    for (int i = 0; i < plan.columns().size(); i++) {
      if (i != skip) {
        sum += QualityScore.shape(real.groupColumn(s, g, i), other.groupColumn(s, g, i));
        n++;
      }
    }
    return n == 0 ? 1 : sum / n;
  }

  private static String pct(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
  }
}
