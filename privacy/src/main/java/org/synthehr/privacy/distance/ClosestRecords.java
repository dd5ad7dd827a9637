package org.synthehr.privacy.distance;

import java.util.SplittableRandom;
import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.MixedRows;
import org.synthehr.generator.compute.NearestNeighbours;
import org.synthehr.generator.compute.Neighbours;
import org.synthehr.privacy.encode.DistanceSpace;
import org.synthehr.privacy.stats.Samples;

/**
 * Distance to closest record (DCR) and its relatives, on the shared {@link DistanceSpace}: for each
 * synthetic row the distance to its nearest training row and to its nearest holdout row (equal-size
 * samples, so neither side is favoured by size). If the generator learned the population rather
 * than the patients, a synthetic row is as likely to be closer to the holdout as to the training
 * data: the share closer to training is ideally 0.5. The nearest-neighbour distance ratio (nearest
 * over second-nearest training row) is near 0 for a row that sits on one training record; the
 * holdout's own rows against training give its baseline. Distances come from the blocked
 * matrix-product kernel, so 100k x 100k rows take minutes, not hours.
 */
public final class ClosestRecords {
  private ClosestRecords() {}

  /**
   * DCR figures.
   *
   * @param shareCloserToTraining share of synthetic rows nearer a training than a holdout row (ties
   *     count half); 0.5 is ideal
   * @param medianToTraining median distance of synthetic rows to the nearest training row
   * @param medianToHoldout median distance of synthetic rows to the nearest holdout row
   * @param p05ToTraining 5th percentile of the synthetic-to-training distances
   * @param baselineP05ToTraining 5th percentile of holdout-to-training distances (new real rows)
   * @param nearMatchRate share of synthetic rows within {@code nearDistance} of a training row
   * @param baselineNearMatchRate the same share for holdout rows
   * @param medianNndr median nearest/second-nearest distance ratio of synthetic rows to training
   * @param baselineMedianNndr the same for holdout rows
   * @param syntheticRows synthetic rows compared
   * @param referenceRows rows drawn from each of training and holdout
   * @param nearDistance the near-match radius used
   */
  public record Result(double shareCloserToTraining, double medianToTraining,
      double medianToHoldout, double p05ToTraining, double baselineP05ToTraining,
      double nearMatchRate, double baselineNearMatchRate, double medianNndr,
      double baselineMedianNndr, int syntheticRows, int referenceRows, double nearDistance) {}

  /** Figures with the default near-match radius of 0.5 (see {@link #compute(DistanceSpace, Table,
   * Table, Table, int, int, double, long)}). */
  public static Result compute(Table training, Table holdout, Table synthetic, int maxSynthetic,
      int maxReference, long seed) {
    return compute(DistanceSpace.fit(training, holdout), training, holdout, synthetic, maxSynthetic,
        maxReference, 0.5, seed);
  }

  /**
   * Compares seeded subsamples: at most {@code maxSynthetic} synthetic rows against equal-size
   * samples (at most {@code maxReference}) of training and holdout.
   *
   * @param nearDistance radius of a near-exact match (one differing category is distance 1; one
   *     standard deviation of one numeric column is distance 1)
   */
  public static Result compute(DistanceSpace space, Table training, Table holdout, Table synthetic,
      int maxSynthetic, int maxReference, double nearDistance, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int ref = Math.min(maxReference, Math.min(training.rowCount(), holdout.rowCount()));
    MixedRows t = space.encode(training.take(Samples.without(training.rowCount(), ref, rnd)));
    MixedRows h = space.encode(holdout.take(Samples.without(holdout.rowCount(), ref, rnd)));
    MixedRows s = space.encode(synthetic.take(Samples.without(synthetic.rowCount(),
        Math.min(maxSynthetic, synthetic.rowCount()), rnd)));
    int n = s.rows();
    Neighbours toTraining = NearestNeighbours.search(s, t, 2);
    Neighbours toHoldout = NearestNeighbours.search(s, h, 1);
    Neighbours holdoutToTraining = NearestNeighbours.search(h, t, 2);
    double[] dt = toTraining.nearest();
    double[] dh = toHoldout.nearest();
    double[] base = holdoutToTraining.nearest();
    double closer = 0;
    for (int i = 0; i < n; i++) {
      closer += dt[i] < dh[i] ? 1.0 : dt[i] == dh[i] ? 0.5 : 0.0;
    }
    return new Result(n == 0 ? 0.5 : closer / n, Samples.median(dt), Samples.median(dh),
        Samples.quantile(dt, 0.05), Samples.quantile(base, 0.05),
        Samples.shareAtMost(dt, nearDistance), Samples.shareAtMost(base, nearDistance),
        Samples.median(ratios(toTraining)), Samples.median(ratios(holdoutToTraining)), n, ref,
        nearDistance);
  }

  /** Nearest over second-nearest distance per query; 1 when both are 0 (a duplicated record). */
  static double[] ratios(Neighbours nb) {
    double[] out = new double[nb.queries()];
    for (int i = 0; i < out.length; i++) {
      double d1 = nb.distance(i, 0);
      double d2 = nb.k() > 1 ? nb.distance(i, 1) : Double.POSITIVE_INFINITY;
      out[i] = d2 == 0 ? 1.0 : Double.isInfinite(d2) ? 0.0 : d1 / d2;
    }
    return out;
  }
}
