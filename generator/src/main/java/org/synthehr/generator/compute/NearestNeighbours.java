package org.synthehr.generator.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Exact k-nearest-neighbour search under Euclidean distance, computed as blocked matrix products:
 * {@code ||q - r||^2 = ||q||^2 + ||r||^2 - 2 q.r}, one GEMM per (query block, reference block) pair
 * through PyTorch's BLAS, followed by a top-k per row.
 *
 * <p>Categorical {@link CodeGroup}s are not expanded in full: levels held by more than
 * {@link #SPARSE_SHARE} of the references become one-hot columns of the product, the long tail of
 * rare levels (most ICD codes) stays as codes. Leaving a rare level out of the product can only
 * over-estimate a distance, and only for pairs sharing that level; those pairs are few by
 * construction and are added as candidates with their exact correction. Both sides are centred on
 * the references' means (distances do not change, float32 cancellation shrinks). The float32
 * product only selects candidates: a few more than k are kept and their distances recomputed
 * exactly in double precision, so reported distances, and exact matches at distance 0, are exact.
 *
 * <p>Memory stays bounded whatever the sizes: references are uploaded in resident chunks of at most
 * {@link #RESIDENT_BYTES}, queries stream through in blocks, and every intermediate lives in a
 * per-block sub-manager.
 */
public final class NearestNeighbours {
  /** Rows of a query block. */
  static final int QUERY_BLOCK = 2048;
  /** Rows of a reference block (one GEMM's width). */
  static final int REFERENCE_BLOCK = 8192;
  /** Bytes of references kept on the engine at once. */
  static final long RESIDENT_BYTES = 512L << 20;
  /** Levels held by at most this share of the references stay sparse. */
  static final double SPARSE_SHARE = 0.005;
  /** Extra float32 candidates re-ranked exactly. */
  private static final int EXTRA_CANDIDATES = 4;

  private final int queryBlock;
  private final int referenceBlock;
  private final long residentBytes;
  private final double sparseShare;

  NearestNeighbours(int queryBlock, int referenceBlock, long residentBytes, double sparseShare) {
    this.queryBlock = queryBlock;
    this.referenceBlock = referenceBlock;
    this.residentBytes = residentBytes;
    this.sparseShare = sparseShare;
  }

  private static NearestNeighbours defaults() {
    return new NearestNeighbours(QUERY_BLOCK, REFERENCE_BLOCK, RESIDENT_BYTES, SPARSE_SHARE);
  }

  /** The {@code k} nearest references of every query row. */
  public static Neighbours search(FloatMatrix queries, FloatMatrix references, int k) {
    return defaults().find(MixedRows.of(queries), MixedRows.of(references), k, false);
  }

  /** The {@code k} nearest references of every query row (mixed dense and categorical rows). */
  public static Neighbours search(MixedRows queries, MixedRows references, int k) {
    return defaults().find(queries, references, k, false);
  }

  /**
   * The {@code k} nearest other rows of every row of one set (a row is never its own neighbour;
   * identical duplicates of it are).
   */
  public static Neighbours searchWithin(MixedRows rows, int k) {
    return defaults().find(rows, rows, k, true);
  }

  /**
   * Columns of the matrix product a search against these references runs on: the dense part plus
   * the frequent categorical levels (for reporting throughput).
   */
  public static int productWidth(MixedRows references) {
    return ProductLayout.plan(references, SPARSE_SHARE).width();
  }

  Neighbours find(MixedRows queries, MixedRows references, int k, boolean excludeSelf) {
    if (!queries.compatible(references)) {
      throw new IllegalArgumentException("queries and references are encoded differently ("
          + queries.width() + " vs " + references.width() + " columns)");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    int nq = queries.rows();
    int nr = references.rows();
    int width = Math.min(nr, k + EXTRA_CANDIDATES + (excludeSelf ? 1 : 0));
    float[] bestD = new float[nq * Math.max(width, 0)];
    int[] bestI = new int[bestD.length];
    Arrays.fill(bestD, Float.POSITIVE_INFINITY);
    Arrays.fill(bestI, -1);
    if (nq > 0 && nr > 0) {
      ProductLayout layout = ProductLayout.plan(references, sparseShare);
      float[] qNorms = layout.squaredNorms(queries);
      float[] rNorms = layout.squaredNorms(references);
      int cols = layout.width();
      try (NDManager root = TorchEngine.newManager()) {
        int chunkRows = residentRows(cols + 2);
        for (int c0 = 0; c0 < nr; c0 += chunkRows) {
          int c1 = Math.min(nr, c0 + chunkRows);
          try (NDManager chunk = root.newSubManager()) {
            ReferenceChunk refs = upload(chunk, layout, references, rNorms, c0, c1);
            for (int q0 = 0; q0 < nq; q0 += queryBlock) {
              int q1 = Math.min(nq, q0 + queryBlock);
              try (NDManager qm = chunk.newSubManager()) {
                NDArray q = qm.create(augmentQueries(layout.expand(queries, q0, q1), qNorms, q0,
                    q1, cols), new Shape(q1 - q0, cols + 2));
                for (int b = 0; b < refs.blocks.length; b++) {
                  try (NDManager bm = qm.newSubManager()) {
                    // One GEMM gives the squared distances directly: [q | |q|^2 | 1] times
                    // [-2r | 1 | |r|^2]^T, so no pass over the block is needed before the top-k.
                    NDArray d = q.matMul(refs.blocks[b]);
                    d.attach(bm);
                    int s = refs.offsets[b];
                    int e = s + (int) d.getShape().get(1);
                    int kk = Math.min(width, e - s);
                    NDList top = d.topK(kk, 1, false, true);
                    top.attach(bm);
                    SparsePairs pairs = layout.sharedRareLevels(queries, q0, q1, s, e);
                    float[] pairValues = pairs.size() == 0 ? new float[0]
                        : gather(bm, d, pairs, q0, s, e - s);
                    merge(top.get(0).toFloatArray(), top.get(1).toLongArray(), kk, s, pairs,
                        pairValues, q0, q1, bestD, bestI, width);
                  }
                }
              }
            }
          }
        }
      }
    }
    return refine(queries, references, k, excludeSelf, bestI, width);
  }

  /** The product-estimated distances of the pairs, corrected for the rare levels they share. */
  private static float[] gather(NDManager m, NDArray d, SparsePairs pairs, int q0, int s,
      int blockWidth) {
    long[] flat = new long[pairs.size()];
    for (int p = 0; p < flat.length; p++) {
      flat[p] = (long) (pairs.query(p) - q0) * blockWidth + (pairs.reference(p) - s);
    }
    NDArray index = m.create(flat);
    float[] v = d.flatten().take(index).toFloatArray();
    for (int p = 0; p < v.length; p++) {
      v[p] -= pairs.correction(p);
    }
    return v;
  }

  /** Reference rows [r0, r1) expanded and centred, in blocks, transposed for the GEMM. */
  private ReferenceChunk upload(NDManager m, ProductLayout layout, MixedRows refs, float[] norms,
      int r0, int r1) {
    int count = (r1 - r0 + referenceBlock - 1) / referenceBlock;
    NDArray[] blocks = new NDArray[count];
    int[] offsets = new int[count];
    int d = layout.width();
    for (int b = 0; b < count; b++) {
      int s = r0 + b * referenceBlock;
      int e = Math.min(r1, s + referenceBlock);
      int rows = e - s;
      float[] x = layout.expand(refs, s, e);
      float[] t = new float[(d + 2) * rows];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < d; c++) {
          t[c * rows + r] = -2f * x[r * d + c];
        }
        t[d * rows + r] = 1f;
        t[(d + 1) * rows + r] = norms[s + r];
      }
      blocks[b] = m.create(t, new Shape(d + 2, rows));
      offsets[b] = s;
    }
    return new ReferenceChunk(blocks, offsets);
  }

  /** Query rows followed by their squared norm and a 1 (see the GEMM in {@link #find}). */
  private static float[] augmentQueries(float[] x, float[] norms, int q0, int q1, int d) {
    int rows = q1 - q0;
    float[] out = new float[rows * (d + 2)];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(x, r * d, out, r * (d + 2), d);
      out[r * (d + 2) + d] = norms[q0 + r];
      out[r * (d + 2) + d + 1] = 1f;
    }
    return out;
  }

  private record ReferenceChunk(NDArray[] blocks, int[] offsets) {}

  private int residentRows(int cols) {
    long rows = residentBytes / (4L * Math.max(1, cols));
    long blocks = Math.max(1, rows / referenceBlock);
    return (int) Math.min(Integer.MAX_VALUE, blocks * referenceBlock);
  }

  /**
   * Merges one block's candidates (its top-k by the product, plus the pairs sharing rare levels
   * with their corrected values) into the running best lists of rows [q0, q1).
   */
  private static void merge(float[] vals, long[] idx, int kk, int offset, SparsePairs pairs,
      float[] pairValues, int q0, int q1, float[] bestD, int[] bestI, int width) {
    float[] candD = new float[width];
    int[] candI = new int[width];
    float[] mergedD = new float[width];
    int[] mergedI = new int[width];
    int p = 0;
    for (int i = 0; i < q1 - q0; i++) {
      int n = 0;
      float[] listD = new float[kk];
      int[] listI = new int[kk];
      for (int t = 0; t < kk; t++) {
        listD[t] = vals[i * kk + t];
        listI[t] = offset + (int) idx[i * kk + t];
      }
      n = kk;
      int pStart = p;
      while (p < pairs.size() && pairs.query(p) == q0 + i) {
        p++;
      }
      if (p > pStart) {
        int extra = p - pStart;
        listD = Arrays.copyOf(listD, kk + extra);
        listI = Arrays.copyOf(listI, kk + extra);
        for (int t = 0; t < extra; t++) {
          listD[kk + t] = pairValues[pStart + t];
          listI[kk + t] = pairs.reference(pStart + t);
        }
        n = sortDistinct(listD, listI, kk + extra);
      }
      int m = Math.min(width, n);
      System.arraycopy(listD, 0, candD, 0, m);
      System.arraycopy(listI, 0, candI, 0, m);
      int base = (q0 + i) * width;
      int a = 0;
      int b = 0;
      for (int o = 0; o < width; o++) {
        float av = a < width ? bestD[base + a] : Float.POSITIVE_INFINITY;
        float bv = b < m ? candD[b] : Float.POSITIVE_INFINITY;
        if (b >= m || (a < width && av <= bv)) {
          mergedD[o] = av;
          mergedI[o] = bestI[base + a];
          a++;
        } else {
          mergedD[o] = bv;
          mergedI[o] = candI[b];
          b++;
        }
      }
      System.arraycopy(mergedD, 0, bestD, base, width);
      System.arraycopy(mergedI, 0, bestI, base, width);
    }
  }

  /** Sorts (value, index) pairs by value, keeps the smallest value of each index; returns count. */
  private static int sortDistinct(float[] d, int[] idx, int n) {
    Integer[] order = new Integer[n];
    for (int t = 0; t < n; t++) {
      order[t] = t;
    }
    Arrays.sort(order, (x, y) -> {
      int c = Float.compare(d[x], d[y]);
      return c != 0 ? c : Integer.compare(idx[x], idx[y]);
    });
    float[] sd = new float[n];
    int[] si = new int[n];
    int m = 0;
    java.util.HashSet<Integer> seen = new java.util.HashSet<>();
    for (int t = 0; t < n; t++) {
      if (seen.add(idx[order[t]])) {
        sd[m] = d[order[t]];
        si[m] = idx[order[t]];
        m++;
      }
    }
    System.arraycopy(sd, 0, d, 0, m);
    System.arraycopy(si, 0, idx, 0, m);
    return m;
  }

  /** Exact double-precision distances of the candidates; the k best, nearest first. */
  private static Neighbours refine(MixedRows queries, MixedRows refs, int k, boolean excludeSelf,
      int[] candidates, int width) {
    int nq = queries.rows();
    double[] dist = new double[nq * k];
    int[] index = new int[nq * k];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    Arrays.fill(index, -1);
    int[] order = new int[width];
    double[] exact = new double[width];
    Integer[] rank = new Integer[width];
    for (int i = 0; i < nq; i++) {
      int n = 0;
      for (int c = 0; c < width; c++) {
        int j = candidates[i * width + c];
        if (j < 0 || (excludeSelf && j == i)) {
          continue;
        }
        exact[n] = queries.squaredDistance(i, refs, j);
        order[n] = j;
        rank[n] = n;
        n++;
      }
      Arrays.sort(rank, 0, n, (x, y) -> {
        int cmp = Double.compare(exact[x], exact[y]);
        return cmp != 0 ? cmp : Integer.compare(order[x], order[y]);
      });
      for (int t = 0; t < Math.min(k, n); t++) {
        dist[i * k + t] = exact[rank[t]];
        index[i * k + t] = order[rank[t]];
      }
    }
    return new Neighbours(nq, k, dist, index);
  }

  static double[] columnMeans(FloatMatrix m) {
    double[] mean = new double[m.cols()];
    float[] a = m.data();
    for (int r = 0; r < m.rows(); r++) {
      int o = r * m.cols();
      for (int c = 0; c < m.cols(); c++) {
        mean[c] += a[o + c];
      }
    }
    for (int c = 0; c < mean.length; c++) {
      mean[c] = m.rows() == 0 ? 0 : mean[c] / m.rows();
    }
    return mean;
  }

  static float[] centredSquaredNorms(FloatMatrix m, double[] centre) {
    float[] out = new float[m.rows()];
    float[] a = m.data();
    for (int r = 0; r < m.rows(); r++) {
      int o = r * m.cols();
      double s = 0;
      for (int c = 0; c < m.cols(); c++) {
        double v = a[o + c] - centre[c];
        s += v * v;
      }
      out[r] = (float) s;
    }
    return out;
  }

  static float[] centred(FloatMatrix m, double[] centre, int r0, int r1) {
    int d = m.cols();
    float[] out = new float[(r1 - r0) * d];
    float[] a = m.data();
    for (int r = r0; r < r1; r++) {
      int o = r * d;
      int t = (r - r0) * d;
      for (int c = 0; c < d; c++) {
        out[t + c] = (float) (a[o + c] - centre[c]);
      }
    }
    return out;
  }
}
