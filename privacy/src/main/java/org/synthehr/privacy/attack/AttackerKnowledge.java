package org.synthehr.privacy.attack;

import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.MixedRows;
import org.synthehr.privacy.encode.DistanceSpace;

/**
 * What a membership attacker is assumed to hold besides the target records: the released synthetic
 * data and a reference sample of real records from the same population that were not used in
 * training (the standard assumption of DOMIAS and shadow-model attacks), plus an encoding the
 * attacker fits on that reference sample.
 *
 * @param space the attacker's encoding (fitted on the categories and values of the reference sample
 *     and the synthetic rows: nothing the attacker does not hold)
 * @param synthetic the released synthetic rows (a seeded subsample)
 * @param syntheticRows {@code synthetic} encoded
 * @param reference the attacker's real reference rows (disjoint from training and from the targets)
 * @param referenceRows {@code reference} encoded
 */
public record AttackerKnowledge(DistanceSpace space, Table synthetic, MixedRows syntheticRows,
    Table reference, MixedRows referenceRows) {

  /** Encodes both tables in a space fitted on what the attacker holds. */
  public static AttackerKnowledge of(Table synthetic, Table reference) {
    DistanceSpace space = DistanceSpace.fit(reference, synthetic);
    return new AttackerKnowledge(space, synthetic, space.encode(synthetic), reference,
        space.encode(reference));
  }
}
