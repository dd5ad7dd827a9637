package org.synthehr.generator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.io.Json;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.SequenceSummaries;
import org.synthehr.core.testing.LongitudinalTestData;

class RealismCriticTest {
  private static final Cohort REAL = LongitudinalTestData.small(300, 12);

  /** The real cohort with every value of the first variable raised by {@code shift}. */
  private static Cohort shifted(Cohort c, float shift) {
    float[] v = c.values().clone();
    for (int i = 0; i < v.length; i += c.variables()) {
      v[i] += shift; // NaN (not charted) stays NaN
    }
    return new Cohort(c.schema(), c.ids(), c.statics(), v, c.ends());
  }

  private static SequenceSummaries summaries() {
    return new SequenceSummaries(REAL.schema(), REAL, true, true);
  }

  @Test
  void tellsShiftedPatientsFromRealOnesAndSurvivesSaving() throws Exception {
    Cohort fake = shifted(REAL, 30f);
    try (RealismCritic critic = RealismCritic.fit(REAL, fake, summaries(), Device.cpu(),
        new SplittableRandom(1))) {
      assertTrue(critic.settings().validationAuc() > 0.9,
          "held-out AUC " + critic.settings().validationAuc());
      double[] real = critic.logRatios(critic.features(REAL));
      double[] syn = critic.logRatios(critic.features(fake));
      assertTrue(mean(real) > mean(syn) + 1, mean(real) + " vs " + mean(syn));
      String json = Json.mapper().writeValueAsString(critic.settings());
      try (RealismCritic loaded = new RealismCritic(summaries(),
          Json.mapper().readValue(json, RealismCritic.Settings.class), critic.parameters())) {
        assertArrayEquals(syn, loaded.logRatios(loaded.features(fake)), 1e-6);
        MarginalBalance b = critic.settings().balance();
        assertEquals(summaries().names().size(), b.shares().length);
        assertArrayEquals(b.edges()[3], loaded.settings().balance().edges()[3]);
        assertArrayEquals(b.shares()[3], loaded.settings().balance().shares()[3]);
      }
      // Critics saved before the deciles existed load without them.
      com.fasterxml.jackson.databind.node.ObjectNode old = Json.mapper().valueToTree(
          critic.settings());
      old.remove("balance");
      assertEquals(null, Json.mapper().treeToValue(old, RealismCritic.Settings.class).balance());
    }
  }

  @Test
  void sameStreamSameCritic() {
    Cohort fake = shifted(REAL, 5f);
    try (RealismCritic a = RealismCritic.fit(REAL, fake, summaries(), Device.cpu(),
            new SplittableRandom(2));
        RealismCritic b = RealismCritic.fit(REAL, fake, summaries(), Device.cpu(),
            new SplittableRandom(2))) {
      assertArrayEquals(a.parameters(), b.parameters());
      assertArrayEquals(a.logRatios(a.features(fake)), b.logRatios(b.features(fake)));
    }
  }

  @Test
  void refusesSettingsOfOtherFeatures() {
    RealismCritic.Settings other = new RealismCritic.Settings(List.of("a", "b"),
        new double[2], new double[] {1, 1}, new int[] {1}, new double[] {0.5}, 0.5, null);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new RealismCritic(summaries(), other, new byte[0]));
    assertTrue(e.getMessage().contains(RealismCritic.SETTINGS), e.getMessage());
  }

  @Test
  void candidatesAreKeptInProportionToTheSharpenedRatio() {
    // Log ratios 0 and ln 2: weights 1 and 2^SHARPNESS.
    double[] logRatio = {0, Math.log(2)};
    double second = Math.pow(2, FittedTrajectoryDiffusion.SHARPNESS);
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 20_000;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      kept += FittedTrajectoryDiffusion.choose(logRatio, 0, 2, rnd);
    }
    assertEquals(second / (1 + second), (double) kept / n, 0.01);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }
}
