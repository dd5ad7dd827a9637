package org.synthehr.generator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.io.Json;

class SummaryCalibrationTest {
  /** No co-charting for one variable's summaries. */
  private static final double[][] NONE = {{0}};

  /** Generated values are half the training values: the mapping doubles them. */
  @Test
  void mapsGeneratedQuantilesOntoTrainingQuantiles() {
    SplittableRandom rnd = new SplittableRandom(1);
    float[][] generated = new float[4000][TrajectoryDiffusion.SUMMARIES];
    float[][] training = new float[3000][TrajectoryDiffusion.SUMMARIES];
    for (float[] g : generated) {
      g[0] = (float) (0.5 * rnd.nextDouble());
    }
    for (float[] t : training) {
      t[0] = (float) rnd.nextDouble();
    }
    SummaryCalibration c = SummaryCalibration.fit(generated, training, 0.001, NONE, null);
    float previous = -1;
    for (double v = 0.01; v < 0.5; v += 0.01) {
      float mapped = c.map(0, (float) v, 0.5);
      assertEquals(2 * v, mapped, 0.04, "calibrated " + v);
      assertTrue(mapped >= previous, "monotone");
      previous = mapped;
    }
    assertEquals(c.map(0, -5f, 0.5), c.map(0, -1f, 0.5), "below the range: the lowest quantile");
    assertTrue(c.map(0, 5f, 0.5) <= 1f, "above the range: the highest quantile");
  }

  /** Half the generated patients never chart a variable where a quarter of the real ones do not. */
  @Test
  void spreadsAPointMassOverTheTrainingMassAtThatPoint() {
    SplittableRandom rnd = new SplittableRandom(2);
    float[][] generated = new float[4000][TrajectoryDiffusion.SUMMARIES];
    float[][] training = new float[4000][TrajectoryDiffusion.SUMMARIES];
    for (int i = 0; i < 4000; i++) {
      generated[i][0] = i % 2 == 0 ? -1f : (float) (-0.8 + 0.5 * rnd.nextDouble());
      training[i][0] = i % 4 == 0 ? -1f : (float) (-0.8 + 0.5 * rnd.nextDouble());
    }
    SummaryCalibration c = SummaryCalibration.fit(generated, training, 0.001, NONE, null);
    int never = 0;
    SplittableRandom u = new SplittableRandom(3);
    for (float[] g : generated) {
      never += c.map(0, g[0], u.nextDouble()) == -1f ? 1 : 0;
    }
    assertEquals(0.25, never / 4000.0, 0.03, "share mapped onto 'never charted'");
  }

  @Test
  void survivesJson() throws Exception {
    SummaryCalibration c = new SummaryCalibration(new double[][] {{-1, 0, 1}, {0, 1, 2}, {0, 1, 2}},
        new double[][] {{-1, -0.5, 1}, {0, 1, 2}, {0, 1, 2}}, NONE, null, null, null, null);
    SummaryCalibration back = Json.mapper().readValue(Json.mapper().writeValueAsString(c),
        SummaryCalibration.class);
    assertEquals(c.map(0, 0.5f, 0.3), back.map(0, 0.5f, 0.3));
    assertEquals(0.25f, back.map(0, 0.5f, 0.3), 1e-6);
    assertEquals(0, back.onsetTogether(0, 0), "a calibration saved without the table");
    assertEquals(1, back.closeKept(0), "a calibration saved without spacing keeps nothing apart");
    double[] none = {};
    int enough = SummaryCalibration.CHARTED_AT_LEAST;
    SummaryCalibration withTables = new SummaryCalibration(c.generated(), c.training(), NONE,
        new double[][] {{0.75}}, new double[] {0.2}, null, new double[][] {{0.6}})
        .withCharted(new double[][] {none, none, values(enough, 0.5)},
            new double[][] {none, none, values(enough, -0.5)}, 0.001);
    SummaryCalibration backWithTables = Json.mapper().readValue(
        Json.mapper().writeValueAsString(withTables), SummaryCalibration.class);
    assertEquals(0.75, backWithTables.onsetTogether(0, 0));
    assertEquals(0.2, backWithTables.closeKept(0));
    assertEquals(0.6, backWithTables.countTogether(0, 0));
    assertEquals(0, back.countTogether(0, 0), "a calibration saved without the table");
    assertEquals(-0.5f, backWithTables.map(TrajectoryDiffusion.ONSET, 0.5f, 0.3, 1), 1e-6);
  }

  /**
   * Two variables. Sampled patients charting them say "never" (1) for the onset and "one value"
   * (-1) for the spread; training patients charting them begin early and spread their values.
   * Variable 1 has too few sampled patients charting it for its own quantiles.
   */
  @Test
  void onsetsAndSpreadsAreMappedAmongPatientsChartingOftenEnough() {
    double[] identity = {-1, 0, 1};
    double[][] quantiles = new double[2 * TrajectoryDiffusion.SUMMARIES][];
    java.util.Arrays.fill(quantiles, identity);
    SummaryCalibration c = new SummaryCalibration(quantiles, quantiles, new double[2][2], null,
        null, null, null);
    int few = SummaryCalibration.CHARTED_AT_LEAST - 1;
    int enough = SummaryCalibration.CHARTED_AT_LEAST;
    double[] none = {};
    SummaryCalibration charted = c.withCharted(
        new double[][] {none, values(enough, -1), values(enough, 1), none, values(few, -1),
            values(few, 1)},
        new double[][] {none, values(enough, 0.2), values(enough, -0.8), none,
            values(enough, 0.2), values(enough, -0.8)}, 0.001);
    int onset = TrajectoryDiffusion.ONSET;
    int spread = TrajectoryDiffusion.SPREAD;
    assertEquals(-0.8f, charted.map(onset, 1f, 0.5, 1), 1e-6, "charted once: an early onset");
    assertEquals(1f, charted.map(onset, 1f, 0.5, 0), 1e-6, "never charted: over all patients");
    assertEquals(0.2f, charted.map(spread, -1f, 0.5, 2), 1e-6, "charted twice: a spread");
    assertEquals(-1f, charted.map(spread, -1f, 0.5, 1), 1e-6, "charted once: over all patients");
    assertEquals(1f, charted.map(TrajectoryDiffusion.SUMMARIES + onset, 1f, 0.5, 5), 1e-6,
        "too few sampled patients chart variable 1: over all patients");
    assertEquals(1f, c.map(onset, 1f, 0.5, 1), 1e-6, "a calibration without the table");
  }

  private static double[] values(int n, double value) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, value);
    return out;
  }

  /**
   * Two patients of three steps and three variables: the first charts variables 0 and 1 in hour 0,
   * variable 2 in hour 1 and variable 1 again in hour 2; the second charts variable 0 in hours 1 and
   * 2, variable 1 in hour 2 and never variable 2.
   */
  private static float[] twoPatients() {
    int variables = 3;
    float[] mask = new float[2 * 3 * variables];
    mask[0] = 1;
    mask[1] = 1;
    mask[variables + 2] = 1;
    mask[2 * variables + 1] = 1;
    mask[(3 + 1) * variables] = 1;
    mask[(3 + 2) * variables + 1] = 1;
    mask[(3 + 2) * variables] = 1;
    return mask;
  }

  /**
   * Of {@link #twoPatients}, the first begins variables 0 and 1 in hour 0 and variable 2 in hour 1;
   * the second begins variable 0 in hour 1 and variable 1 in hour 2.
   */
  @Test
  void onsetTogetherIsTheShareOfPatientsChartingBothThatBeginThemInOneHour() {
    double[][] together = SummaryCalibration.onsetTogether(twoPatients(), 3, 3);
    assertEquals(0.5, together[0][1], 1e-9, "together in the first patient only");
    assertEquals(0.5, together[1][0], 1e-9);
    assertEquals(0.0, together[0][2], 1e-9, "only the first charts both, apart");
    assertEquals(1.0, together[2][2], 1e-9);
    assertEquals(1.0, together[0][0], 1e-9);
  }

  /**
   * Of {@link #twoPatients}, the first charts variables 0, 1 and 2 once, twice and once; the second
   * twice, once and never.
   */
  @Test
  void countTogetherIsTheShareOfPatientsChartingEitherThatChartBothEquallyOften() {
    double[][] together = SummaryCalibration.countTogether(twoPatients(), 3, 3);
    assertEquals(0.0, together[0][1], 1e-9, "never equally often");
    assertEquals(0.5, together[0][2], 1e-9, "once each in the first; the second charts only 0");
    assertEquals(0.5, together[2][0], 1e-9);
    assertEquals(1.0, together[2][2], 1e-9);
  }

  /**
   * Twelve steps, so at most 3 chartings count: the first patient charts variable 0 at hours 0, 1
   * and 5 (one close gap of two), the second at 2 and 9 (none of one); the third charts it in 6
   * hours and the fourth once, and neither counts. Variable 1 is never charted.
   */
  @Test
  void closeDrawsIsTheShareOfCloseConsecutiveChartingsOfSparselyChartedPatients() {
    int steps = 12;
    int variables = 2;
    float[] mask = new float[4 * steps * variables];
    int[][] hours = {{0, 1, 5}, {2, 9}, {0, 1, 2, 3, 4, 5}, {7}};
    for (int p = 0; p < hours.length; p++) {
      for (int t : hours[p]) {
        mask[(p * steps + t) * variables] = 1;
      }
    }
    double[] close = SummaryCalibration.closeDraws(mask, steps, variables);
    assertEquals(1.0 / 3, close[0], 1e-9);
    assertEquals(1.0, close[1], "never charted sparsely: nothing is kept apart");
  }

  /**
   * Sampled stays with 4 times the training share of close draws keep a quarter of close hours;
   * stays already spaced as in training, or spaced more, keep all of them.
   */
  @Test
  void closeHoursAreKeptAsOftenAsBringsSampledStaysToTheTrainingShare() {
    double[] kept = SummaryCalibration.closeKept(new double[] {0.05, 0.3, 0.9},
        new double[] {0.2, 0.3, 0.6});
    assertEquals(0.25, kept[0], 1e-12);
    assertEquals(1.0, kept[1]);
    assertEquals(1.0, kept[2], "spacing only moves draws apart");
  }

  /** Variables 0 and 1 are drawn together; variable 2 is charted every hour. */
  @Test
  void liftIsWhatChartingOneVariableSaysAboutAnotherBeyondItsRate() {
    int variables = 3;
    int cells = 100;
    float[] mask = new float[cells * variables];
    for (int c = 0; c < cells; c++) {
      boolean panel = c % 10 == 0;
      mask[c * variables] = panel ? 1 : 0;
      mask[c * variables + 1] = panel ? 1 : 0;
      mask[c * variables + 2] = 1;
    }
    double[][] lift = SummaryCalibration.coCharting(mask, variables);
    assertEquals(0.9, lift[0][1], 1e-9, "P(1 | 0) = 1 against a rate of 0.1");
    assertEquals(0, lift[0][2], 1e-9, "a variable charted every hour says nothing");
    assertEquals(0, lift[0][0], "no lift with itself");
    int entries = TrajectoryDiffusion.SUMMARIES * variables;
    SummaryCalibration c = new SummaryCalibration(new double[entries][1], new double[entries][1],
        lift, null, null, null, null);
    assertEquals(1.0, c.affinity(0, new boolean[] {false, true, true}, 0), 1e-9);
    assertEquals(0.0, c.affinity(0, new boolean[] {false, false, true}, 0), 1e-9);
  }
}
