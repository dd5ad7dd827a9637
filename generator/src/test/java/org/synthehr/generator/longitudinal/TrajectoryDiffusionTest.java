package org.synthehr.generator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.io.Json;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.testing.LongitudinalTestData;
import org.synthehr.generator.model.OptionsBinder;

class TrajectoryDiffusionTest {
  private static final Cohort COHORT = LongitudinalTestData.small(30, 12);
  private static final CohortCodec CODEC = CohortCodec.fit(COHORT, 0.001);
  private static final CohortCodec.Encoded ENC = CODEC.encode(COHORT);
  private static final TrajectoryDiffusion DIFFUSION =
      new TrajectoryDiffusion(CODEC, TrajectoryDiffusionOptions.DEFAULTS);

  @Test
  void staticVectorEndsWithEachVariablesChartingShareSpreadAndOnset() {
    int k = CODEC.variables();
    int steps = CODEC.steps();
    int codecWidth = CODEC.staticWidth();
    assertEquals(codecWidth + TrajectoryDiffusion.SUMMARIES * k, DIFFUSION.staticWidth());
    float[] stat = new float[DIFFUSION.staticWidth()];
    float[] series = new float[DIFFUSION.seriesWidth()];
    boolean sawNever = false;
    boolean sawSpread = false;
    for (int p = 0; p < COHORT.size(); p++) {
      DIFFUSION.entries(ENC, p, stat, series);
      for (int j = 0; j < k; j++) {
        int count = 0;
        int first = steps;
        double sum = 0;
        double squares = 0;
        for (int t = 0; t < steps; t++) {
          float m = ENC.mask()[(p * steps + t) * k + j];
          float v = ENC.values()[(p * steps + t) * k + j];
          if (m > 0) {
            first = Math.min(first, t);
            count++;
            sum += v;
            squares += (double) v * v;
          }
        }
        double mean = count == 0 ? 0 : sum / count;
        double sd = count == 0 ? 0 : Math.sqrt(Math.max(0, squares / count - mean * mean));
        int at = codecWidth + TrajectoryDiffusion.SUMMARIES * j;
        float share = stat[at];
        float spread = stat[at + 1];
        float onset = stat[at + TrajectoryDiffusion.ONSET];
        assertEquals(2 * Math.sqrt((double) count / steps) - 1, share, 1e-5, "share of " + j);
        assertEquals(2 * Math.sqrt(Math.min(1, sd)) - 1, spread, 1e-5, "spread of " + j);
        assertEquals(2 * Math.sqrt((double) first / steps) - 1, onset, 1e-5, "onset of " + j);
        assertEquals(count == 0, onset == 1f, "onset 1 is never charted");
        assertTrue(share >= -1 && share <= 1 && spread >= -1 && spread <= 1);
        sawNever |= count == 0 && share == -1f;
        sawSpread |= count > 1 && spread > -1f;
      }
    }
    assertTrue(sawNever, "the small cohort has variables a patient never had charted");
    assertTrue(sawSpread, "and variables charted with different values");
  }

  @Test
  void summariesAreAlwaysGeneratedNeverGiven() {
    int n = COHORT.size();
    int[] patients = java.util.stream.IntStream.range(0, n).toArray();
    int s = DIFFUSION.staticWidth();
    int codecWidth = CODEC.staticWidth();
    SplittableRandom rnd = new SplittableRandom(3);
    int imputationRows = 0;
    for (int round = 0; round < 20; round++) {
      TrajectoryDiffusion.TrainBatch b = DIFFUSION.trainBatch(ENC, patients, rnd);
      for (int r = 0; r < n; r++) {
        boolean allCodecGiven = true;
        for (int i = 0; i < codecWidth; i++) {
          allCodecGiven &= b.staticWeight[r * s + i] == 0f;
        }
        imputationRows += allCodecGiven ? 1 : 0;
        for (int i = codecWidth; i < s; i++) {
          assertEquals(1f, b.staticWeight[r * s + i], "summary " + i + " is learned");
          // The "given" flag channel of the network input is the third block.
          assertEquals(0f, b.staticIn[r * 3 * s + 2 * s + i], "summary " + i + " is not given");
        }
      }
    }
    assertTrue(imputationRows > 0, "imputation examples give every codec entry, not summaries");
    assertTrue(!DIFFUSION.baseline()[codecWidth], "twins are not given the summaries");
  }

  /** The outcome (entries not known when the stay begins) weighs outcome_weight when generated. */
  @Test
  void theOutcomeWeighsInTheLossAsTheOptionsSay() {
    int n = COHORT.size();
    int[] patients = java.util.stream.IntStream.range(0, n).toArray();
    int s = DIFFUSION.staticWidth();
    boolean[] baseline = DIFFUSION.baseline();
    float outcomeWeight = (float) TrajectoryDiffusionOptions.DEFAULTS.outcomeWeight();
    int outcomes = 0;
    TrajectoryDiffusion.TrainBatch b = DIFFUSION.trainBatch(ENC, patients, new SplittableRandom(4));
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < CODEC.staticWidth(); i++) {
        float w = b.staticWeight[r * s + i];
        if (w > 0) {
          assertEquals(baseline[i] ? 1f : outcomeWeight, w, "entry " + i + " of row " + r);
          outcomes += baseline[i] ? 0 : 1;
        }
      }
    }
    assertTrue(outcomes > 0, "the small cohort has an outcome the batch generates");
  }

  /** Models saved before outcome_weight existed were trained at 1 and load so. */
  @Test
  void optionsSavedWithoutTheOutcomeWeightLoadAsTrainedAtOne() {
    ObjectNode saved = Json.mapper().valueToTree(TrajectoryDiffusionOptions.DEFAULTS);
    assertEquals(TrajectoryDiffusionOptions.DEFAULTS,
        FittedTrajectoryDiffusion.savedOptions(saved));
    saved.remove("outcome_weight");
    TrajectoryDiffusionOptions old = FittedTrajectoryDiffusion.savedOptions(saved);
    assertEquals(1.0, old.outcomeWeight());
    assertEquals(TrajectoryDiffusionOptions.DEFAULTS.hidden(), old.hidden());
  }

  @Test
  void anOutcomeWeightOfZeroIsRefusedWithItsKey() {
    ObjectNode user = Json.mapper().createObjectNode().put("outcome_weight", 0);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> OptionsBinder.bind(user, TrajectoryDiffusionOptions.DEFAULTS,
            TrajectoryDiffusionOptions.class));
    assertTrue(e.getMessage().contains("model.options.outcome_weight"), e.getMessage());
  }

  @Test
  void aRealPatientAlreadyFollowsItsSummaries() {
    float[] stat = new float[DIFFUSION.staticWidth()];
    float[] series = new float[DIFFUSION.seriesWidth()];
    for (int p = 0; p < COHORT.size(); p++) {
      DIFFUSION.entries(ENC, p, stat, series);
      float[] before = series.clone();
      DIFFUSION.followSummaries(stat, series, 0, null, new SplittableRandom(p));
      for (int i = 0; i < series.length; i++) {
        assertEquals(before[i], series[i], 1e-5, "patient " + p + " entry " + i);
      }
    }
  }

  @Test
  void chartsTheSummarysCountAtTheHighestScoresAndScalesToItsSpread() {
    int k = CODEC.variables();
    int steps = CODEC.steps();
    int w = DIFFUSION.stepWidth();
    int codecWidth = CODEC.staticWidth();
    float[] stat = new float[DIFFUSION.staticWidth()];
    float[] series = new float[DIFFUSION.seriesWidth()];
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < series.length; i++) {
      series[i] = (float) (2 * rnd.nextDouble() - 1);
    }
    float[] scores = series.clone();
    int given = 3;
    int count = 7;
    double sd = 0.25;
    for (int j = 0; j < k; j++) {
      int at = codecWidth + TrajectoryDiffusion.SUMMARIES * j;
      stat[at] = (float) (2 * Math.sqrt((double) count / steps) - 1);
      stat[at + 1] = (float) (2 * Math.sqrt(sd) - 1);
      stat[at + TrajectoryDiffusion.ONSET] = -1f;
    }
    DIFFUSION.followSummaries(stat, series, given, null, rnd);
    for (int j = 0; j < k; j++) {
      boolean inHistory = false;
      for (int t = 0; t < given; t++) {
        inHistory |= scores[t * w + k + j] > 0;
      }
      int charted = 0;
      float lowestCharted = Float.POSITIVE_INFINITY;
      float highestSkipped = Float.NEGATIVE_INFINITY;
      for (int t = 0; t < steps; t++) {
        int flag = t * w + k + j;
        if (t < given) {
          assertEquals(scores[flag], series[flag], "known hours keep their flags");
          assertEquals(scores[t * w + j], series[t * w + j], "and their values");
          charted += scores[flag] > 0 ? 1 : 0;
          continue;
        }
        assertTrue(series[flag] == 1f || series[flag] == -1f);
        if (t == given && !inHistory) {
          // Onset 0 for a variable not charted before the cut: its first hour after the cut.
          assertEquals(1f, series[flag], "variable " + j + " begins at the cut");
          charted++;
          continue;
        }
        if (series[flag] > 0) {
          charted++;
          lowestCharted = Math.min(lowestCharted, scores[flag]);
        } else {
          highestSkipped = Math.max(highestSkipped, scores[flag]);
        }
      }
      assertEquals(count, charted, "variable " + j + " charted count");
      assertTrue(lowestCharted >= highestSkipped, "the highest scores are charted");
    }
    float[] fresh = series.clone();
    DIFFUSION.followSummaries(stat, fresh, 0, null, rnd);
    for (int j = 0; j < k; j++) {
      double sum = 0;
      double squares = 0;
      int n = 0;
      for (int t = 0; t < steps; t++) {
        if (fresh[t * w + k + j] > 0) {
          float v = fresh[t * w + j];
          sum += v;
          squares += (double) v * v;
          n++;
        }
      }
      double mean = sum / n;
      assertEquals(sd, Math.sqrt(squares / n - mean * mean), 1e-4, "spread of variable " + j);
    }
  }

  @Test
  void addedDrawsJoinTheHoursOfTheVariablesTheyAreDrawnWith() {
    int k = CODEC.variables();
    int steps = CODEC.steps();
    int w = DIFFUSION.stepWidth();
    int codecWidth = CODEC.staticWidth();
    double[][] lift = new double[k][k];
    lift[0][1] = 0.8;
    lift[1][0] = 0.8;
    SummaryCalibration calibration = identityCalibration(lift, null);
    float[] stat = new float[DIFFUSION.staticWidth()];
    float[] series = new float[DIFFUSION.seriesWidth()];
    java.util.Arrays.fill(series, -1f);
    int onsetHour = 2;
    int panelHour = 5;
    series[onsetHour * w + k + 1] = 1f;
    series[panelHour * w + k + 1] = 1f;
    java.util.Arrays.fill(stat, codecWidth, stat.length, -1f);
    for (int j = 0; j < 2; j++) {
      int at = codecWidth + TrajectoryDiffusion.SUMMARIES * j;
      stat[at] = (float) (2 * Math.sqrt(2.0 / steps) - 1);
      stat[at + TrajectoryDiffusion.ONSET] =
          (float) (2 * Math.sqrt((double) onsetHour / steps) - 1);
    }
    DIFFUSION.followSummaries(stat, series, 0, calibration, new SplittableRandom(1));
    for (int t = 0; t < steps; t++) {
      boolean expected = t == onsetHour || t == panelHour;
      assertEquals(expected ? 1f : -1f, series[t * w + k], "variable 0 at hour " + t);
      assertEquals(expected ? 1f : -1f, series[t * w + k + 1], "variable 1 at hour " + t);
    }
  }

  /**
   * The network charts variable 0 at hours 2, 3 and 4, its onset at 2 and 3 draws wanted. Where
   * no hour next to a placed draw may be taken, the draws keep apart (2, 5, 8); where all may, the
   * network's hours stay.
   */
  @Test
  void drawsKeepApartAsTheCalibrationSays() {
    int k = CODEC.variables();
    int steps = CODEC.steps();
    assertTrue(steps >= 9, "the test needs 9 steps");
    int w = DIFFUSION.stepWidth();
    int codecWidth = CODEC.staticWidth();
    for (double close : new double[] {0, 1}) {
      double[] closeKept = new double[k];
      java.util.Arrays.fill(closeKept, close);
      SummaryCalibration calibration = identityCalibration(new double[k][k], null, closeKept);
      float[] stat = new float[DIFFUSION.staticWidth()];
      float[] series = new float[DIFFUSION.seriesWidth()];
      java.util.Arrays.fill(series, -1f);
      for (int t = 2; t <= 4; t++) {
        series[t * w + k] = 1f;
      }
      java.util.Arrays.fill(stat, codecWidth, stat.length, -1f);
      stat[codecWidth] = (float) (2 * Math.sqrt(3.0 / steps) - 1);
      stat[codecWidth + TrajectoryDiffusion.ONSET] = (float) (2 * Math.sqrt(2.0 / steps) - 1);
      DIFFUSION.followSummaries(stat, series, 0, calibration, new SplittableRandom(1));
      java.util.Set<Integer> charted = new java.util.TreeSet<>();
      for (int t = 0; t < steps; t++) {
        if (series[t * w + k] > 0) {
          charted.add(t);
        }
      }
      assertEquals(close == 0 ? java.util.Set.of(2, 5, 8) : java.util.Set.of(2, 3, 4), charted,
          "chance of taking a close hour " + close);
    }
  }

  /**
   * The network says "never" for variable 0's onset and "one value" for its spread, while its
   * calibrated share charts it twice. Mapped over all patients, the onset is the last hour, one
   * draw fits and no spread is asked for; mapped among charting patients (who all begin at hour 1
   * and spread their values by 0.25 in training), both draws come, from hour 1, 0.25 apart.
   */
  @Test
  void aChartedVariableTakesItsOnsetAndSpreadAmongChartingPatients() {
    int k = CODEC.variables();
    int steps = CODEC.steps();
    int w = DIFFUSION.stepWidth();
    int codecWidth = CODEC.staticWidth();
    int entries = TrajectoryDiffusion.SUMMARIES * k;
    double[][] chartingSamples = new double[entries][];
    double[][] chartingTraining = new double[entries][];
    int n = SummaryCalibration.CHARTED_AT_LEAST;
    float hourOne = (float) (2 * Math.sqrt(1.0 / steps) - 1);
    float spreadOfAQuarter = (float) (2 * Math.sqrt(0.25) - 1);
    for (int e = 0; e < entries; e++) {
      boolean onset = e % TrajectoryDiffusion.SUMMARIES == TrajectoryDiffusion.ONSET;
      chartingSamples[e] = new double[n];
      java.util.Arrays.fill(chartingSamples[e], onset ? 1.0 : -1.0);
      chartingTraining[e] = new double[n];
      java.util.Arrays.fill(chartingTraining[e], onset ? hourOne : spreadOfAQuarter);
    }
    SummaryCalibration overAll = identityCalibration(new double[k][k], null);
    SummaryCalibration amongCharting =
        overAll.withCharted(chartingSamples, chartingTraining, 0.001);
    for (SummaryCalibration calibration : java.util.List.of(overAll, amongCharting)) {
      float[] stat = new float[DIFFUSION.staticWidth()];
      float[] series = new float[DIFFUSION.seriesWidth()];
      java.util.Arrays.fill(series, -1f);
      series[0] = 0.3f; // the network's value channel: 0.3 from hour 0, then 0.5 from hour 2
      for (int t = 1; t < steps; t++) {
        series[t * w] = t < 2 ? 0.3f : 0.5f;
      }
      java.util.Arrays.fill(stat, codecWidth, stat.length, -1f);
      stat[codecWidth] = (float) (2 * Math.sqrt(2.0 / steps) - 1);
      stat[codecWidth + TrajectoryDiffusion.ONSET] = 1f;
      DIFFUSION.followSummaries(stat, series, 0, calibration, new SplittableRandom(1));
      java.util.List<Integer> charted = new java.util.ArrayList<>();
      java.util.List<Float> values = new java.util.ArrayList<>();
      for (int t = 0; t < steps; t++) {
        if (series[t * w + k] > 0) {
          charted.add(t);
          values.add(series[t * w]);
        }
      }
      if (calibration == overAll) {
        assertEquals(java.util.List.of(steps - 1), charted, "over all patients");
      } else {
        assertEquals(java.util.List.of(1, 2), charted, "among charting patients");
        assertEquals(0.5, values.get(1) - values.get(0), 1e-5,
            "two values 0.25 either side of their mean");
      }
    }
  }

  /**
   * Variables 0 and 1 want 2 and 3 chartings. Always charted equally often in training, they are
   * charted 3 times each (the median of the panel, of two the later); never, they keep their
   * counts. Wanted further apart than the reach, they keep them too.
   */
  @Test
  void variablesChartedEquallyOftenInTrainingAreChartedEquallyOften() {
    int k = CODEC.variables();
    double[][] always = zeroAndOneTogether();
    assertEquals(java.util.List.of(3, 3), counts(always, 2, 3));
    assertEquals(java.util.List.of(2, 3), counts(new double[k][k], 2, 3));
    int far = 1 + SummaryFollowing.COUNT_REACH + 1;
    assertEquals(java.util.List.of(1, far), counts(always, 1, far));
  }

  /** A pair table in which variables 0 and 1 always go together and nothing else does. */
  private static double[][] zeroAndOneTogether() {
    int k = CODEC.variables();
    double[][] together = new double[k][k];
    for (int j = 0; j < k; j++) {
      together[j][j] = 1;
    }
    together[0][1] = 1;
    together[1][0] = 1;
    return together;
  }

  /** The chartings of variables 0 and 1, wanted so often, onsets at hour 0. */
  private static java.util.List<Integer> counts(double[][] together, int... wanted) {
    int k = CODEC.variables();
    int steps = CODEC.steps();
    int w = DIFFUSION.stepWidth();
    int codecWidth = CODEC.staticWidth();
    SummaryCalibration calibration =
        identityCalibration(new double[k][k], null).withCountTogether(together);
    float[] stat = new float[DIFFUSION.staticWidth()];
    float[] series = new float[DIFFUSION.seriesWidth()];
    java.util.Arrays.fill(series, -1f);
    java.util.Arrays.fill(stat, codecWidth, stat.length, -1f);
    for (int j = 0; j < wanted.length; j++) {
      stat[codecWidth + TrajectoryDiffusion.SUMMARIES * j] =
          (float) (2 * Math.sqrt((double) wanted[j] / steps) - 1);
    }
    DIFFUSION.followSummaries(stat, series, 0, calibration, new SplittableRandom(1));
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int j = 0; j < wanted.length; j++) {
      int n = 0;
      for (int t = 0; t < steps; t++) {
        n += series[t * w + k + j] > 0 ? 1 : 0;
      }
      out.add(n);
    }
    return out;
  }

  /**
   * Variables 0 and 1 always begin together in training, variable 2 never with them. Wanted at
   * hours 1, 3 and 2, variables 0 and 1 begin together, at the median of their wanted hours (of
   * two, the later), and 2 where it wanted; wanted further apart than the reach, 0 and 1 stay
   * apart.
   */
  @Test
  void variablesThatBeginTogetherInTrainingBeginTogetherWithinReach() {
    double[][] together = zeroAndOneTogether();
    int[] near = beginnings(together, 1, 3, 2);
    assertEquals(3, near[0], "variable 0 joins variable 1's hour");
    assertEquals(3, near[1]);
    assertEquals(2, near[2], "variable 2 never begins with them");
    int far = 1 + SummaryFollowing.PANEL_REACH + 1;
    int[] apart = beginnings(together, 1, far, 2);
    assertEquals(1, apart[0], "beyond the reach each keeps its hour");
    assertEquals(far, apart[1]);
    together[0][1] = 0;
    together[1][0] = 0;
    int[] never = beginnings(together, 1, 3, 2);
    assertEquals(1, never[0], "variables never begun together stay apart");
    assertEquals(3, never[1]);
  }

  /** The first charted hours of variables 0-2, wanted at the given hours and charted once. */
  private static int[] beginnings(double[][] together, int... wanted) {
    int k = CODEC.variables();
    int steps = CODEC.steps();
    int w = DIFFUSION.stepWidth();
    int codecWidth = CODEC.staticWidth();
    SummaryCalibration calibration = identityCalibration(new double[k][k], together);
    float[] stat = new float[DIFFUSION.staticWidth()];
    float[] series = new float[DIFFUSION.seriesWidth()];
    java.util.Arrays.fill(series, -1f);
    java.util.Arrays.fill(stat, codecWidth, stat.length, -1f);
    for (int j = 0; j < wanted.length; j++) {
      int at = codecWidth + TrajectoryDiffusion.SUMMARIES * j;
      stat[at] = (float) (2 * Math.sqrt(1.0 / steps) - 1);
      stat[at + TrajectoryDiffusion.ONSET] =
          (float) (2 * Math.sqrt((double) wanted[j] / steps) - 1);
    }
    DIFFUSION.followSummaries(stat, series, 0, calibration, new SplittableRandom(1));
    int[] first = new int[wanted.length];
    for (int j = 0; j < wanted.length; j++) {
      first[j] = -1;
      for (int t = steps - 1; t >= 0; t--) {
        first[j] = series[t * w + k + j] > 0 ? t : first[j];
      }
    }
    return first;
  }

  /** A calibration that leaves every summary as generated, with the given pair tables. */
  private static SummaryCalibration identityCalibration(double[][] lift, double[][] together) {
    return identityCalibration(lift, together, null);
  }

  /** As above, with a chance per variable of taking an hour next to a placed draw. */
  private static SummaryCalibration identityCalibration(double[][] lift, double[][] together,
      double[] closeKept) {
    double[] identity = new double[SummaryCalibration.LEVELS];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = -1 + 2.0 * i / (identity.length - 1);
    }
    double[][] quantiles = new double[TrajectoryDiffusion.SUMMARIES * CODEC.variables()][];
    java.util.Arrays.fill(quantiles, identity);
    return new SummaryCalibration(quantiles, quantiles, lift, together, closeKept, null, null);
  }
}
