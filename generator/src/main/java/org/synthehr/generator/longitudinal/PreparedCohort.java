package org.synthehr.generator.longitudinal;

import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.PlausibilityRules;

/**
 * What every trajectory model learns from its training cohort before any network: the codec,
 * the plausibility rules, and the encoded cohort.
 *
 * @param codec the fitted codec
 * @param rules plausibility rules learned from the same cohort
 * @param encoded the cohort in the codec's encoding
 */
record PreparedCohort(CohortCodec codec, PlausibilityRules rules, CohortCodec.Encoded encoded) {

  /**
   * Checks the cohort, enforces offline PyTorch, fits the codec and learns the rules.
   *
   * @param tail share of each variable's values left out at each end of its plausible range
   * @throws InvalidInputException when the cohort has fewer than 2 patients
   */
  static PreparedCohort of(Cohort training, double tail) {
    if (training.size() < 2) {
      throw new InvalidInputException(Problem.ofInput("training cohort", "has " + training.size()
          + " patients; a trajectory model needs at least 2", "use more patients"));
    }
    OfflinePyTorch.enforce();
    CohortCodec codec = CohortCodec.fit(training, tail);
    return new PreparedCohort(codec, PlausibilityRules.learn(training, tail),
        codec.encode(training));
  }
}
