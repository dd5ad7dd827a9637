package org.synthehr.privacy.attack;

import java.util.List;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.privacy.stats.RocFigures;

/**
 * How well one membership attack did.
 *
 * @param attack the attack id
 * @param description what it does
 * @param figures AUC and TPR at 1% and 0.1% FPR with intervals
 * @param members member targets
 * @param nonMembers non-member targets
 */
public record AttackResult(String attack, String description, RocFigures.Figures figures,
    int members, int nonMembers) {

  /** Metric id of the AUC row. */
  public static String aucId(String attack) {
    return "privacy.mia." + attack + ".auc";
  }

  /** Metric id of the TPR at 1% FPR row. */
  public static String tpr1Id(String attack) {
    return "privacy.mia." + attack + ".tpr_at_fpr_1pct";
  }

  /** Metric id of the TPR at 0.1% FPR row. */
  public static String tpr01Id(String attack) {
    return "privacy.mia." + attack + ".tpr_at_fpr_0_1pct";
  }

  /** The three report rows: AUC, TPR at 1% FPR, TPR at 0.1% FPR. */
  public List<MetricResult> metrics() {
    Map<String, Object> details = Map.of("members", members, "non_members", nonMembers,
        "attack", description);
    return List.of(
        MetricResult.of(aucId(attack), "privacy", figures.auc().value(),
            Direction.CLOSER_TO_BASELINE, "Membership-inference ROC AUC of the " + attack
                + " attack (0.5 = guessing, 1 = every patient's membership revealed)")
            .withBaseline(0.5).withInterval(figures.auc().interval()).withDetails(details),
        MetricResult.of(tpr1Id(attack), "privacy", figures.tprAt1PctFpr().value(),
            Direction.LOWER_IS_BETTER, "Share of training patients the " + attack + " attack"
                + " identifies while wrongly accusing only 1% of non-members (guessing: 0.01)")
            .withBaseline(0.01).withInterval(figures.tprAt1PctFpr().interval())
            .withDetails(details),
        MetricResult.of(tpr01Id(attack), "privacy", figures.tprAt01PctFpr().value(),
            Direction.LOWER_IS_BETTER, "Share of training patients the " + attack + " attack"
                + " identifies while wrongly accusing only 0.1% of non-members (guessing: 0.001;"
                + " needs >= 1000 non-members to resolve)")
            .withBaseline(0.001).withInterval(figures.tprAt01PctFpr().interval())
            .withDetails(details));
  }
}
