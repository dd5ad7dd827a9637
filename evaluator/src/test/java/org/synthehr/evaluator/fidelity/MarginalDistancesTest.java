package org.synthehr.evaluator.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.ml.distance.EarthMoversDistance;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.stats.CategoricalStatistics;
import org.synthehr.evaluator.stats.NumericPlan;
import org.synthehr.evaluator.stats.NumericStatistics;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.TableStatistics;
import org.synthehr.evaluator.testing.Tables;

class MarginalDistancesTest {
  private static final int EXACT = Integer.MAX_VALUE;

  /** Statistics of a and b under the plan of a. */
  private static NumericStatistics[] numeric(double[] a, double[] b, int maxCuts) {
    Table ta = Tables.numeric("x", a);
    StatisticsPlan plan = StatisticsPlan.fromReal(ta, maxCuts, List.of(), 1);
    return new NumericStatistics[] {
      (NumericStatistics) TableStatistics.of(ta, plan).column(0),
      (NumericStatistics) TableStatistics.of(Tables.numeric("x", b), plan).column(0)};
  }

  private static NumericPlan plan(double[] a, int maxCuts) {
    return (NumericPlan) StatisticsPlan.fromReal(Tables.numeric("x", a), maxCuts, List.of(), 1)
        .column(0);
  }

  @Test
  void ksByHand() {
    NumericStatistics[] s = numeric(new double[] {1, 2, 3}, new double[] {2, 3, 4}, EXACT);
    assertEquals(1.0 / 3, MarginalDistances.ks(s[0], s[1]), 1e-12);
    NumericStatistics[] same = numeric(new double[] {1, 2, 2, 3}, new double[] {3, 2, 1, 2}, EXACT);
    assertEquals(0.0, MarginalDistances.ks(same[0], same[1]), 1e-12);
  }

  @Test
  void ksMatchesCommonsMathWithTiesAndValuesOutsideTheRealOnes() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 20; trial++) {
      double[] a = new double[30 + r.nextInt(50)];
      double[] b = new double[20 + r.nextInt(60)];
      boolean integers = trial % 2 == 0;
      for (int i = 0; i < a.length; i++) {
        a[i] = integers ? r.nextInt(12) : r.nextGaussian();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = integers ? r.nextInt(15) - 1 : 0.3 + 1.4 * r.nextGaussian();
      }
      NumericStatistics[] s = numeric(a, b, EXACT);
      double expected = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(a, b);
      assertEquals(expected, MarginalDistances.ks(s[0], s[1]), 1e-12, "trial " + trial);
      assertEquals(Distributions.ks(a, b), MarginalDistances.ks(s[0], s[1]), 1e-12);
    }
  }

  @Test
  void ksWithQuantileCutsIsWithinOneCellOfExact() {
    SplittableRandom r = new SplittableRandom(5);
    double[] a = new double[20_000];
    double[] b = new double[20_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian();
      b[i] = 0.05 + r.nextGaussian();
    }
    double exact = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(a, b);
    NumericStatistics[] s = numeric(a, b, 256);
    assertEquals(exact, MarginalDistances.ks(s[0], s[1]), 1.5 / 256);
  }

  /** W1 by sorting the merged values and integrating |F_a - F_b| between them. */
  private static double wasserstein(double[] a, double[] b) {
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    double[] sa = a.clone();
    double[] sb = b.clone();
    Arrays.sort(sa);
    Arrays.sort(sb);
    double w = 0;
    for (int i = 0; i + 1 < all.length; i++) {
      double fa = upper(sa, all[i]) / (double) sa.length;
      double fb = upper(sb, all[i]) / (double) sb.length;
      w += Math.abs(fa - fb) * (all[i + 1] - all[i]);
    }
    return w;
  }

  private static int upper(double[] sorted, double v) {
    int n = 0;
    while (n < sorted.length && sorted[n] <= v) {
      n++;
    }
    return n;
  }

  @Test
  void wassersteinByHandAndAgainstSortedIntegration() {
    assertEquals(1.0, MarginalDistances.wasserstein(plan(new double[] {0, 1}, EXACT),
        numeric(new double[] {0, 1}, new double[] {1, 2}, EXACT)[0],
        numeric(new double[] {0, 1}, new double[] {1, 2}, EXACT)[1]), 1e-12);
    SplittableRandom r = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      double[] a = new double[40];
      double[] b = new double[25];
      for (int i = 0; i < a.length; i++) {
        a[i] = trial % 2 == 0 ? r.nextInt(10) : 5 * r.nextDouble();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = trial % 2 == 0 ? r.nextInt(12) - 1 : 6 * r.nextDouble() - 1;
      }
      NumericStatistics[] s = numeric(a, b, EXACT);
      double w = MarginalDistances.wasserstein(plan(a, EXACT), s[0], s[1]);
      if (trial % 2 == 0) {
        // Integer support: exact whatever the crossing (no values inside open cells).
        assertEquals(wasserstein(a, b), w, 1e-9, "trial " + trial);
      } else {
        // Synthetic values between real ones: a lower bound, close to the exact figure.
        assertTrue(w <= wasserstein(a, b) + 1e-9 && w >= 0.8 * wasserstein(a, b), "trial " + trial);
      }
    }
  }

  @Test
  void wassersteinMatchesCommonsMathEarthMoversOnUnitSpacedHistograms() {
    SplittableRandom r = new SplittableRandom(9);
    double[] a = new double[500];
    double[] b = new double[300];
    double[] ha = new double[10];
    double[] hb = new double[10];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextInt(10);
      ha[(int) a[i]] += 1.0 / a.length;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = Math.min(9, r.nextInt(7) + r.nextInt(4));
      hb[(int) b[i]] += 1.0 / b.length;
    }
    NumericStatistics[] s = numeric(a, b, EXACT);
    assertEquals(new EarthMoversDistance().compute(ha, hb),
        MarginalDistances.wasserstein(plan(a, EXACT), s[0], s[1]), 1e-9);
  }

  @Test
  void tvdCoverageAndInventedByHand() {
    Table real = Tables.categorical("c", "a", "a", "b", null);
    Table syn = Tables.categorical("c", "a", "z", "z", "a");
    StatisticsPlan plan = StatisticsPlan.fromReal(real, 10, List.of(), 1);
    CategoricalStatistics r = (CategoricalStatistics) TableStatistics.of(real, plan).column(0);
    CategoricalStatistics s = (CategoricalStatistics) TableStatistics.of(syn, plan).column(0);
    // real: a .5, b .25, missing .25; synthetic: a .5, invented .5
    assertEquals(0.5, MarginalDistances.tvd(r, s), 1e-12);
    assertEquals(0.5, MarginalDistances.coverage(r, s), 1e-12);
    assertEquals(0.5, MarginalDistances.inventedShare(s), 1e-12);
    assertEquals(2L, s.inventedValues().get("z"));
    assertEquals(0.25, MarginalDistances.missingRateDifference(r, s), 1e-12);
    long[][] aligned = Distributions.alignedCounts(real.categorical("c"), syn.categorical("c"));
    assertEquals(Distributions.tvd(aligned[0], aligned[1]), MarginalDistances.tvd(r, s), 1e-12);
  }
}
