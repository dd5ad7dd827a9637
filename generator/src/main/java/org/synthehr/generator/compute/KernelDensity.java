package org.synthehr.generator.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.synthehr.generator.deep.Scalars;

/**
 * Gaussian kernel sums as blocked matrix products: for every query row q, the log of the mean over
 * the points p of {@code exp(-||q - p||^2 / (2 h^2))}, for one or several bandwidths h in one pass
 * over the data. Add {@code -d log h - (d/2) log(2 pi)} to get the log of a Gaussian kernel density
 * estimate in d dimensions. Each block's sum is a log-sum-exp, so nothing underflows however far
 * the queries are from the points. Categorical groups are expanded over every level the points
 * hold, so the squared distances are those of the full encoding (up to float32 rounding).
 */
public final class KernelDensity {
  private KernelDensity() {}

  /** Log of the mean Gaussian kernel of each query over all points. */
  public static double[] logMeanKernel(FloatMatrix queries, FloatMatrix points, double bandwidth) {
    return logMeanKernel(MixedRows.of(queries), MixedRows.of(points), new double[] {bandwidth},
        NearestNeighbours.QUERY_BLOCK, NearestNeighbours.REFERENCE_BLOCK)[0];
  }

  /**
   * Log of the mean Gaussian kernel of each query over all points, for each bandwidth.
   *
   * @return {@code [bandwidth][query]}
   */
  public static double[][] logMeanKernel(MixedRows queries, MixedRows points, double[] bandwidths) {
    return logMeanKernel(queries, points, bandwidths, NearestNeighbours.QUERY_BLOCK,
        NearestNeighbours.REFERENCE_BLOCK);
  }

  static double[][] logMeanKernel(MixedRows queries, MixedRows points, double[] bandwidths,
      int queryBlock, int pointBlock) {
    if (!queries.compatible(points)) {
      throw new IllegalArgumentException("queries and points are encoded differently ("
          + queries.width() + " vs " + points.width() + " columns)");
    }
    for (double h : bandwidths) {
      if (!(h > 0)) {
        throw new IllegalArgumentException("bandwidths must be positive, got " + h);
      }
    }
    int nq = queries.rows();
    int np = points.rows();
    double[][] out = new double[bandwidths.length][nq];
    for (double[] row : out) {
      Arrays.fill(row, Double.NEGATIVE_INFINITY);
    }
    if (nq == 0 || np == 0) {
      return out;
    }
    // Every level the points hold goes into the product: kernel sums need every distance exact.
    ProductLayout layout = ProductLayout.plan(points, 0.0);
    float[] qNorms = layout.squaredNorms(queries);
    float[] pNorms = layout.squaredNorms(points);
    int d = layout.width();
    try (NDManager root = TorchEngine.newManager()) {
      for (int p0 = 0; p0 < np; p0 += pointBlock) {
        int p1 = Math.min(np, p0 + pointBlock);
        try (NDManager pm = root.newSubManager()) {
          NDArray p = pm.create(layout.expand(points, p0, p1), new Shape(p1 - p0, d)).transpose();
          NDArray pn = pm.create(Arrays.copyOfRange(pNorms, p0, p1), new Shape(1, p1 - p0));
          for (int q0 = 0; q0 < nq; q0 += queryBlock) {
            int q1 = Math.min(nq, q0 + queryBlock);
            try (NDManager qm = pm.newSubManager()) {
              NDArray q = qm.create(layout.expand(queries, q0, q1), new Shape(q1 - q0, d));
              NDArray qn = qm.create(Arrays.copyOfRange(qNorms, q0, q1), new Shape(q1 - q0, 1));
              NDArray sq = q.matMul(p);
              sq.attach(qm);
              Scalars.mulInPlace(sq, -2.0).addi(qn).addi(pn);
              NDArray dist = Scalars.maximum(sq, 0.0);
              for (int b = 0; b < bandwidths.length; b++) {
                NDArray logits = Scalars.mul(dist, -0.5 / (bandwidths[b] * bandwidths[b]));
                NDArray max = logits.max(new int[] {1}, true);
                float[] lse = logits.sub(max).exp().sum(new int[] {1}).log()
                    .add(max.reshape(q1 - q0)).toFloatArray();
                for (int i = 0; i < lse.length; i++) {
                  out[b][q0 + i] = logAddExp(out[b][q0 + i], lse[i]);
                }
              }
            }
          }
        }
      }
    }
    double logN = Math.log(np);
    for (double[] row : out) {
      for (int i = 0; i < nq; i++) {
        row[i] -= logN;
      }
    }
    return out;
  }

  static double logAddExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }
}
