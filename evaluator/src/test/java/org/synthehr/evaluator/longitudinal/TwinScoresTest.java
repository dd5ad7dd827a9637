package org.synthehr.evaluator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.result.MetricResult;

class TwinScoresTest {
  @Test
  void crpsOfASmallEnsemble() {
    assertEquals(0.25, TwinScores.crps(new double[] {0, 1}, 0), 1e-12);
    assertEquals(0.0, TwinScores.crps(new double[] {2, 2, 2}, 2), 1e-12);
  }

  @Test
  void predictionIntervalsOfSmallEnsemblesHaveTheirNominalCoverage() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int m : new int[] {10, 20}) {
      int trials = 40_000;
      int covered = 0;
      int coveredBySampleQuantiles = 0;
      double[] ens = new double[m];
      for (int i = 0; i < trials; i++) {
        for (int j = 0; j < m; j++) {
          ens[j] = rnd.nextDouble();
        }
        java.util.Arrays.sort(ens);
        double y = rnd.nextDouble();
        covered += y >= TwinScores.predictionBound(ens, 0.1)
            && y <= TwinScores.predictionBound(ens, 0.9) ? 1 : 0;
        coveredBySampleQuantiles += y >= TwinScores.quantile(ens, 0.1)
            && y <= TwinScores.quantile(ens, 0.9) ? 1 : 0;
      }
      assertEquals(0.8, (double) covered / trials, 0.01, m + " samples");
      assertTrue((double) coveredBySampleQuantiles / trials < 0.75,
          "sample quantiles under-cover with " + m + " samples");
    }
    assertEquals(1.0, TwinScores.predictionBound(new double[] {1, 2, 3}, 0.1), 1e-12,
        "clamped to the smallest sample");
    assertEquals(3.0, TwinScores.predictionBound(new double[] {1, 2, 3}, 0.9), 1e-12);
  }

  @Test
  void calibratedTwinsCoverAboutTheLevelAndOverconfidentOnesLess() {
    Cohort real = Cohorts.sample().holdout().head(80);
    int cut = 24;
    List<Cohort> calibrated = new ArrayList<>();
    List<Cohort> tooNarrow = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(3);
    double[][] noise = new double[real.size() * real.steps() * real.variables()][];
    for (int s = 0; s < 30; s++) {
      calibrated.add(perturb(real, cut, 1.0, rnd, noise));
      tooNarrow.add(perturb(real, cut, 0.2, rnd, noise));
    }
    Cohort truth = perturb(real, cut, 1.0, rnd, noise);
    List<MetricResult> good = TwinScores.score(truth, calibrated, cut, 24, 0.8);
    List<MetricResult> narrow = TwinScores.score(truth, tooNarrow, cut, 24, 0.8);
    double coverage = good.get(0).value();
    assertTrue(Math.abs(coverage - 0.8) < 0.03, "calibrated coverage " + coverage);
    assertTrue(good.get(0).passed());
    assertTrue(narrow.get(0).value() < 0.5, "narrow coverage " + narrow.get(0).value());
    assertTrue(good.get(1).value() > 0, "CRPS");
  }

  /**
   * The cohort with every value from the cut on replaced by mu + sd * scale * N(0, 1), mu and sd
   * fixed per cell (drawn once), so truth and calibrated twins share a distribution.
   */
  private static Cohort perturb(Cohort c, int cut, double scale, SplittableRandom rnd,
      double[][] cell) {
    float[] v = c.values();
    for (int i = 0; i < v.length; i++) {
      int t = (i / c.variables()) % c.steps();
      if (t < cut || Float.isNaN(v[i])) {
        continue;
      }
      if (cell[i] == null) {
        cell[i] = new double[] {v[i], 1 + Math.abs(v[i]) * 0.1};
      }
      double z = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI
          * rnd.nextDouble());
      v[i] = (float) (cell[i][0] + cell[i][1] * scale * z);
    }
    return new Cohort(c.schema(), c.ids(), c.statics(), v, c.ends());
  }
}
