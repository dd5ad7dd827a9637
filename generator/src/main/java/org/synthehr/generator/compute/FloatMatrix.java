package org.synthehr.generator.compute;

import java.util.Objects;

/**
 * A dense row-major matrix of floats: row {@code i} occupies {@code data[i*cols .. (i+1)*cols)}. It
 * wraps the caller's array without copying (the kernels never write to it).
 *
 * @param data the values, at least {@code rows * cols} long
 * @param rows number of rows
 * @param cols number of columns
 */
public record FloatMatrix(float[] data, int rows, int cols) {

  public FloatMatrix {
    Objects.requireNonNull(data, "data");
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
    }
    if ((long) rows * cols > data.length) {
      throw new IllegalArgumentException("array of " + data.length + " floats is too short for "
          + rows + " x " + cols);
    }
  }

  /** Wraps a row-major array whose length is a multiple of {@code cols}. */
  public static FloatMatrix of(float[] data, int cols) {
    if (cols <= 0 || data.length % cols != 0) {
      throw new IllegalArgumentException("array of " + data.length + " floats is not a whole"
          + " number of rows of " + cols);
    }
    return new FloatMatrix(data, data.length / cols, cols);
  }

  /** The value at (row, col). */
  public float get(int row, int col) {
    return data[row * cols + col];
  }

  /** The rows at these indices, copied, in this order. */
  public FloatMatrix rows(int[] indices) {
    float[] out = new float[indices.length * cols];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(data, indices[i] * cols, out, i * cols, cols);
    }
    return new FloatMatrix(out, indices.length, cols);
  }

  /** The columns at these indices, copied, in this order. */
  public FloatMatrix columns(int[] indices) {
    float[] out = new float[rows * indices.length];
    for (int r = 0; r < rows; r++) {
      int from = r * cols;
      int to = r * indices.length;
      for (int j = 0; j < indices.length; j++) {
        out[to + j] = data[from + indices[j]];
      }
    }
    return new FloatMatrix(out, rows, indices.length);
  }

  /** Squared Euclidean distance between row {@code i} of this and row {@code j} of another. */
  public double squaredDistance(int i, FloatMatrix other, int j) {
    if (other.cols != cols) {
      throw new IllegalArgumentException("column counts differ: " + cols + " vs " + other.cols);
    }
    double s = 0;
    int a = i * cols;
    int b = j * cols;
    for (int c = 0; c < cols; c++) {
      double d = data[a + c] - other.data[b + c];
      s += d * d;
    }
    return s;
  }
}
