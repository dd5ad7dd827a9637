package org.synthehr.evaluator.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.config.FairnessConfig;
import org.synthehr.evaluator.model.Bootstrap;
import org.synthehr.evaluator.model.ClassifierKind;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.TableStatistics;
import org.synthehr.evaluator.testing.Tables;
import org.synthehr.evaluator.utility.BinaryOutcome;
import org.synthehr.evaluator.utility.UtilityMetrics;

class FairnessMetricsTest {
  @Test
  void flagsTheSubgroupTheSyntheticModelFailsAndOnlyThatOne() {
    Table t = Tables.diabetes();
    Table real = Tables.rows(t, 0, 1500);
    Table test = Tables.rows(t, 1500, t.rowCount());
    FairnessConfig config = new FairnessConfig(List.of("gender"), 0.05, 30);
    StatisticsPlan plan = StatisticsPlan.fromReal(real, 2048, config.columns(), config.minRows());
    // Scores: the model trained on real data ranks everyone well; the one trained on synthetic
    // data ranks men as well but women at random.
    SplittableRandom r = new SplittableRandom(4);
    boolean[] truth = new boolean[test.rowCount()];
    double[] trtr = new double[truth.length];
    double[] tstr = new double[truth.length];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = "<30".equals(test.categorical("readmitted").value(i));
      trtr[i] = (truth[i] ? 0.6 : 0) + r.nextDouble();
      tstr[i] = "Female".equals(test.categorical("gender").value(i)) ? r.nextDouble() : trtr[i];
    }
    UtilityMetrics.Result utility = new UtilityMetrics.Result(List.of(),
        new BinaryOutcome("readmitted", Set.of("<30"), false), test, truth,
        List.of(new UtilityMetrics.ModelScores(ClassifierKind.LOGISTIC, trtr, tstr)));
    TableStatistics rs = TableStatistics.of(real, plan);
    List<MetricResult> out = FairnessMetrics.compute(plan, rs, TableStatistics.of(
        Tables.noise(test, 1), plan), TableStatistics.of(test, plan), utility, config,
        new Bootstrap(50, 0.95), Seeds.of(1));
    Map<String, MetricResult> byId = out.stream().collect(Collectors.toMap(MetricResult::id,
        m -> m));
    assertFalse(byId.get("fairness.gender=Female.auc_ratio").passed());
    assertTrue(byId.get("fairness.gender=Male.auc_ratio").passed());
    assertEquals(1.0, byId.get("fairness.gender=Male.auc_ratio").value(), 1e-12);
    assertEquals(1.0, byId.get("fairness.flagged").value());
    // Noise fits no subgroup's columns as well as the holdout does.
    MetricResult shape = byId.get("fairness.gender=Male.shape");
    assertTrue(shape.value() < shape.baseline() - 0.1, shape.value() + " vs " + shape.baseline());
  }
}
