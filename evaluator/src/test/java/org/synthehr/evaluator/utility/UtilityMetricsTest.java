package org.synthehr.evaluator.utility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.config.UtilityConfig;
import org.synthehr.evaluator.model.Bootstrap;
import org.synthehr.evaluator.model.ClassifierKind;
import org.synthehr.evaluator.model.RowSampler;
import org.synthehr.evaluator.testing.Tables;

class UtilityMetricsTest {
  private static final UtilityConfig CONFIG = new UtilityConfig(true, null, List.of("<30"),
      List.of(ClassifierKind.LOGISTIC), 5000, 5000, 400);

  @Test
  void outcomeDefaultsToTheRarestValueAndChecksConfiguredOnes() {
    Table t = Tables.diabetes();
    BinaryOutcome rarest = BinaryOutcome.resolve(t, UtilityConfig.defaults(), "readmitted");
    assertEquals(java.util.Set.of("<30"), rarest.positive());
    assertTrue(rarest.chosenByDefault());
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () ->
        BinaryOutcome.resolve(t, UtilityConfig.defaults().withLabel(null, List.of("<31")),
            "readmitted"));
    assertTrue(e.getMessage().contains("<31") && e.getMessage().contains("NO"), e.getMessage());
    assertThrows(InvalidConfigException.class, () -> BinaryOutcome.resolve(t,
        UtilityConfig.defaults().withLabel("nope", List.of()), null));
    BinaryOutcome.Truth truth = BinaryOutcome.resolve(t, CONFIG, "readmitted").truth(t);
    assertEquals(0.11, truth.prevalence(), 0.03);
  }

  @Test
  void f1AndAccuracyByHand() {
    boolean[] truth = {true, true, false, false, false};
    double[] score = {0.9, 0.2, 0.8, 0.1, 0.3};
    int[] all = {0, 1, 2, 3, 4};
    // Threshold 0.5: TP 1, FP 1, FN 1, TN 2.
    assertEquals(0.5, UtilityMetrics.f1(truth, score, 0.5, all), 1e-12);
    assertEquals(0.6, UtilityMetrics.accuracy(truth, score, 0.5, all), 1e-12);
  }

  @Test
  void realTrainingDataMatchesItsBaselineAndShuffledLabelsDoNot() {
    Table t = Tables.diabetes();
    Table train = Tables.rows(t, 0, 1800);
    Table holdout = Tables.rows(t, 1800, t.rowCount());
    BinaryOutcome outcome = BinaryOutcome.resolve(train, CONFIG, "readmitted");
    Bootstrap boot = new Bootstrap(50, 0.95);
    UtilityMetrics.Result same = UtilityMetrics.compute(train, train, holdout, outcome, CONFIG,
        boot, Seeds.of(1), s -> { });
    assertEquals(1.0, value(same.metrics(), "utility.logistic.ratio.auc"), 0.03);
    assertTrue(value(same.metrics(), "utility.logistic.importance_agreement") > 0.8);
    // Labels shuffled against the features: nothing to learn.
    List<Column> cols = new ArrayList<>(train.columns());
    int label = train.schema().indexOf("readmitted");
    cols.set(label, cols.get(label).take(RowSampler.permutation(train.rowCount(), 3)));
    Table noSignal = new Table(train.schema(), cols);
    UtilityMetrics.Result bad = UtilityMetrics.compute(train, noSignal, holdout, outcome, CONFIG,
        boot, Seeds.of(1), s -> { });
    MetricResult tstr = find(bad.metrics(), "utility.logistic.tstr.auc");
    assertTrue(tstr.value() < tstr.baseline() - 0.03, tstr.value() + " vs " + tstr.baseline());
    assertTrue(tstr.value() < 0.58);
    assertTrue(tstr.interval().low() < tstr.value() && tstr.value() < tstr.interval().high());
    assertTrue(value(bad.metrics(), "utility.logistic.ratio.auc") < 0.95);
    Map<String, Object> d = tstr.details();
    assertEquals(1800, d.get("train_rows"));
  }

  static double value(List<MetricResult> ms, String id) {
    return find(ms, id).value();
  }

  static MetricResult find(List<MetricResult> ms, String id) {
    return ms.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() ->
        new AssertionError("no metric " + id));
  }
}
