package org.synthehr.evaluator.model;

import java.util.SplittableRandom;
import org.synthehr.core.table.Table;

/** Seeded choices of rows: subsamples and train/test splits that do not depend on anything else. */
public final class RowSampler {
  private RowSampler() {}

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** At most {@code max} rows of a table, chosen at random (all rows, shuffled, if fewer). */
  public static Table sample(Table table, int max, long seed) {
    int[] p = permutation(table.rowCount(), seed);
    return table.take(p.length <= max ? p : java.util.Arrays.copyOf(p, max));
  }
}
