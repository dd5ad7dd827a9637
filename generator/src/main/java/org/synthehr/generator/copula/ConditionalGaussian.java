package org.synthehr.generator.copula;

import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Draws from a zero-mean multivariate normal given that some dimensions fall in unions of intervals:
 * the constrained dimensions by Gibbs sampling of their truncated normal (exact for one constrained
 * dimension), the others from the Gaussian conditional on them.
 */
final class ConditionalGaussian {
  private final int d;
  private final int[] constrained;
  private final int[] free;
  private final List<double[][]> intervals;
  private final double[][] precision;
  private final double[][] regression;
  private final double[][] residualCholesky;
  private final int sweeps;

  /**
   * @param sigma the correlation matrix
   * @param constrained the constrained dimensions
   * @param intervals for each constrained dimension, its allowed z-intervals [low, high]
   * @param sweeps Gibbs sweeps when more than one dimension is constrained
   */
  ConditionalGaussian(double[][] sigma, int[] constrained, List<double[][]> intervals, int sweeps) {
    this.d = sigma.length;
    this.constrained = constrained.clone();
    this.intervals = List.copyOf(intervals);
    this.sweeps = constrained.length > 1 ? sweeps : 0;
    boolean[] isC = new boolean[d];
    for (int c : constrained) {
      isC[c] = true;
    }
    int nf = d - constrained.length;
    this.free = new int[nf];
    int k = 0;
    for (int i = 0; i < d; i++) {
      if (!isC[i]) {
        free[k++] = i;
      }
    }
    RealMatrix s = new Array2DRowRealMatrix(sigma);
    RealMatrix scc = s.getSubMatrix(constrained, constrained);
    RealMatrix sccInv = new LUDecomposition(scc).getSolver().getInverse();
    this.precision = sccInv.getData();
    if (nf > 0) {
      RealMatrix sfc = s.getSubMatrix(free, constrained);
      RealMatrix a = sfc.multiply(sccInv);
      RealMatrix schur = s.getSubMatrix(free, free).subtract(a.multiply(sfc.transpose()));
      this.regression = a.getData();
      this.residualCholesky = CorrelationRepair.cholesky(CorrelationRepair.symmetrize(schur.getData()));
    } else {
      this.regression = new double[0][0];
      this.residualCholesky = new double[0][0];
    }
  }

  /** Fills {@code z} (length d) with one draw. */
  void draw(RandomGenerator rnd, double[] z) {
    int m = constrained.length;
    double[] zc = new double[m];
    for (int j = 0; j < m; j++) {
      zc[j] = truncated(rnd, 0.0, 1.0, intervals.get(j));
    }
    for (int s = 0; s < sweeps; s++) {
      for (int j = 0; j < m; j++) {
        double pjj = precision[j][j];
        double acc = 0;
        for (int k = 0; k < m; k++) {
          if (k != j) {
            acc += precision[j][k] * zc[k];
          }
        }
        zc[j] = truncated(rnd, -acc / pjj, Math.sqrt(1.0 / pjj), intervals.get(j));
      }
    }
    for (int j = 0; j < m; j++) {
      z[constrained[j]] = zc[j];
    }
    int nf = free.length;
    double[] eps = new double[nf];
    for (int i = 0; i < nf; i++) {
      eps[i] = rnd.nextGaussian();
    }
    for (int i = 0; i < nf; i++) {
      double mean = 0;
      for (int j = 0; j < m; j++) {
        mean += regression[i][j] * zc[j];
      }
      double noise = 0;
      for (int k = 0; k <= i; k++) {
        noise += residualCholesky[i][k] * eps[k];
      }
      z[free[i]] = mean + noise;
    }
  }

  /** A draw of N(mean, sd²) restricted to a union of intervals. */
  static double truncated(RandomGenerator rnd, double mean, double sd, double[][] union) {
    double[] mass = new double[union.length];
    double total = 0;
    for (int i = 0; i < union.length; i++) {
      mass[i] = mass(mean, sd, union[i][0], union[i][1]);
      total += mass[i];
    }
    int pick = 0;
    if (union.length > 1) {
      double r = rnd.nextDouble() * total;
      while (pick < union.length - 1 && r >= mass[pick]) {
        r -= mass[pick++];
      }
    }
    return within(rnd, mean, sd, union[pick][0], union[pick][1]);
  }

  private static double mass(double mean, double sd, double lo, double hi) {
    double a = (lo - mean) / sd;
    double b = (hi - mean) / sd;
    return a > 0 ? NormalScores.cdf(-a) - NormalScores.cdf(-b) : NormalScores.cdf(b) - NormalScores.cdf(a);
  }

  private static double within(RandomGenerator rnd, double mean, double sd, double lo, double hi) {
    double a = (lo - mean) / sd;
    double b = (hi - mean) / sd;
    double t;
    if (a > 0) {
      // Upper tail: work with the mirrored interval, where the CDF keeps its precision.
      double pa = NormalScores.cdf(-b);
      double pb = NormalScores.cdf(-a);
      t = -NormalScores.quantile(pa + rnd.nextDouble() * (pb - pa));
    } else {
      double pa = NormalScores.cdf(a);
      double pb = NormalScores.cdf(b);
      t = NormalScores.quantile(pa + rnd.nextDouble() * (pb - pa));
    }
    t = Math.max(a, Math.min(b, t));
    return mean + sd * t;
  }

  /** The lower Cholesky factor of a correlation matrix, for unconditional draws. */
  static double[][] cholesky(double[][] sigma) {
    return new CholeskyDecomposition(new Array2DRowRealMatrix(sigma), 1e-10, 1e-12).getL().getData();
  }
}
