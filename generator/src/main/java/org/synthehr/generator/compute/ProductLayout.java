package org.synthehr.generator.compute;

import java.util.Arrays;
import java.util.List;

/**
 * Which columns of a {@link MixedRows} encoding go into the matrix product: the dense part and the
 * frequent levels of every code group (expanded one-hot, centred on the references' means); rare
 * levels stay out and are indexed, per level, by the sorted references that hold them.
 */
final class ProductLayout {
  private final int denseCols;
  private final List<CodeGroup> groupsOfReferences;
  /** Product column of (group, level), or -1 when the level stays sparse. */
  private final int[][] columnOf;
  /** Sorted reference rows per (group, sparse level); null when none. */
  private final int[][][] rareHolders;
  private final double[] centre;
  private final int width;

  private ProductLayout(int denseCols, List<CodeGroup> groups, int[][] columnOf,
      int[][][] rareHolders, double[] centre, int width) {
    this.denseCols = denseCols;
    this.groupsOfReferences = groups;
    this.columnOf = columnOf;
    this.rareHolders = rareHolders;
    this.centre = centre;
    this.width = width;
  }

  static ProductLayout plan(MixedRows refs, double sparseShare) {
    int nr = refs.rows();
    int d0 = refs.dense().cols();
    List<CodeGroup> groups = refs.groups();
    int[][] columnOf = new int[groups.size()][];
    int[][][] holders = new int[groups.size()][][];
    int col = d0;
    double limit = sparseShare * nr;
    long[][] counts = new long[groups.size()][];
    for (int g = 0; g < groups.size(); g++) {
      CodeGroup grp = groups.get(g);
      long[] count = new long[grp.levels()];
      for (int c : grp.codes()) {
        if (c >= 0) {
          count[c]++;
        }
      }
      counts[g] = count;
      columnOf[g] = new int[grp.levels()];
      holders[g] = new int[grp.levels()][];
      int[] fill = new int[grp.levels()];
      for (int l = 0; l < grp.levels(); l++) {
        if (count[l] > limit) {
          columnOf[g][l] = col++;
        } else {
          columnOf[g][l] = -1;
          if (count[l] > 0) {
            holders[g][l] = new int[(int) count[l]];
          }
        }
      }
      int[] codes = grp.codes();
      for (int r = 0; r < nr; r++) {
        int c = codes[r];
        if (c >= 0 && columnOf[g][c] < 0) {
          holders[g][c][fill[c]++] = r;
        }
      }
    }
    double[] centre = new double[col];
    double[] denseMeans = NearestNeighbours.columnMeans(refs.dense());
    System.arraycopy(denseMeans, 0, centre, 0, d0);
    for (int g = 0; g < groups.size(); g++) {
      for (int l = 0; l < columnOf[g].length; l++) {
        if (columnOf[g][l] >= 0) {
          centre[columnOf[g][l]] = groups.get(g).value() * (double) counts[g][l] / Math.max(1, nr);
        }
      }
    }
    return new ProductLayout(d0, groups, columnOf, holders, centre, col);
  }

  /** Columns of the product. */
  int width() {
    return width;
  }

  /** Rows [r0, r1) in product columns, centred, row-major. */
  float[] expand(MixedRows rows, int r0, int r1) {
    float[] out = new float[(r1 - r0) * width];
    float[] dense = rows.dense().data();
    for (int r = r0; r < r1; r++) {
      int o = (r - r0) * width;
      for (int c = 0; c < width; c++) {
        out[o + c] = (float) -centre[c];
      }
      int from = r * denseCols;
      for (int c = 0; c < denseCols; c++) {
        out[o + c] = (float) (dense[from + c] - centre[c]);
      }
      for (int g = 0; g < columnOf.length; g++) {
        int code = rows.groups().get(g).codes()[r];
        if (code >= 0 && columnOf[g][code] >= 0) {
          int c = columnOf[g][code];
          out[o + c] = (float) (rows.groups().get(g).value() - centre[c]);
        }
      }
    }
    return out;
  }

  /** Squared norms of the centred full encoding (product columns plus sparse levels). */
  float[] squaredNorms(MixedRows rows) {
    double base = 0;
    for (int c = denseCols; c < width; c++) {
      base += centre[c] * centre[c];
    }
    float[] out = new float[rows.rows()];
    float[] dense = rows.dense().data();
    for (int r = 0; r < rows.rows(); r++) {
      double s = base;
      int from = r * denseCols;
      for (int c = 0; c < denseCols; c++) {
        double v = dense[from + c] - centre[c];
        s += v * v;
      }
      for (int g = 0; g < columnOf.length; g++) {
        int code = rows.groups().get(g).codes()[r];
        if (code < 0) {
          continue;
        }
        double v = rows.groups().get(g).value();
        int c = columnOf[g][code];
        if (c >= 0) {
          s += (v - centre[c]) * (v - centre[c]) - centre[c] * centre[c];
        } else {
          s += v * v;
        }
      }
      out[r] = (float) s;
    }
    return out;
  }

  /** Pairs of queries [q0, q1) and references [s, e) sharing a level left out of the product. */
  SparsePairs sharedRareLevels(MixedRows queries, int q0, int q1, int s, int e) {
    SparsePairs pairs = new SparsePairs();
    for (int i = q0; i < q1; i++) {
      int start = pairs.size();
      for (int g = 0; g < columnOf.length; g++) {
        int code = queries.groups().get(g).codes()[i];
        if (code < 0 || columnOf[g][code] >= 0) {
          continue;
        }
        int[] holders = rareHolders[g][code];
        if (holders == null) {
          continue;
        }
        float v = groupsOfReferences.get(g).value();
        int from = lowerBound(holders, s);
        for (int t = from; t < holders.length && holders[t] < e; t++) {
          pairs.add(i, holders[t], 2f * v * v);
        }
      }
      pairs.closeQuery(start);
    }
    return pairs;
  }

  private static int lowerBound(int[] sorted, int key) {
    int i = Arrays.binarySearch(sorted, key);
    return i >= 0 ? i : -i - 1;
  }
}
