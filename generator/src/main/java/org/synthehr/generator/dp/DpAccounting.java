package org.synthehr.generator.dp;

import java.util.List;

/**
 * What a differentially private training spent and what its guarantee covers, saved with the model
 * ({@code privacy_dp.json}) and reported in {@code report.json}.
 *
 * @param mechanism what was made private (e.g. "DP-SGD on the CTGAN critic")
 * @param privacyUnit what one record of the guarantee is (e.g. one training row)
 * @param epsilonBudget the configured budget
 * @param epsilonSpent epsilon of the steps actually taken, at {@code delta}
 * @param delta the delta of the guarantee
 * @param noiseMultiplier sigma (noise standard deviation over the clip norm)
 * @param maxGradNorm the clip norm C
 * @param samplingRate Poisson sampling probability of a row per step
 * @param steps private steps taken
 * @param plannedSteps steps the configured epochs asked for
 * @param trainingRows n
 * @param secureNoise whether the noise came from the OS's entropy (false: from the run seed)
 * @param accountant the accountant and conversion used
 * @param outsideGuarantee data-dependent statistics the guarantee does not cover
 */
public record DpAccounting(String mechanism, String privacyUnit, double epsilonBudget,
    double epsilonSpent, double delta, double noiseMultiplier, double maxGradNorm,
    double samplingRate, long steps, long plannedSteps, int trainingRows, boolean secureNoise,
    String accountant, List<String> outsideGuarantee) {
  public DpAccounting {
    outsideGuarantee = List.copyOf(outsideGuarantee);
  }
}
