package org.synthehr.generator.compute;

/**
 * The k nearest reference rows of each query row, nearest first.
 *
 * @param queries number of query rows
 * @param k neighbours per query (fewer references than k leave trailing entries at index -1 and
 *     infinite distance)
 * @param squaredDistances {@code queries * k} squared Euclidean distances, row-major
 * @param indices {@code queries * k} reference row indices, row-major
 */
public record Neighbours(int queries, int k, double[] squaredDistances, int[] indices) {

  /** Euclidean distance from query {@code i} to its {@code j}-th nearest reference (0: nearest). */
  public double distance(int i, int j) {
    return Math.sqrt(squaredDistances[i * k + j]);
  }

  /** Index of the {@code j}-th nearest reference of query {@code i}. */
  public int index(int i, int j) {
    return indices[i * k + j];
  }

  /** Euclidean distance of every query to its {@code j}-th nearest reference. */
  public double[] distances(int j) {
    double[] out = new double[queries];
    for (int i = 0; i < queries; i++) {
      out[i] = distance(i, j);
    }
    return out;
  }

  /** Euclidean distance of every query to its nearest reference. */
  public double[] nearest() {
    return distances(0);
  }
}
