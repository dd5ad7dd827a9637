package org.synthehr.evaluator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.config.DetectionConfig;
import org.synthehr.evaluator.config.EvaluationSettings;
import org.synthehr.evaluator.config.FairnessConfig;
import org.synthehr.evaluator.config.SupportConfig;
import org.synthehr.evaluator.config.UtilityConfig;
import org.synthehr.evaluator.model.ClassifierKind;
import org.synthehr.evaluator.testing.Tables;

/**
 * Every metric family on four "synthetic" tables made from the real diabetes130 sample: unseen real
 * rows (must score about the holdout baseline), every column shuffled on its own (marginals kept,
 * associations broken), noise (wrong marginals, invented values, missing values) and mode collapse.
 * Each family must rank real rows near the baseline and the broken data clearly worse.
 */
class MetricFamiliesTest {
  private static Map<String, MetricResult> real;
  private static Map<String, MetricResult> shuffled;
  private static Map<String, MetricResult> noise;
  private static Map<String, MetricResult> collapsed;

  @BeforeAll
  static void evaluate() {
    Table t = Tables.diabetes();
    Table training = Tables.rows(t, 0, 1200);
    Table holdout = Tables.rows(t, 1200, 1800);
    Table unseen = Tables.rows(t, 1800, 2400);
    EvaluationSettings s = new EvaluationSettings(50, 0.95, 2048,
        new DetectionConfig(true, ClassifierKind.XGBOOST, 600, 0.3), new SupportConfig(true, 600),
        new UtilityConfig(true, "readmitted", List.of("<30"), List.of(ClassifierKind.LOGISTIC),
            2000, 2000, 300),
        new FairnessConfig(List.of("gender"), 0.05, 50));
    real = run(training, holdout, unseen, s);
    shuffled = run(training, holdout, Tables.shuffled(unseen, 1), s);
    noise = run(training, holdout, Tables.noise(unseen, 2), s);
    collapsed = run(training, holdout, Tables.collapsed(unseen), s);
  }

  private static Map<String, MetricResult> run(Table training, Table holdout, Table syn,
      EvaluationSettings s) {
    return Evaluator.evaluate(Evaluator.inMemory(training, holdout, syn, s), s, Seeds.of(3),
        x -> { }).metrics().stream().collect(Collectors.toMap(MetricResult::id, m -> m));
  }

  /** Mean of a family's values. */
  private static double mean(Map<String, MetricResult> ms, Predicate<String> family) {
    return ms.values().stream().filter(m -> family.test(m.id())).mapToDouble(MetricResult::value)
        .average().orElseThrow(() -> new AssertionError("no metric in family"));
  }

  /** Mean of a family's baselines (the holdout's figures). */
  private static double baseline(Map<String, MetricResult> ms, Predicate<String> family) {
    return ms.values().stream().filter(m -> family.test(m.id())).mapToDouble(m -> m.baseline())
        .average().orElseThrow();
  }

  private static Predicate<String> prefix(String p) {
    return id -> id.startsWith(p);
  }

  /** Pairs of a measure whose real association is at least 0.2 (weaker ones are mostly noise). */
  private static Predicate<String> associated(String measure) {
    return id -> {
      MetricResult m = real.get(id);
      return id.startsWith("fidelity.pair." + measure + ".") && m != null
          && Math.abs(((Number) m.details().get("real")).doubleValue()) >= 0.2;
    };
  }

  /**
   * Real rows score within {@code tolerance} of the baseline; the broken table is worse than the
   * real rows by at least {@code gap}, in the family's direction.
   */
  private static void ranks(Predicate<String> family, Map<String, MetricResult> broken,
      double tolerance, double gap, String what) {
    Direction d = real.values().stream().filter(m -> family.test(m.id())).findFirst()
        .orElseThrow().direction();
    double r = mean(real, family);
    double b = baseline(real, family);
    double x = mean(broken, family);
    double sign = d == Direction.LOWER_IS_BETTER ? 1 : -1;
    assertTrue(Math.abs(r - b) <= tolerance, what + ": real " + r + " vs baseline " + b);
    assertTrue(sign * (x - r) >= gap, what + ": broken " + x + " vs real " + r);
  }

  @Test
  void columnMetrics() {
    ranks(prefix("fidelity.column.ks."), noise, 0.03, 0.1, "KS");
    ranks(prefix("fidelity.column.wasserstein."), noise, 0.05, 0.2, "Wasserstein");
    ranks(prefix("fidelity.column.tvd."), noise, 0.03, 0.1, "TVD");
    ranks(prefix("fidelity.column.missing."), noise, 0.01, 0.1, "missing");
    ranks(prefix("fidelity.column.coverage."), collapsed, 0.05, 0.3, "coverage");
    // Noise invents few values: more would be refused as a spelling mismatch (SideAgreement).
    ranks(prefix("fidelity.column.invented."), noise, 0.01, 0.015, "invented");
  }

  @Test
  void pairMetrics() {
    ranks(associated("pearson"), shuffled, 0.05, 0.15, "Pearson");
    ranks(associated("spearman"), shuffled, 0.05, 0.15, "Spearman");
    ranks(associated("cramers_v"), shuffled, 0.05, 0.15, "Cramér's V");
    ranks(associated("correlation_ratio"), shuffled, 0.05, 0.1, "correlation ratio");
    ranks(prefix("fidelity.pair.contingency."), noise, 0.03, 0.1, "contingency");
    ranks(id -> id.equals("fidelity.pairs.association"), shuffled, 0.02, 0.02, "association");
  }

  @Test
  void wholeTableMetrics() {
    ranks(id -> id.equals("fidelity.quality.overall"), noise, 0.02, 0.1, "quality");
    ranks(id -> id.equals("fidelity.quality.trend"), noise, 0.02, 0.1, "trend");
    ranks(id -> id.equals("fidelity.detection.auc"), shuffled, 0.08, 0.1, "detection (shuffled)");
    ranks(id -> id.equals("fidelity.detection.auc"), noise, 0.08, 0.3, "detection (noise)");
    ranks(id -> id.equals("fidelity.alpha_precision"), collapsed, 0.08, 0.3, "alpha-precision");
    ranks(id -> id.equals("fidelity.beta_recall"), collapsed, 0.1, 0.3, "beta-recall");
  }

  @Test
  void utilityAndFairnessMetrics() {
    // TSTR on unseen real rows scores about TRTR (its baseline); shuffled columns break the
    // features' link to the outcome.
    ranks(id -> id.equals("utility.logistic.tstr.auc"), shuffled, 0.06, 0.05, "TSTR AUC");
    MetricResult agreement = real.get("utility.logistic.importance_agreement");
    assertTrue(agreement.value() > shuffled.get("utility.logistic.importance_agreement").value()
        + 0.2, "importance agreement");
    ranks(id -> id.startsWith("fairness.gender=") && id.endsWith(".shape"), noise, 0.03, 0.1,
        "subgroup shape");
    ranks(id -> id.startsWith("fairness.gender=") && id.endsWith(".tstr_auc"), shuffled, 0.08,
        0.03, "subgroup TSTR AUC");
  }
}
