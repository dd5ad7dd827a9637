package org.synthehr.privacy.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded subsamples and order statistics used across the privacy figures. */
public final class Samples {
  private Samples() {}

  /** {@code k} distinct indices of {@code [0, n)} drawn without replacement, sorted. */
  public static int[] without(int n, int k, SplittableRandom rnd) {
    int m = Math.max(0, Math.min(n, k));
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, m);
    Arrays.sort(out);
    return out;
  }

  /** Splits {@code [0, n)} at random into {@code k} indices and the rest (both sorted). */
  public static int[][] split(int n, int k, SplittableRandom rnd) {
    int[] first = without(n, k, rnd);
    boolean[] taken = new boolean[n];
    for (int i : first) {
      taken[i] = true;
    }
    int[] rest = new int[n - first.length];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (!taken[i]) {
        rest[j++] = i;
      }
    }
    return new int[][] {first, rest};
  }

  /** The q-quantile (linear interpolation) of the values; NaN when empty. */
  public static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  /** The median; NaN when empty. */
  public static double median(double[] values) {
    return quantile(values, 0.5);
  }

  /** Share of values at or below a threshold. */
  public static double shareAtMost(double[] values, double threshold) {
    if (values.length == 0) {
      return 0;
    }
    int n = 0;
    for (double v : values) {
      n += v <= threshold ? 1 : 0;
    }
    return (double) n / values.length;
  }
}
