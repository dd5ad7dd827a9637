package org.synthehr.generator.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.generator.dp.RdpAccountant.Conversion;

/**
 * The accountant against published epsilon values of standard DP-SGD settings, and its
 * monotonicity.
 *
 * <p>Sources (numbers copied from them, not recomputed):
 * <ul>
 *   <li>[TFP-RDP] TensorFlow Privacy, privacy/analysis/rdp_accountant_test.py (2018-2019): RDP
 *       values and epsilons with the classic conversion.
 *   <li>[ABADI] Abadi et al., "Deep Learning with Differential Privacy", CCS 2016, Section 3.1:
 *       q = 0.01, sigma = 4, delta = 1e-5, T = 10000 gives epsilon about 1.26 with the moments
 *       accountant.
 *   <li>[TFP-TUT] TensorFlow Privacy, tutorials/README.md and
 *       privacy/analysis/compute_dp_sgd_privacy.py docstring (2019): MNIST, N = 60000, batch 256,
 *       delta = 1e-5 (classic conversion).
 *   <li>[TFP-LIB] TensorFlow Privacy, tensorflow_privacy/privacy/analysis/
 *       compute_dp_sgd_privacy_test.py (dp_accounting RDP accountant, improved conversion).
 * </ul>
 */
class RdpAccountantTest {
  /** Orders of TF Privacy's compute_dp_sgd_privacy: [1.25..4.5] + range(5, 64) + [128..512]. */
  private static double[] tfOrders() {
    List<Double> o = new ArrayList<>(List.of(1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0, 3.5, 4.0, 4.5));
    for (int i = 5; i < 64; i++) {
      o.add((double) i);
    }
    o.addAll(List.of(128.0, 256.0, 512.0));
    return o.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] range(int from, int toExclusive) {
    double[] out = new double[toExclusive - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i;
    }
    return out;
  }

  /** DP-SGD as compute_dp_sgd_privacy counts it: q = batch / n, steps = ceil(epochs n / batch). */
  private static RdpAccountant.Epsilon dpSgd(int n, int batch, double sigma, double epochs,
      double delta, Conversion conversion) {
    long steps = (long) Math.ceil(epochs * n / batch);
    return RdpAccountant.empty(tfOrders()).compose((double) batch / n, sigma, steps)
        .epsilon(delta, conversion);
  }

  private static void assertWithin2Percent(double published, double got, String what) {
    assertEquals(published, got, 0.02 * published, what + ": published " + published + ", got "
        + got);
  }

  @Test
  void rdpValuesMatchTensorFlowPrivacy() {
    // [TFP-RDP] test_compute_rdp_scalar: compute_rdp(0.1, 2, 10, 5) = 0.07737 (5 places).
    assertEquals(0.07737, 10 * SampledGaussianRdp.rdp(0.1, 2, 5), 1e-5);
    // [TFP-RDP] test_compute_rdp_sequence: compute_rdp(0.01, 2.5, 50, orders), delta 1e-5.
    double[] orders = {1.5, 2.5, 5, 50, 100};
    double[] published = {0.00065, 0.001085, 0.00218075, 0.023846, 167.416307};
    for (int i = 0; i < orders.length; i++) {
      assertEquals(published[i], 50 * SampledGaussianRdp.rdp(0.01, 2.5, orders[i]), 1e-5,
          "order " + orders[i]);
    }
    // [TFP-RDP] no data and no sampling.
    assertEquals(0.0, SampledGaussianRdp.rdp(0, 10, 20));
    assertEquals(0.1, SampledGaussianRdp.rdp(1, 10, 20), 1e-15);
  }

  @Test
  void abadiSettingMatchesThePublishedEpsilon() {
    // [TFP-RDP] test_get_privacy_spent_check_target_delta: orders 2..32, q 0.01, sigma 4,
    // 10000 steps, delta 1e-5: eps 1.258575 at order 20. [ABADI]: about 1.26.
    RdpAccountant.Epsilon e = RdpAccountant.empty(range(2, 33)).compose(0.01, 4, 10_000)
        .epsilon(1e-5, Conversion.CLASSIC);
    assertEquals(1.258575, e.epsilon(), 1e-5);
    assertEquals(20.0, e.order());
    assertWithin2Percent(1.26, e.epsilon(), "Abadi et al. 2016");
  }

  @Test
  void heterogeneousCompositionMatchesTensorFlowPrivacy() {
    // [TFP-RDP] test_check_composition: eps 8.509656 at order 2.5.
    double[] orders = {1.25, 1.5, 1.75, 2., 2.5, 3., 4., 5., 6., 7., 8., 10., 12., 14., 16., 20.,
        24., 28., 32., 64., 256.};
    RdpAccountant.Epsilon e = RdpAccountant.empty(orders).compose(1e-4, 0.4, 40_000)
        .compose(0.1, 2, 100).epsilon(1e-5, Conversion.CLASSIC);
    assertEquals(8.509656, e.epsilon(), 1e-5);
    assertEquals(2.5, e.order());
  }

  @Test
  void mnistTutorialSettingsMatchThePublishedEpsilons() {
    // [TFP-TUT] compute_dp_sgd_privacy docstring: sigma 1.12, 60 epochs -> (2.92, 1e-5)-DP.
    assertWithin2Percent(2.92, dpSgd(60_000, 256, 1.12, 60, 1e-5, Conversion.CLASSIC).epsilon(),
        "sigma 1.12, 60 epochs");
    // [TFP-TUT] README table: sigma 1.1 / 60 epochs -> 3.01; 1.3 / 15 -> 1.19; 0.7 / 45 -> 7.10.
    assertWithin2Percent(3.01, dpSgd(60_000, 256, 1.1, 60, 1e-5, Conversion.CLASSIC).epsilon(),
        "sigma 1.1, 60 epochs");
    assertWithin2Percent(1.19, dpSgd(60_000, 256, 1.3, 15, 1e-5, Conversion.CLASSIC).epsilon(),
        "sigma 1.3, 15 epochs");
    assertWithin2Percent(7.10, dpSgd(60_000, 256, 0.7, 45, 1e-5, Conversion.CLASSIC).epsilon(),
        "sigma 0.7, 45 epochs");
  }

  @Test
  void improvedConversionMatchesTodaysTensorFlowPrivacy() {
    // [TFP-LIB] test_compute_dp_sgd_privacy Test0 and Test1.
    RdpAccountant.Epsilon a = dpSgd(60_000, 150, 1.3, 15, 1e-5, Conversion.IMPROVED);
    assertWithin2Percent(0.7242234026109595, a.epsilon(), "Test0");
    assertEquals(19.0, a.order());
    RdpAccountant.Epsilon b = dpSgd(100_000, 100, 1.0, 30, 1e-7, Conversion.IMPROVED);
    assertWithin2Percent(1.4154988495444842, b.epsilon(), "Test1");
    assertEquals(13.0, b.order());
    // The default (finer) order grid can only find a smaller or equal epsilon.
    double fine = RdpAccountant.epsilon(150.0 / 60_000, 1.3, (long) Math.ceil(15 * 400.0), 1e-5);
    assertTrue(fine <= a.epsilon() + 1e-12 && fine > 0.98 * a.epsilon(), "default grid " + fine);
  }

  @Test
  void epsilonGrowsWithStepsAndSamplingRateAndShrinksWithNoise() {
    double prev = 0;
    for (long steps : new long[] {1, 10, 100, 1_000, 10_000, 100_000}) {
      double e = RdpAccountant.epsilon(0.01, 1.1, steps, 1e-5);
      assertTrue(e > prev, "steps " + steps + ": " + e + " after " + prev);
      prev = e;
    }
    prev = Double.POSITIVE_INFINITY;
    for (double sigma : new double[] {0.5, 0.7, 1.0, 1.5, 2.0, 4.0, 8.0}) {
      double e = RdpAccountant.epsilon(0.01, sigma, 1_000, 1e-5);
      assertTrue(e < prev, "sigma " + sigma + ": " + e + " after " + prev);
      prev = e;
    }
    prev = 0;
    for (double q : new double[] {0.001, 0.004, 0.01, 0.05, 0.2, 1.0}) {
      double e = RdpAccountant.epsilon(q, 1.1, 1_000, 1e-5);
      assertTrue(e > prev, "q " + q + ": " + e + " after " + prev);
      prev = e;
    }
  }

  @Test
  void budgetRefusesPlansAndStopsTheLoopAtTheLimit() {
    double q = 500.0 / 80_000;
    PrivacyBudget budget = PrivacyBudget.of(1.0, 1.0 / 80_000, q, 1.0);
    long max = budget.maxSteps();
    assertTrue(max > 0 && max < 1_000_000, "max steps " + max);
    assertTrue(budget.epsilonAfter(max) <= 1.0 && budget.epsilonAfter(max + 1) > 1.0);
    budget.refuse(max, 160);
    PrivacyBudgetExceededException e = assertThrows(PrivacyBudgetExceededException.class,
        () -> budget.refuse(max + 1, 160));
    assertTrue(e.getMessage().contains("at most") && e.getMessage().contains("Fix:"),
        e.getMessage());
    long taken = 0;
    while (budget.tryStep()) {
      taken++;
    }
    assertEquals(max, taken);
    assertFalse(budget.tryStep());
    assertTrue(budget.spent() <= 1.0 && budget.spent() > 0.95, "spent " + budget.spent());
  }

  @Test
  void noiseMultiplierForABudgetReachesIt() {
    double q = 0.01;
    double sigma = PrivacyBudget.noiseMultiplierFor(2.0, 1e-5, q, 5_000);
    assertTrue(RdpAccountant.epsilon(q, sigma, 5_000, 1e-5) <= 2.0);
    assertTrue(RdpAccountant.epsilon(q, sigma * 0.98, 5_000, 1e-5) > 2.0);
  }
}
