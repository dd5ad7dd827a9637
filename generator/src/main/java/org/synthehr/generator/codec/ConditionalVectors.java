package org.synthehr.generator.codec;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The conditional vector of CTGAN and training-by-sampling. The vector is the concatenation of one
 * block per discrete column (its one-hot positions, missing included); a row's vector is one-hot in
 * exactly one block. For training, a discrete column is picked uniformly, a category of it with
 * probability proportional to log(1 + frequency), and a real row with that category; for
 * unconditional sampling, categories are picked with their empirical frequency.
 *
 * <p>Block d of the vector starts at {@link #condOffset(int)} and mirrors the span of discrete
 * column d, which starts at {@link #dataOffset(int)} in the encoded row: position k of the one maps
 * to position k of the other for every discrete column (the reference gets this wrong for all but the
 * first discrete column when sampling with a condition).
 */
public final class ConditionalVectors {
  private final int[] condOffsets;
  private final int[] dataOffsets;
  private final int[] widths;
  private final double[][] logCumulative;
  private final double[][] frequencyCumulative;
  private final int[][][] rowsByCategory;
  private final int width;

  private ConditionalVectors(ModeSpecificCodec codec, int[][][] rowsByCategory,
      boolean logFrequency) {
    List<ColumnEncoding.Categorical> discrete = codec.discreteColumns();
    int d = discrete.size();
    condOffsets = new int[d];
    dataOffsets = new int[d];
    widths = new int[d];
    logCumulative = new double[d][];
    frequencyCumulative = new double[d][];
    int at = 0;
    for (int i = 0; i < d; i++) {
      ColumnEncoding.Categorical c = discrete.get(i);
      condOffsets[i] = at;
      dataOffsets[i] = codec.offset(codec.columns().indexOf(c));
      widths[i] = c.width();
      double[] freq = c.positionFrequencies();
      if (rowsByCategory != null) {
        double[] logFreq = new double[freq.length];
        for (int k = 0; k < freq.length; k++) {
          int count = rowsByCategory[i][k].length;
          logFreq[k] = logFrequency ? Math.log1p(count) : count;
        }
        logCumulative[i] = cumulative(logFreq);
      }
      frequencyCumulative[i] = cumulative(freq);
      at += widths[i];
    }
    this.width = at;
    this.rowsByCategory = rowsByCategory;
  }

  /** Conditional vectors for sampling only (no training rows). */
  public static ConditionalVectors forSampling(ModeSpecificCodec codec) {
    return new ConditionalVectors(codec, null, false);
  }

  /**
   * Conditional vectors with training-by-sampling over an encoded training matrix. The row indices
   * per category stay in memory for training only; they are never saved.
   *
   * @param logFrequency pick categories with probability proportional to log(1 + count) (the
   *     reference's default) rather than to their count
   */
  public static ConditionalVectors forTraining(ModeSpecificCodec codec, float[] encoded, int rows,
      boolean logFrequency) {
    List<ColumnEncoding.Categorical> discrete = codec.discreteColumns();
    int w = codec.width();
    int[][][] byCategory = new int[discrete.size()][][];
    for (int i = 0; i < discrete.size(); i++) {
      ColumnEncoding.Categorical c = discrete.get(i);
      int offset = codec.offset(codec.columns().indexOf(c));
      int k = c.width();
      int[] counts = new int[k];
      int[] position = new int[rows];
      for (int r = 0; r < rows; r++) {
        int p = ModeSpecificCodec.argmax(encoded, r * w + offset, k);
        position[r] = p;
        counts[p]++;
      }
      byCategory[i] = new int[k][];
      for (int p = 0; p < k; p++) {
        byCategory[i][p] = new int[counts[p]];
      }
      int[] fill = new int[k];
      for (int r = 0; r < rows; r++) {
        byCategory[i][position[r]][fill[position[r]]++] = r;
      }
    }
    return new ConditionalVectors(codec, byCategory, logFrequency);
  }

  private static double[] cumulative(double[] weights) {
    double total = 0;
    for (double v : weights) {
      total += v;
    }
    double[] out = new double[weights.length];
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += total > 0 ? weights[i] / total : 1.0 / weights.length;
      out[i] = acc;
    }
    out[out.length - 1] = 1.0;
    return out;
  }

  /** Width of the conditional vector (0 when the data has no discrete column). */
  public int width() {
    return width;
  }

  /** Number of discrete columns. */
  public int discreteColumns() {
    return widths.length;
  }

  /** First position of discrete column d's block in the conditional vector. */
  public int condOffset(int d) {
    return condOffsets[d];
  }

  /** First position of discrete column d's span in an encoded row. */
  public int dataOffset(int d) {
    return dataOffsets[d];
  }

  /** Positions of discrete column d (categories, then missing). */
  public int width(int d) {
    return widths[d];
  }

  /**
   * Training-by-sampling for a batch.
   *
   * @param random the step's random stream
   * @param batch rows in the batch
   * @param cond out: {@code batch × width()} conditional vectors (zeroed first)
   * @param condPosition out: per row the hot position in the conditional vector
   * @param rows out: per row a training row with the chosen category, or null not to pick rows
   */
  public void sampleForTraining(SplittableRandom random, int batch, float[] cond,
      int[] condPosition, int[] rows) {
    if (rowsByCategory == null) {
      throw new IllegalStateException("conditional vectors built for sampling only");
    }
    java.util.Arrays.fill(cond, 0, batch * width, 0f);
    for (int r = 0; r < batch; r++) {
      int d = random.nextInt(widths.length);
      int k = pick(logCumulative[d], random.nextDouble());
      int p = condOffsets[d] + k;
      cond[r * width + p] = 1f;
      condPosition[r] = p;
      if (rows != null) {
        int[] candidates = rowsByCategory[d][k];
        rows[r] = candidates[random.nextInt(candidates.length)];
      }
    }
  }

  /**
   * Conditional vectors for unconditional sampling: a discrete column uniformly, a category with its
   * training frequency.
   */
  public void sampleOriginal(SplittableRandom random, int batch, float[] cond) {
    java.util.Arrays.fill(cond, 0, batch * width, 0f);
    for (int r = 0; r < batch; r++) {
      int d = random.nextInt(widths.length);
      int k = pick(frequencyCumulative[d], random.nextDouble());
      cond[r * width + condOffsets[d] + k] = 1f;
    }
  }

  /**
   * Conditional vectors fixing discrete column d to one of the given positions, each drawn with its
   * training frequency among them.
   */
  public void sampleFixed(SplittableRandom random, int batch, float[] cond, int d, int[] positions) {
    java.util.Arrays.fill(cond, 0, batch * width, 0f);
    double[] freq = new double[positions.length];
    double[] all = new double[widths[d]];
    double prev = 0;
    for (int k = 0; k < all.length; k++) {
      all[k] = frequencyCumulative[d][k] - prev;
      prev = frequencyCumulative[d][k];
    }
    for (int i = 0; i < positions.length; i++) {
      freq[i] = all[positions[i]];
    }
    double[] cum = cumulative(freq);
    for (int r = 0; r < batch; r++) {
      int k = positions[pick(cum, random.nextDouble())];
      cond[r * width + condOffsets[d] + k] = 1f;
    }
  }

  private static int pick(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
