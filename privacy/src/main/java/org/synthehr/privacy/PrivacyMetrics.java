package org.synthehr.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.distance.ClosestRecords;
import org.synthehr.privacy.distance.ExactMatches;
import org.synthehr.privacy.encode.DistanceSpace;

/**
 * The distance-based privacy figures of a release: exact and near-exact copies of training rows,
 * the DCR share closer to training, and the nearest-neighbour distance ratio, each with the figure
 * new real rows (the holdout) score as baseline. Membership and attribute attacks are in
 * {@link PrivacyAssessment}.
 */
public final class PrivacyMetrics {
  private PrivacyMetrics() {}

  /**
   * Distance figures on seeded subsamples, with the default near-match radius (0.5).
   *
   * @param maxSynthetic synthetic rows compared in DCR (seeded subsample)
   * @param maxReference training and holdout rows compared in DCR (each)
   */
  public static List<MetricResult> compute(Table training, Table holdout, Table synthetic,
      int maxSynthetic, int maxReference, long seed) {
    return compute(DistanceSpace.fit(training, holdout), training, holdout, synthetic, maxSynthetic,
        maxReference, 0.5, seed);
  }

  /** Distance figures in a given space with a given near-match radius. */
  public static List<MetricResult> compute(DistanceSpace space, Table training, Table holdout,
      Table synthetic, int maxSynthetic, int maxReference, double nearDistance, long seed) {
    List<MetricResult> out = new ArrayList<>();
    long copies = ExactMatches.count(training, synthetic);
    double rate = synthetic.rowCount() == 0 ? 0 : (double) copies / synthetic.rowCount();
    double holdoutRate = ExactMatches.rate(training, holdout);
    out.add(MetricResult.of("privacy.exact_match.rate", "privacy", rate, Direction.LOWER_IS_BETTER,
        "Share of synthetic rows identical to a training row; the holdout's share is the baseline")
        .withBaseline(holdoutRate).withDetails(Map.of("synthetic_rows_copied", copies,
            "synthetic_rows", synthetic.rowCount())));
    ClosestRecords.Result dcr = ClosestRecords.compute(space, training, holdout, synthetic,
        maxSynthetic, maxReference, nearDistance, seed);
    Map<String, Object> sizes = new LinkedHashMap<>();
    sizes.put("synthetic_rows", dcr.syntheticRows());
    sizes.put("reference_rows", dcr.referenceRows());
    out.add(MetricResult.of("privacy.near_match.rate", "privacy", dcr.nearMatchRate(),
        Direction.LOWER_IS_BETTER, "Share of synthetic rows within distance " + dcr.nearDistance()
            + " of a training row (all categories equal, numerics within half a standard"
            + " deviation); the holdout's share is the baseline")
        .withBaseline(dcr.baselineNearMatchRate()).withDetails(sizes));
    Map<String, Object> dcrDetails = new LinkedHashMap<>(sizes);
    dcrDetails.put("median_distance_to_training", dcr.medianToTraining());
    dcrDetails.put("median_distance_to_holdout", dcr.medianToHoldout());
    dcrDetails.put("p05_distance_to_training", dcr.p05ToTraining());
    dcrDetails.put("p05_holdout_distance_to_training", dcr.baselineP05ToTraining());
    out.add(MetricResult.of("privacy.dcr.share_closer_to_training", "privacy",
        dcr.shareCloserToTraining(), Direction.CLOSER_TO_BASELINE,
        "Share of synthetic rows nearer to a training row than to a holdout row (0.5 is ideal)")
        .withBaseline(0.5).withDetails(dcrDetails));
    out.add(MetricResult.of("privacy.nndr.median", "privacy", dcr.medianNndr(),
        Direction.HIGHER_IS_BETTER, "Median ratio of a synthetic row's nearest to second-nearest"
            + " training row distance (near 0: sits on one patient); holdout rows give the"
            + " baseline").withBaseline(dcr.baselineMedianNndr()).withDetails(sizes));
    return out;
  }
}
