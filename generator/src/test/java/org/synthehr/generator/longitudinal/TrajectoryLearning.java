package org.synthehr.generator.longitudinal;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.synthehr.core.longitudinal.Cohort;

/**
 * A small fidelity figure for learning tests: per variable, the difference of observation rates
 * plus the Kolmogorov-Smirnov distance of the observed values, averaged (0 = identical).
 */
final class TrajectoryLearning {
  private TrajectoryLearning() {}

  static double distance(Cohort real, Cohort syn) {
    double total = 0;
    for (int k = 0; k < real.variables(); k++) {
      double[] a = observed(real, k);
      double[] b = observed(syn, k);
      double rateA = (double) a.length / real.size() / real.steps();
      double rateB = (double) b.length / syn.size() / syn.steps();
      double ks = a.length > 1 && b.length > 1
          ? new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(a, b) : 1.0;
      total += Math.abs(rateA - rateB) + ks;
    }
    return total / real.variables();
  }

  private static double[] observed(Cohort c, int k) {
    double[] out = new double[c.size() * c.steps()];
    int m = 0;
    for (int p = 0; p < c.size(); p++) {
      for (int t = 0; t < c.steps(); t++) {
        if (c.observed(p, t, k)) {
          out[m++] = c.value(p, t, k);
        }
      }
    }
    return Arrays.copyOf(out, m);
  }
}
