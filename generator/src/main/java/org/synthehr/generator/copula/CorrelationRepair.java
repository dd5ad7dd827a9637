package org.synthehr.generator.copula;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Makes a pairwise-estimated correlation matrix positive definite (eigenvalues floored, unit
 * diagonal restored), so that it can be factorised and sampled from.
 */
final class CorrelationRepair {
  private static final double FLOOR = 1e-4;

  private CorrelationRepair() {}

  static double[][] positiveDefinite(double[][] r) {
    double[][] sym = symmetrize(r);
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(sym));
    double[] values = eig.getRealEigenvalues();
    RealMatrix v = eig.getV();
    int d = values.length;
    double[][] out = new double[d][d];
    // Only the upper triangle is computed and mirrored: (v_ik l) v_jk and (v_jk l) v_ik round
    // differently, and a near-zero entry a few ulps off its mirror fails Cholesky's symmetry check.
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += v.getEntry(i, k) * Math.max(FLOOR, values[k]) * v.getEntry(j, k);
        }
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    double[] scale = new double[d];
    for (int i = 0; i < d; i++) {
      scale[i] = 1.0 / Math.sqrt(out[i][i]);
    }
    for (int i = 0; i < d; i++) {
      out[i][i] = 1.0;
      for (int j = i + 1; j < d; j++) {
        out[i][j] = out[i][j] * scale[i] * scale[j];
        out[j][i] = out[i][j];
      }
    }
    return out;
  }

  static double[][] symmetrize(double[][] m) {
    int d = m.length;
    double[][] out = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        out[i][j] = 0.5 * (m[i][j] + m[j][i]);
      }
    }
    return out;
  }

  /** Lower Cholesky factor; tiny diagonal jitter is added if rounding made the matrix singular. */
  static double[][] cholesky(double[][] m) {
    int d = m.length;
    double jitter = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
      double[][] a = new double[d][];
      for (int i = 0; i < d; i++) {
        a[i] = m[i].clone();
        a[i][i] += jitter;
      }
      try {
        return new CholeskyDecomposition(new Array2DRowRealMatrix(a), 1e-10, 1e-14).getL().getData();
      } catch (RuntimeException e) {
        jitter = jitter == 0 ? 1e-10 : jitter * 100;
      }
    }
    throw new IllegalStateException("conditional covariance is not positive semi-definite");
  }
}
