package org.synthehr.generator.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Arithmetic of an array with a constant, safe under autograd. Use these instead of DJL's
 * {@code mul(Number)}, {@code div(Number)}, {@code pow(Number)}, {@code maximum(Number)},
 * {@code minimum(Number)} and their in-place forms, and {@link #silu} instead of DJL's
 * {@code Activation.swish}, which calls one of them; a test fails the build when those appear in
 * this module.
 *
 * <p>Why: DJL 0.35.1 turns the number into a 0-d tensor over a JVM direct buffer (zero copy), runs
 * the operation, and closes that tensor at once. The backward pass of these five operations reads
 * the constant again (e.g. {@code d(x·c)/dx = c}), and by then the buffer may have been freed by the
 * garbage collector and its memory reused: gradients then hold whatever bytes are there. Measured
 * here: on the CTGAN contract table one run in two got a corrupted generator step (gradients of
 * 1e32, the Adam state turned infinite, batch-norm weights froze), so the same seed gave quality
 * 0.82 or 0.58 depending on when the collector ran. Here the constant is allocated by PyTorch,
 * which keeps it alive for as long as the graph needs it. Operations whose backward pass does not
 * read the constant ({@code add}, {@code sub}, comparisons) are safe with a plain number.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code x · c}. */
  public static NDArray mul(NDArray x, double c) {
    try (NDArray s = constant(x, c)) {
      return x.mul(s);
    }
  }

  /** {@code x / c}. */
  public static NDArray div(NDArray x, double c) {
    try (NDArray s = constant(x, c)) {
      return x.div(s);
    }
  }

  /** {@code x ^ c}, element-wise. */
  public static NDArray pow(NDArray x, double c) {
    try (NDArray s = constant(x, c)) {
      return x.pow(s);
    }
  }

  /** {@code max(x, c)}, element-wise. */
  public static NDArray maximum(NDArray x, double c) {
    try (NDArray s = constant(x, c)) {
      return x.maximum(s);
    }
  }

  /** {@code min(x, c)}, element-wise. */
  public static NDArray minimum(NDArray x, double c) {
    try (NDArray s = constant(x, c)) {
      return x.minimum(s);
    }
  }

  /** Multiplies {@code x} by {@code c} in place (only for arrays that take no part in autograd). */
  public static NDArray mulInPlace(NDArray x, double c) {
    try (NDArray s = constant(x, c)) {
      return x.muli(s);
    }
  }

  /**
   * {@code x · sigmoid(x)} (SiLU, swish with beta 1). DJL's {@code Activation.swish(x, beta)}
   * computes {@code x.mul(Float beta)} first, the unsafe overload, so it is banned like the rest.
   */
  public static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }

  /** A 0-d array holding {@code c}, in PyTorch's memory, on x's device and of x's type. */
  private static NDArray constant(NDArray x, double c) {
    return x.getManager().full(new Shape(), (float) c, x.getDataType(), x.getDevice());
  }
}
