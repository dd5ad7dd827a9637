package org.synthehr.generator.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/** Dense float32 matrix products through PyTorch's BLAS, and a measurement of its rate. */
public final class MatrixProducts {
  private MatrixProducts() {}

  /** {@code a * b}. */
  public static FloatMatrix multiply(FloatMatrix a, FloatMatrix b) {
    if (a.cols() != b.rows()) {
      throw new IllegalArgumentException("cannot multiply " + a.rows() + "x" + a.cols() + " by "
          + b.rows() + "x" + b.cols());
    }
    try (NDManager m = TorchEngine.newManager()) {
      NDArray x = m.create(exact(a), new Shape(a.rows(), a.cols()));
      NDArray y = m.create(exact(b), new Shape(b.rows(), b.cols()));
      return new FloatMatrix(x.matMul(y).toFloatArray(), a.rows(), b.cols());
    }
  }

  /** {@code a^T * b} (for example the Gram matrix {@code x^T x} of a data matrix). */
  public static FloatMatrix transposeMultiply(FloatMatrix a, FloatMatrix b) {
    if (a.rows() != b.rows()) {
      throw new IllegalArgumentException("cannot multiply the transpose of " + a.rows() + "x"
          + a.cols() + " by " + b.rows() + "x" + b.cols());
    }
    try (NDManager m = TorchEngine.newManager()) {
      NDArray x = m.create(exact(a), new Shape(a.rows(), a.cols()));
      NDArray y = m.create(exact(b), new Shape(b.rows(), b.cols()));
      return new FloatMatrix(x.transpose().matMul(y).toFloatArray(), a.cols(), b.cols());
    }
  }

  /**
   * The machine's float32 matrix-multiply rate in GFLOP/s: the best of {@code repetitions} products
   * of two random {@code n x n} matrices (2 n^3 floating-point operations each), after one warm-up.
   */
  public static double measureGflops(int n, int repetitions) {
    SplittableRandom rnd = new SplittableRandom(1);
    float[] a = new float[n * n];
    float[] b = new float[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rnd.nextGaussian();
      b[i] = (float) rnd.nextGaussian();
    }
    double best = Double.POSITIVE_INFINITY;
    try (NDManager m = TorchEngine.newManager()) {
      NDArray x = m.create(a, new Shape(n, n));
      NDArray y = m.create(b, new Shape(n, n));
      for (int r = 0; r <= repetitions; r++) {
        try (NDManager sub = m.newSubManager()) {
          long t0 = System.nanoTime();
          NDArray z = x.matMul(y);
          z.attach(sub);
          float check = z.get(0, 0).getFloat();
          double seconds = (System.nanoTime() - t0) / 1e9;
          if (r > 0 && !Float.isNaN(check)) {
            best = Math.min(best, seconds);
          }
        }
      }
    }
    return 2.0 * n * n * (double) n / best / 1e9;
  }

  private static float[] exact(FloatMatrix m) {
    int len = m.rows() * m.cols();
    if (m.data().length == len) {
      return m.data();
    }
    float[] out = new float[len];
    System.arraycopy(m.data(), 0, out, 0, len);
    return out;
  }
}
