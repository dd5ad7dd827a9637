package org.synthehr.generator.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encoded rows as a dense part plus categorical {@link CodeGroup}s: exactly the vector
 * {@code [dense | one-hot(group 1) | one-hot(group 2) | ...]}, but without materialising wide
 * one-hot blocks. High-cardinality columns (ICD codes with hundreds of levels) make most of an
 * encoding's width; kept as codes they cost almost nothing in the distance kernels, which expand
 * only the frequent levels into the matrix product.
 *
 * @param dense the numeric part (may have zero columns)
 * @param groups categorical blocks, each with one code per row
 */
public record MixedRows(FloatMatrix dense, List<CodeGroup> groups) {

  public MixedRows {
    Objects.requireNonNull(dense, "dense");
    groups = List.copyOf(groups);
    for (CodeGroup g : groups) {
      if (g.codes().length != dense.rows()) {
        throw new IllegalArgumentException("a code group has " + g.codes().length + " rows, the"
            + " dense part " + dense.rows());
      }
    }
  }

  /** Rows with a dense part only. */
  public static MixedRows of(FloatMatrix dense) {
    return new MixedRows(dense, List.of());
  }

  /** Number of rows. */
  public int rows() {
    return dense.rows();
  }

  /** Width of the full (one-hot expanded) encoding. */
  public int width() {
    int w = dense.cols();
    for (CodeGroup g : groups) {
      w += g.levels();
    }
    return w;
  }

  /** Whether another set of rows lives in the same space (same dense width and groups). */
  public boolean compatible(MixedRows other) {
    if (dense.cols() != other.dense.cols() || groups.size() != other.groups.size()) {
      return false;
    }
    for (int g = 0; g < groups.size(); g++) {
      if (groups.get(g).levels() != other.groups.get(g).levels()
          || groups.get(g).value() != other.groups.get(g).value()) {
        return false;
      }
    }
    return true;
  }

  /** The rows at these indices, copied, in this order. */
  public MixedRows rows(int[] indices) {
    List<CodeGroup> gs = new ArrayList<>(groups.size());
    for (CodeGroup g : groups) {
      gs.add(g.rows(indices));
    }
    return new MixedRows(dense.rows(indices), gs);
  }

  /** Exact squared Euclidean distance between row i of this and row j of another, in double. */
  public double squaredDistance(int i, MixedRows other, int j) {
    double s = dense.squaredDistance(i, other.dense, j);
    for (int g = 0; g < groups.size(); g++) {
      CodeGroup a = groups.get(g);
      int ca = a.codes()[i];
      int cb = other.groups.get(g).codes()[j];
      if (ca != cb) {
        double v = a.value();
        s += (ca >= 0 ? v * v : 0) + (cb >= 0 ? v * v : 0);
      }
    }
    return s;
  }

  /** The full one-hot expanded encoding (wide: use for small row counts only). */
  public FloatMatrix toDense() {
    int w = width();
    int d = dense.cols();
    float[] out = new float[rows() * w];
    for (int r = 0; r < rows(); r++) {
      System.arraycopy(dense.data(), r * d, out, r * w, d);
      int offset = d;
      for (CodeGroup g : groups) {
        int c = g.codes()[r];
        if (c >= 0) {
          out[r * w + offset + c] = g.value();
        }
        offset += g.levels();
      }
    }
    return new FloatMatrix(out, rows(), w);
  }
}
