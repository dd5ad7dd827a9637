package org.synthehr.generator.dp;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Poisson sampling of DP-SGD batches: every record joins each step's batch independently with
 * probability q, so batch sizes vary around q n. This is the sampling the Rényi-DP accountant
 * assumes; shuffled fixed-size batches are a different mechanism with a weaker guarantee than the
 * accountant's figure.
 */
public final class PoissonSampler {
  private final int records;
  private final double rate;
  private final SplittableRandom random;

  /**
   * @param records records in the training set
   * @param rate sampling probability per record and step
   * @param seed seed of the draws
   */
  public PoissonSampler(int records, double rate, long seed) {
    if (records < 1 || !(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("need records >= 1 and a rate in (0, 1], got " + records
          + " and " + rate);
    }
    this.records = records;
    this.rate = rate;
    this.random = new SplittableRandom(seed);
  }

  /** The sampling rate q. */
  public double rate() {
    return rate;
  }

  /** The expected batch size q n (the denominator of the noisy mean gradient). */
  public double expectedBatchSize() {
    return rate * records;
  }

  /** The record indices of the next step's batch, in increasing order (possibly empty). */
  public int[] nextBatch() {
    int[] out = new int[Math.max(16, (int) (2 * expectedBatchSize()))];
    int n = 0;
    if (rate == 1) {
      out = new int[records];
      for (int i = 0; i < records; i++) {
        out[i] = i;
      }
      return out;
    }
    // Geometric skips: the gap to the next selected record is Geometric(q), so a step costs
    // O(q n) draws instead of n.
    double logQ = Math.log1p(-rate);
    long i = -1;
    while (true) {
      double u = random.nextDouble();
      i += 1 + (long) Math.floor(Math.log1p(-u) / logQ);
      if (i >= records) {
        break;
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      out[n++] = (int) i;
    }
    return Arrays.copyOf(out, n);
  }
}
