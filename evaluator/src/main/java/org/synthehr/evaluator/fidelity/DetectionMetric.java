package org.synthehr.evaluator.fidelity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.Interval;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.stats.Auc;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.EntityRows;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.config.DetectionConfig;
import org.synthehr.evaluator.model.BinaryClassifier;
import org.synthehr.evaluator.model.Bootstrap;
import org.synthehr.evaluator.model.RowSampler;

/**
 * Detection: a Tribuo classifier is trained to tell real training rows from synthetic rows (equal
 * numbers of each, a seeded subsample) and its ROC AUC is measured on rows it did not see, with a
 * bootstrap interval over those test rows. 0.5 means the two cannot be told apart; the baseline is
 * the same experiment with holdout rows in place of synthetic ones, run on the same number of rows.
 */
public final class DetectionMetric {
  private DetectionMetric() {}

  /**
   * The detection AUC and score.
   *
   * @param real real training rows
   * @param synthetic synthetic rows
   * @param holdout holdout rows, or null for no baseline
   */
  public static List<MetricResult> compute(Table real, Table synthetic, Table holdout,
      DetectionConfig config, Bootstrap bootstrap, Seeds seeds) {
    // One row per patient on every side that names its patients (real rows always may; another
    // tool's output rarely does): a patient's other rows are near copies that a classifier would
    // "recognise" across its own train/test split.
    real = EntityRows.onePerEntity(real, seeds.seed("patients.real"));
    synthetic = EntityRows.onePerEntity(synthetic, seeds.seed("patients.synthetic"));
    holdout = holdout == null ? null : EntityRows.onePerEntity(holdout,
        seeds.seed("patients.holdout"));
    int n = Math.min(config.maxRows(), Math.min(real.rowCount(), synthetic.rowCount()));
    if (holdout != null) {
      n = Math.min(n, holdout.rowCount());
    }
    List<MetricResult> out = new ArrayList<>();
    if (n < 20) {
      return out;
    }
    Table r = RowSampler.sample(real.modelled(), n, seeds.seed("real"));
    Run syn = run(r, RowSampler.sample(synthetic.select(r.schema().names()), n,
        seeds.seed("synthetic")), config, bootstrap, seeds.child("synthetic"));
    Run base = holdout == null ? null : run(r, RowSampler.sample(holdout.select(
        r.schema().names()), n, seeds.seed("holdout")), config, bootstrap, seeds.child("holdout"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("model", config.model().title());
    details.put("rows_per_side", n);
    details.put("test_rows", syn.testRows);
    if (base != null && base.interval != null) {
      details.put("baseline_interval", Map.of("low", base.interval.low(), "high",
          base.interval.high(), "level", base.interval.level()));
    }
    out.add(MetricResult.of("fidelity.detection.auc", FidelityMetrics.GROUP, syn.auc,
            Direction.LOWER_IS_BETTER, "ROC AUC of a " + config.model().title() + " telling real"
                + " rows from synthetic ones (0.5 = indistinguishable)")
        .withInterval(syn.interval).withBaseline(base == null ? null : base.auc)
        .withDetails(details));
    out.add(MetricResult.of("fidelity.detection.score", FidelityMetrics.GROUP, score(syn.auc),
            Direction.HIGHER_IS_BETTER, "Detection score 1 - 2(max(AUC, 0.5) - 0.5): 1 when the"
                + " classifier cannot tell synthetic from real rows, 0 when it always can")
        .withInterval(syn.interval == null ? null : new Interval(score(syn.interval.high()),
            score(syn.interval.low()), syn.interval.level()))
        .withBaseline(base == null ? null : score(base.auc)));
    return out;
  }

  private static double score(double auc) {
    return 1 - 2 * (Math.max(auc, 0.5) - 0.5);
  }

  private record Run(double auc, Interval interval, int testRows) {}

  private static Run run(Table real, Table other, DetectionConfig config, Bootstrap bootstrap,
      Seeds seeds) {
    int n = real.rowCount();
    int test = Math.max(1, (int) Math.round(n * config.testFraction()));
    int[] p = RowSampler.permutation(n, seeds.seed("split"));
    int[] testIdx = Arrays.copyOf(p, test);
    int[] trainIdx = Arrays.copyOfRange(p, test, n);
    Table train = concat(real.take(trainIdx), other.take(trainIdx));
    boolean[] trainTruth = truth(trainIdx.length);
    Table testTable = concat(real.take(testIdx), other.take(testIdx));
    boolean[] testTruth = truth(test);
    BinaryClassifier model = BinaryClassifier.train(config.model(), train,
        real.schema().names(), trainTruth, seeds.seed("model"));
    double[] scores = model.scores(testTable);
    double auc = Auc.of(testTruth, scores);
    Interval interval = bootstrap.interval(scores.length, seeds.seed("bootstrap"),
        rows -> Auc.of(testTruth, scores, rows));
    return new Run(auc, interval, testTable.rowCount());
  }

  /** First half real (false), second half synthetic (true). */
  private static boolean[] truth(int perSide) {
    boolean[] t = new boolean[2 * perSide];
    Arrays.fill(t, perSide, 2 * perSide, true);
    return t;
  }

  /** Rows of a then rows of b; discrete columns are recoded to one dictionary. */
  static Table concat(Table a, Table b) {
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < a.columnCount(); i++) {
      cols.add(TableConcat.column(a.column(i), b.column(a.column(i).name())));
    }
    return new Table(a.schema(), cols);
  }
}
