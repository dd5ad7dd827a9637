package org.synthehr.privacy.attack;

import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.MixedRows;

/**
 * A membership-inference attack: given what the attacker knows, a score for each target record,
 * higher meaning "more likely used in training". It never sees who is a member.
 */
public interface MembershipAttack {
  /** Id used in metric ids ({@code privacy.mia.<id>.auc}). */
  String id();

  /** One sentence for the report. */
  String description();

  /**
   * Scores the targets.
   *
   * @param knowledge the synthetic data and the attacker's reference data
   * @param targets the target records
   * @param targetRows {@code targets} encoded in {@code knowledge.space()}
   */
  double[] scores(AttackerKnowledge knowledge, Table targets, MixedRows targetRows);
}
