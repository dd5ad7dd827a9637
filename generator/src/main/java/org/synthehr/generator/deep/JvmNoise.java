package org.synthehr.generator.deep;

import java.util.SplittableRandom;

/**
 * Random numbers for networks, drawn on the JVM from a seeded stream rather than by PyTorch: the
 * native generator is one per process and shared by concurrent Spark tasks, so only JVM-side noise
 * makes a seed reproduce the same numbers whatever else runs.
 */
public final class JvmNoise {
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

  private JvmNoise() {}

  /** Fills {@code out[from..from+n)} with standard normal values. */
  public static void normal(SplittableRandom random, float[] out, int from, int n) {
    for (int i = from; i < from + n; i++) {
      out[i] = (float) random.nextGaussian();
    }
  }

  /** A fresh array of standard normal values. */
  public static float[] normal(SplittableRandom random, int n) {
    float[] out = new float[n];
    normal(random, out, 0, n);
    return out;
  }

  /** A uniform value in the open interval (0, 1). */
  public static double openUniform(SplittableRandom random) {
    return ((random.nextLong() >>> 11) + 0.5) * TWO_POW_MINUS_53;
  }

  /**
   * Fills {@code out[from..from+n)} with standard Gumbel values: -log E with E exponential, the same
   * law as -log(-log U) at one logarithm per value.
   */
  public static void gumbel(SplittableRandom random, float[] out, int from, int n) {
    for (int i = from; i < from + n; i++) {
      out[i] = (float) -Math.log(Math.max(random.nextExponential(), Double.MIN_NORMAL));
    }
  }

  /**
   * Fills {@code out[from..from+n)} with standard exponential values (never below the smallest
   * normal float, so their logarithm is finite).
   */
  public static void exponential(SplittableRandom random, float[] out, int from, int n) {
    for (int i = from; i < from + n; i++) {
      out[i] = Math.max((float) random.nextExponential(), Float.MIN_NORMAL);
    }
  }

  /**
   * An inverted-dropout mask: each entry is {@code 1 / (1 - p)} with probability {@code 1 - p},
   * else 0, so that masked activations keep their expectation.
   */
  public static float[] dropoutMask(SplittableRandom random, int n, double p) {
    float[] out = new float[n];
    dropoutMask(random, out, n, p);
    return out;
  }

  /** Writes an inverted-dropout mask into {@code out[0..n)}. */
  public static void dropoutMask(SplittableRandom random, float[] out, int n, double p) {
    float keep = (float) (1.0 / (1.0 - p));
    if (p == 0.5) {
      // One random bit per entry.
      for (int i = 0; i < n; i += 64) {
        long bits = random.nextLong();
        int end = Math.min(n, i + 64);
        for (int j = i; j < end; j++) {
          out[j] = (bits & 1L) != 0 ? keep : 0f;
          bits >>>= 1;
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      out[i] = random.nextDouble() >= p ? keep : 0f;
    }
  }
}
