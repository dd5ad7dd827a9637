package org.synthehr.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.distance.ClosestRecords;
import org.synthehr.privacy.distance.ExactMatches;

/** The first privacy figures of a release: exact copies of training rows and the DCR share. */
public final class PrivacyMetrics {
  private PrivacyMetrics() {}

  /**
   * Exact-match rate (with the holdout's own rate as baseline) and the DCR share closer to training.
   *
   * @param maxSynthetic synthetic rows compared in DCR (seeded subsample)
   * @param maxReference training and holdout rows compared in DCR (each)
   */
  public static List<MetricResult> compute(Table training, Table holdout, Table synthetic,
      int maxSynthetic, int maxReference, long seed) {
    List<MetricResult> out = new ArrayList<>();
    long copies = ExactMatches.count(training, synthetic);
    double rate = synthetic.rowCount() == 0 ? 0 : (double) copies / synthetic.rowCount();
    double holdoutRate = ExactMatches.rate(training, holdout);
    out.add(MetricResult.of("privacy.exact_match.rate", "privacy", rate, Direction.LOWER_IS_BETTER,
        "Share of synthetic rows identical to a training row; the holdout's share is the baseline")
        .withBaseline(holdoutRate).withDetails(Map.of("synthetic_rows_copied", copies)));
    ClosestRecords.Result dcr = ClosestRecords.compute(training, holdout, synthetic, maxSynthetic,
        maxReference, seed);
    out.add(MetricResult.of("privacy.dcr.share_closer_to_training", "privacy",
        dcr.shareCloserToTraining(), Direction.CLOSER_TO_BASELINE,
        "Share of synthetic rows nearer to a training row than to a holdout row (0.5 is ideal)")
        .withBaseline(0.5).withDetails(Map.of(
            "median_distance_to_training", dcr.medianToTraining(),
            "median_distance_to_holdout", dcr.medianToHoldout(),
            "synthetic_rows", dcr.syntheticRows(), "reference_rows", dcr.referenceRows())));
    return out;
  }
}
