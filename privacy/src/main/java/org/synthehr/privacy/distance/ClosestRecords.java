package org.synthehr.privacy.distance;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.synthehr.core.encode.MixedEncoding;
import org.synthehr.core.table.Table;

/**
 * Distance to closest record (DCR): for each synthetic row, the Euclidean distance (on the shared
 * {@link MixedEncoding}) to its nearest training row and to its nearest holdout row. If the generator
 * learned the population rather than the patients, a synthetic row is as likely to be closer to the
 * holdout as to the training data: the share closer to training is ideally 0.5.
 */
public final class ClosestRecords {
  private ClosestRecords() {}

  /**
   * DCR figures.
   *
   * @param shareCloserToTraining share of synthetic rows nearer a training than a holdout row (ties
   *     count half); 0.5 is ideal
   * @param medianToTraining median distance to the nearest training row
   * @param medianToHoldout median distance to the nearest holdout row
   * @param syntheticRows synthetic rows compared
   * @param referenceRows rows drawn from each of training and holdout
   */
  public record Result(double shareCloserToTraining, double medianToTraining,
      double medianToHoldout, int syntheticRows, int referenceRows) {}

  /**
   * Compares seeded subsamples: at most {@code maxSynthetic} synthetic rows against equal-size samples
   * (at most {@code maxReference}) of training and holdout, so neither side is favoured by size.
   */
  public static Result compute(Table training, Table holdout, Table synthetic, int maxSynthetic,
      int maxReference, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int ref = Math.min(maxReference, Math.min(training.rowCount(), holdout.rowCount()));
    Table t = training.take(subsample(training.rowCount(), ref, rnd));
    Table h = holdout.take(subsample(holdout.rowCount(), ref, rnd));
    Table s = synthetic.take(subsample(synthetic.rowCount(),
        Math.min(maxSynthetic, synthetic.rowCount()), rnd));
    MixedEncoding enc = MixedEncoding.fit(training);
    int w = enc.width();
    float[] te = enc.encode(t);
    float[] he = enc.encode(h);
    float[] se = enc.encode(s);
    int n = s.rowCount();
    double[] dt = new double[n];
    double[] dh = new double[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      dt[i] = Math.sqrt(nearest(se, i, te, ref, w));
      dh[i] = Math.sqrt(nearest(se, i, he, ref, w));
    });
    double closer = 0;
    for (int i = 0; i < n; i++) {
      closer += dt[i] < dh[i] ? 1.0 : dt[i] == dh[i] ? 0.5 : 0.0;
    }
    return new Result(n == 0 ? 0.5 : closer / n, median(dt), median(dh), n, ref);
  }

  private static double nearest(float[] q, int row, float[] ref, int refRows, int w) {
    double best = Double.POSITIVE_INFINITY;
    int qo = row * w;
    for (int j = 0; j < refRows; j++) {
      int ro = j * w;
      double s = 0;
      for (int k = 0; k < w && s < best; k++) {
        double d = q[qo + k] - ref[ro + k];
        s += d * d;
      }
      if (s < best) {
        best = s;
      }
    }
    return best;
  }

  private static int[] subsample(int n, int k, SplittableRandom rnd) {
    int[] idx = IntStream.range(0, n).toArray();
    for (int i = 0; i < k; i++) {
      int j = i + rnd.nextInt(n - i);
      int tmp = idx[i];
      idx[i] = idx[j];
      idx[j] = tmp;
    }
    int[] out = Arrays.copyOf(idx, k);
    Arrays.sort(out);
    return out;
  }

  private static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }
}
