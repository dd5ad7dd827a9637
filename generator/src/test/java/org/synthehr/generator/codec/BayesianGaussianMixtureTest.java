package org.synthehr.generator.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BayesianGaussianMixtureTest {
  /** 30% N(30, 5²) and 70% N(70, 8²). */
  private static double[] twoModes(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble() < 0.3 ? 30 + 5 * r.nextGaussian() : 70 + 8 * r.nextGaussian();
    }
    return x;
  }

  @Test
  void recoversKnownModes() {
    BayesianGaussianMixture.Fit fit = new BayesianGaussianMixture(10)
        .fit(twoModes(8_000, 1), new SplittableRandom(2));
    int[] kept = fit.validComponents(0.005);
    // The weight near each true mode, and the weighted mean and spread of the components there.
    double[] weight = new double[2];
    double[] mean = new double[2];
    double[] variance = new double[2];
    for (int k : kept) {
      int side = fit.means()[k] < 50 ? 0 : 1;
      weight[side] += fit.weights()[k];
      mean[side] += fit.weights()[k] * fit.means()[k];
    }
    for (int s = 0; s < 2; s++) {
      mean[s] /= weight[s];
    }
    for (int k : kept) {
      int side = fit.means()[k] < 50 ? 0 : 1;
      double d = fit.means()[k] - mean[side];
      variance[side] += fit.weights()[k] / weight[side]
          * (fit.stds()[k] * fit.stds()[k] + d * d);
    }
    assertEquals(0.3, weight[0], 0.02);
    assertEquals(0.7, weight[1], 0.02);
    assertEquals(30, mean[0], 0.5);
    assertEquals(70, mean[1], 0.5);
    assertEquals(5, Math.sqrt(variance[0]), 0.5);
    assertEquals(8, Math.sqrt(variance[1]), 0.6);
    assertTrue(kept.length <= 10);
  }

  @Test
  void integerColumnWithFewValuesGetsOneModePerValue() {
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 4;
    }
    BayesianGaussianMixture.Fit fit = new BayesianGaussianMixture(10).fit(x,
        new SplittableRandom(3));
    int[] kept = fit.validComponents(0.005);
    assertEquals(3, kept.length, "one mode per distinct value");
    for (int k : kept) {
      double m = fit.means()[k];
      assertTrue(Math.abs(m - 0) < 0.05 || Math.abs(m - 1) < 0.05 || Math.abs(m - 4) < 0.1,
          "mode at " + m);
    }
  }

  @Test
  void sameSeedSameFit() {
    double[] x = twoModes(5000, 9);
    BayesianGaussianMixture.Fit a = new BayesianGaussianMixture(10).fit(x, new SplittableRandom(4));
    BayesianGaussianMixture.Fit b = new BayesianGaussianMixture(10).fit(x, new SplittableRandom(4));
    assertArrayEquals(a.means(), b.means());
    assertArrayEquals(a.weights(), b.weights());
  }

  @Test
  void constantColumnFitsOneTightMode() {
    double[] x = new double[100];
    java.util.Arrays.fill(x, 7.0);
    BayesianGaussianMixture.Fit fit = new BayesianGaussianMixture(10).fit(x,
        new SplittableRandom(5));
    int[] kept = fit.validComponents(0.005);
    assertEquals(1, kept.length);
    assertEquals(7.0, fit.means()[kept[0]], 1e-6);
    assertTrue(fit.stds()[kept[0]] > 0 && fit.stds()[kept[0]] < 0.1);
  }
}
