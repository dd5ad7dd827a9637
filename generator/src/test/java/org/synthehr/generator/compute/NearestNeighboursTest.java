package org.synthehr.generator.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

  private static FloatMatrix random(int rows, int cols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] a = new float[rows * cols];
    for (int i = 0; i < a.length; i++) {
      // A large offset makes float32 cancellation in |a|^2 + |b|^2 - 2ab visible if not handled.
      a[i] = (float) (50 + rnd.nextGaussian());
    }
    return new FloatMatrix(a, rows, cols);
  }

  /** The k nearest by brute force in double precision: (distance, index) sorted. */
  private static double[][] brute(FloatMatrix q, FloatMatrix r, int i, boolean excludeSelf) {
    double[][] all = new double[r.rows()][];
    int n = 0;
    for (int j = 0; j < r.rows(); j++) {
      if (excludeSelf && i == j) {
        continue;
      }
      all[n++] = new double[] {q.squaredDistance(i, r, j), j};
    }
    double[][] out = Arrays.copyOf(all, n);
    Arrays.sort(out, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
        : Double.compare(a[1], b[1]));
    return out;
  }

  @Test
  void blockedSearchEqualsBruteForceAcrossBlocksAndChunks() {
    FloatMatrix q = random(157, 13, 1);
    FloatMatrix r = random(301, 13, 2);
    // Tiny blocks and a resident chunk of 64 rows force every merge path.
    Neighbours nb = new NearestNeighbours(16, 32, 64L * 13 * 4, 0.005).find(MixedRows.of(q),
        MixedRows.of(r), 3, false);
    for (int i = 0; i < q.rows(); i++) {
      double[][] want = brute(q, r, i, false);
      for (int j = 0; j < 3; j++) {
        assertEquals(want[j][0], nb.squaredDistances()[i * 3 + j], 1e-9, "distance " + i + "," + j);
        assertEquals((int) want[j][1], nb.index(i, j), "index " + i + "," + j);
      }
    }
  }

  @Test
  void exactCopiesAreAtDistanceZero() {
    FloatMatrix r = random(500, 40, 3);
    FloatMatrix q = r.rows(new int[] {7, 499, 0, 250});
    Neighbours nb = NearestNeighbours.search(q, r, 1);
    assertArrayEquals(new double[] {0, 0, 0, 0}, nb.nearest());
    assertArrayEquals(new int[] {7, 499, 0, 250}, nb.indices());
  }

  @Test
  void searchWithinSkipsTheRowItselfButNotItsDuplicates() {
    FloatMatrix base = random(60, 5, 4);
    float[] data = Arrays.copyOf(base.data(), base.data().length + 5);
    System.arraycopy(base.data(), 10 * 5, data, 60 * 5, 5); // row 60 duplicates row 10
    FloatMatrix rows = new FloatMatrix(data, 61, 5);
    Neighbours nb = new NearestNeighbours(8, 16, 1L << 20, 0.005).find(MixedRows.of(rows),
        MixedRows.of(rows), 2, true);
    for (int i = 0; i < rows.rows(); i++) {
      double[][] want = brute(rows, rows, i, true);
      assertTrue(nb.index(i, 0) != i);
      assertEquals(want[0][0], nb.squaredDistances()[i * 2], 1e-9);
      assertEquals(want[1][0], nb.squaredDistances()[i * 2 + 1], 1e-9);
    }
    assertEquals(60, nb.index(10, 0));
    assertEquals(0.0, nb.distance(10, 0));
  }

  /** Rows with 3 dense columns and two code groups: one with a long tail of rare levels. */
  private static MixedRows mixed(int rows, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] dense = new float[rows * 3];
    int[] wide = new int[rows];
    int[] narrow = new int[rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 3; c++) {
        dense[r * 3 + c] = (float) (0.3 * rnd.nextGaussian());
      }
      // Half the rows share 3 frequent levels, the rest spread over 200 rare ones (or none).
      wide[r] = rnd.nextBoolean() ? rnd.nextInt(3)
          : rnd.nextInt(10) == 0 ? -1 : 3 + rnd.nextInt(200);
      narrow[r] = rnd.nextInt(4);
    }
    return new MixedRows(new FloatMatrix(dense, rows, 3), List.of(
        new CodeGroup(wide, 203, (float) Math.sqrt(0.5)), new CodeGroup(narrow, 4, 0.7f)));
  }

  @Test
  void mixedRowsWithRareLevelsEqualTheirDenseExpansion() {
    MixedRows q = mixed(173, 11);
    MixedRows r = mixed(419, 12);
    FloatMatrix qd = q.toDense();
    FloatMatrix rd = r.toDense();
    // Levels held by more than 2% of references go into the product; the rest stay sparse.
    Neighbours nb = new NearestNeighbours(32, 64, 1L << 20, 0.02).find(q, r, 4, false);
    for (int i = 0; i < q.rows(); i++) {
      double[][] want = brute(qd, rd, i, false);
      for (int j = 0; j < 4; j++) {
        assertEquals(want[j][0], nb.squaredDistances()[i * 4 + j], 1e-6, "distance " + i + "," + j);
        assertEquals(want[j][0], q.squaredDistance(i, r, nb.index(i, j)), 1e-6);
      }
    }
    Neighbours within = new NearestNeighbours(32, 64, 1L << 20, 0.02).find(r, r, 1, true);
    for (int i = 0; i < r.rows(); i++) {
      assertEquals(brute(rd, rd, i, true)[0][0], within.squaredDistances()[i], 1e-6);
    }
  }

  @Test
  void moreNeighboursThanReferencesLeavesEmptySlots() {
    Neighbours nb = NearestNeighbours.search(random(3, 2, 5), random(2, 2, 6), 4);
    assertEquals(-1, nb.index(0, 2));
    assertEquals(Double.POSITIVE_INFINITY, nb.squaredDistances()[3]);
    assertTrue(nb.index(0, 1) >= 0);
  }

  @Test
  void rejectsMismatchedWidths() {
    assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbours.search(random(2, 3, 1), random(2, 4, 1), 1));
  }

  @Test
  void kernelSumsEqualDirectSums() {
    FloatMatrix q = random(37, 6, 7);
    FloatMatrix p = random(83, 6, 8);
    double h = 1.3;
    double[] got = KernelDensity.logMeanKernel(MixedRows.of(q), MixedRows.of(p), new double[] {h},
        8, 16)[0];
    for (int i = 0; i < q.rows(); i++) {
      double s = 0;
      for (int j = 0; j < p.rows(); j++) {
        s += Math.exp(-q.squaredDistance(i, p, j) / (2 * h * h));
      }
      assertEquals(Math.log(s / p.rows()), got[i], 1e-3, "row " + i);
    }
    // Far-away queries do not underflow to -infinity.
    float[] far = new float[6];
    Arrays.fill(far, 1e4f);
    double[] lf = KernelDensity.logMeanKernel(new FloatMatrix(far, 1, 6), p, 0.5);
    assertTrue(Double.isFinite(lf[0]) && lf[0] < -1e6);
  }

  @Test
  void kernelSumsOverMixedRowsUseFullDistancesForEveryBandwidth() {
    MixedRows q = mixed(41, 21);
    MixedRows p = mixed(97, 22);
    FloatMatrix qd = q.toDense();
    FloatMatrix pd = p.toDense();
    double[] hs = {0.3, 1.0};
    double[][] got = KernelDensity.logMeanKernel(q, p, hs, 16, 32);
    for (int b = 0; b < hs.length; b++) {
      for (int i = 0; i < q.rows(); i++) {
        double s = 0;
        for (int j = 0; j < p.rows(); j++) {
          s += Math.exp(-qd.squaredDistance(i, pd, j) / (2 * hs[b] * hs[b]));
        }
        assertEquals(Math.log(s / p.rows()), got[b][i], 2e-3, "h " + hs[b] + " row " + i);
      }
    }
  }

  @Test
  void matrixProductsMatchNaiveProducts() {
    FloatMatrix a = random(9, 7, 9);
    FloatMatrix b = random(7, 5, 10);
    FloatMatrix c = MatrixProducts.multiply(a, b);
    FloatMatrix g = MatrixProducts.transposeMultiply(a, a);
    for (int i = 0; i < 9; i++) {
      for (int j = 0; j < 5; j++) {
        double s = 0;
        for (int t = 0; t < 7; t++) {
          s += a.get(i, t) * (double) b.get(t, j);
        }
        assertEquals(s, c.get(i, j), Math.abs(s) * 1e-5);
      }
    }
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 7; j++) {
        double s = 0;
        for (int t = 0; t < 9; t++) {
          s += a.get(t, i) * (double) a.get(t, j);
        }
        assertEquals(s, g.get(i, j), Math.abs(s) * 1e-5);
      }
    }
    assertTrue(MatrixProducts.measureGflops(128, 1) > 0);
  }
}
