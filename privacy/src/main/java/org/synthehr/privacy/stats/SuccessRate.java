package org.synthehr.privacy.stats;

import org.synthehr.core.result.Interval;

/**
 * A success rate with its Wilson score interval (as Anonymeter reports attack, control and baseline
 * rates): the centre and half-width of the interval are the point estimate and its error.
 *
 * @param successes successful guesses
 * @param trials guesses made
 * @param value the Wilson centre
 * @param error the Wilson half-width at the confidence level
 * @param level the confidence level
 */
public record SuccessRate(long successes, long trials, double value, double error, double level) {

  /** The Wilson estimate at 95%. */
  public static SuccessRate of(long successes, long trials) {
    return of(successes, trials, 0.95);
  }

  /** The Wilson estimate at a confidence level. */
  public static SuccessRate of(long successes, long trials, double level) {
    if (trials <= 0) {
      return new SuccessRate(0, 0, 0, 1, level);
    }
    double z = new org.apache.commons.math3.distribution.NormalDistribution()
        .inverseCumulativeProbability(0.5 + level / 2);
    double n = trials;
    double p = successes / n;
    double z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return new SuccessRate(successes, trials, centre, half, level);
  }

  /** The interval. */
  public Interval interval() {
    return new Interval(Math.max(0, value - error), Math.min(1, value + error), level);
  }

  /**
   * The privacy risk of an attack over its control, {@code (attack - control) / (1 - control)}: the
   * share of what a control-level attacker could not guess that the synthetic data let the attacker
   * guess. The error combines both rates' errors to first order (as Anonymeter does).
   */
  public static RiskEstimate risk(SuccessRate attack, SuccessRate control) {
    double c = Math.min(control.value, 1 - 1e-12);
    double risk = (attack.value - c) / (1 - c);
    double dA = 1 / (1 - c);
    double dC = Math.abs((attack.value - 1) / ((1 - c) * (1 - c)));
    double error = Math.sqrt(Math.pow(attack.error * dA, 2) + Math.pow(control.error * dC, 2));
    return new RiskEstimate(risk, new Interval(risk - error, risk + error, attack.level));
  }

  /**
   * A risk with its interval.
   *
   * @param value the risk (may be negative when the attack does worse than its control)
   * @param interval the interval
   */
  public record RiskEstimate(double value, Interval interval) {}
}
