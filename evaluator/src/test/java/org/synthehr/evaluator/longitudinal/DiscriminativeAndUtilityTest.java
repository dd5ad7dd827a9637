package org.synthehr.evaluator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.stats.Auc;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.Table;

class DiscriminativeAndUtilityTest {
  @Test
  void realPatientsCannotBeToldApartButBrokenOnesCan() {
    Cohort train = Cohorts.sample().training();
    Cohort holdout = Cohorts.sample().holdout();
    double real = DiscriminativeScore.score(holdout, train, 400,
        BinaryClassifier.Kind.RANDOM_FOREST, 1).value();
    double broken = DiscriminativeScore.score(holdout, Cohorts.scaled(train, 1.25f), 400,
        BinaryClassifier.Kind.RANDOM_FOREST, 1).value();
    assertTrue(real < 0.12, "real vs real " + real);
    assertTrue(broken > 0.3, "real vs scaled " + broken);
  }

  /** The recurrent network on the raw grid: real patients look real, broken ones do not. */
  @Test
  void theGridDiscriminatorSeesRealAsRealAndCatchesBrokenValuesAndTime() {
    Cohort train = Cohorts.sample().training();
    Cohort holdout = Cohorts.sample().holdout();
    double real = DiscriminativeScore.grid(holdout, train, 400, 1).value();
    double shuffled = DiscriminativeScore.grid(holdout, Cohorts.shuffledInTime(train, 2), 400, 1)
        .value();
    double scaled = DiscriminativeScore.grid(holdout, Cohorts.scaled(train, 1.25f), 400, 1)
        .value();
    assertTrue(real < 0.12, "real vs real " + real);
    assertTrue(scaled > 0.3, "real vs values scaled by 1.25 " + scaled);
    // Shuffled hours keep every hour's values and mask, so only the order tells them apart.
    assertTrue(shuffled > 0.15, "real vs hours shuffled " + shuffled);
  }

  @Test
  void trainingOnRealDataMatchesTrtrAndShuffledLabelsDoNot() {
    Cohort train = Cohorts.sample().training();
    Cohort holdout = Cohorts.sample().holdout();
    List<MetricResult> same = MortalityUtility.score(train, holdout, train,
        BinaryClassifier.Kind.LOGISTIC, 0.9, 5);
    assertEquals(same.get(0).baseline(), same.get(0).value(), 1e-12, "TSTR == TRTR on real data");
    assertTrue(same.get(0).value() > 0.6, "AUC on real data " + same.get(0).value());
    assertTrue(same.get(1).passed());
    List<MetricResult> noise = MortalityUtility.score(train, holdout, shuffledLabels(train),
        BinaryClassifier.Kind.LOGISTIC, 0.9, 5);
    assertTrue(noise.get(0).value() < 0.65, "shuffled labels " + noise.get(0).value());
    assertTrue(!noise.get(1).passed());
  }

  /** The per-sample figures a benchmark repeats: the same as a full evaluation's, by id. */
  @Test
  void perSampleFiguresAreThoseOfTheFullEvaluation() {
    Cohort train = Cohorts.sample().training();
    Cohort holdout = Cohorts.sample().holdout();
    Cohort broken = Cohorts.scaled(train, 1.25f);
    Seeds seeds = Seeds.of(3);
    List<MetricResult> once = LongitudinalEvaluation.perSample(train, holdout, broken, 400, 0.9,
        seeds);
    List<MetricResult> full = LongitudinalEvaluation.evaluate(new LongitudinalEvaluation.Inputs(
        train, holdout, broken, null, null, null, 0, 0, 0.8, 0.9, 400), seeds).metrics();
    assertEquals(List.of("trajectory.discriminative", "trajectory.discriminative_logistic",
        "trajectory.discriminative_grid", "utility.tstr_auc", "utility.tstr_trtr_ratio", "utility.tstr_auc_logistic",
        "utility.tstr_trtr_ratio_logistic"), once.stream().map(MetricResult::id).toList());
    for (MetricResult m : once) {
      double expected = full.stream().filter(x -> x.id().equals(m.id())).findFirst()
          .orElseThrow().value();
      assertEquals(expected, m.value(), 1e-12, m.id());
    }
    assertTrue(once.get(0).value() > 0.3, "a broken cohort is told apart: " + once.get(0).value());
  }

  @Test
  void aucOfPerfectAndReversedScores() {
    boolean[] truth = {true, false, true, false};
    assertEquals(1.0, Auc.of(truth, new double[] {0.9, 0.1, 0.8, 0.2}), 1e-12);
    assertEquals(0.0, Auc.of(truth, new double[] {0.1, 0.9, 0.2, 0.8}), 1e-12);
    assertEquals(0.5, Auc.of(truth, new double[] {0.5, 0.5, 0.5, 0.5}), 1e-12);
  }

  private static Cohort shuffledLabels(Cohort c) {
    String label = c.schema().label();
    CategoricalColumn l = (CategoricalColumn) c.statics().column(label);
    int[] codes = new int[l.size()];
    for (int p = 0; p < codes.length; p++) {
      codes[p] = l.code((p * 7919 + 13) % l.size());
    }
    List<Column> cols = new java.util.ArrayList<>(c.statics().columns());
    cols.set(c.statics().schema().indexOf(label), new CategoricalColumn(label, codes,
        l.dictionary()));
    return new Cohort(c.schema(), c.ids(), new Table(c.statics().schema(), cols), c.values(),
        c.ends());
  }
}
