package org.synthehr.generator.compute;

import java.util.Arrays;

/**
 * (query, reference) pairs that share rare categorical levels left out of the matrix product, each
 * with the squared distance the product over-estimated for it; sorted by query, then reference.
 */
final class SparsePairs {
  private int[] queries = new int[64];
  private int[] references = new int[64];
  private float[] corrections = new float[64];
  private int size;

  int size() {
    return size;
  }

  int query(int p) {
    return queries[p];
  }

  int reference(int p) {
    return references[p];
  }

  float correction(int p) {
    return corrections[p];
  }

  void add(int query, int reference, float correction) {
    if (size == queries.length) {
      int n = size * 2;
      queries = Arrays.copyOf(queries, n);
      references = Arrays.copyOf(references, n);
      corrections = Arrays.copyOf(corrections, n);
    }
    queries[size] = query;
    references[size] = reference;
    corrections[size] = correction;
    size++;
  }

  /**
   * Sorts the pairs added for one query (from {@code start}) by reference and merges duplicates
   * (a pair sharing levels of several columns), summing their corrections.
   */
  void closeQuery(int start) {
    int n = size - start;
    if (n <= 1) {
      return;
    }
    long[] keyed = new long[n];
    for (int t = 0; t < n; t++) {
      keyed[t] = ((long) references[start + t] << 32) | (start + t);
    }
    Arrays.sort(keyed);
    int[] refs = new int[n];
    float[] corr = new float[n];
    int m = 0;
    for (int t = 0; t < n; t++) {
      int ref = (int) (keyed[t] >>> 32);
      float c = corrections[(int) keyed[t]];
      if (m > 0 && refs[m - 1] == ref) {
        corr[m - 1] += c;
      } else {
        refs[m] = ref;
        corr[m] = c;
        m++;
      }
    }
    System.arraycopy(refs, 0, references, start, m);
    System.arraycopy(corr, 0, corrections, start, m);
    size = start + m;
  }
}
