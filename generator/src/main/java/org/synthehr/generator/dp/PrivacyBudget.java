package org.synthehr.generator.dp;

import java.util.Locale;

/**
 * The epsilon budget of one DP-SGD training, as the training loop uses it: {@link #refuse} before
 * training when the planned steps would exceed the budget, {@link #tryStep} before every step
 * (false once the next step would exceed it, so the loop stops), {@link #spent} for the report.
 * Epsilon is monotone in the number of steps, so the budget is the largest step count whose epsilon
 * fits. Not thread-safe: one budget per training loop.
 */
public final class PrivacyBudget {
  private final double epsilonBudget;
  private final double delta;
  private final double samplingRate;
  private final double noiseMultiplier;
  private final RdpAccountant perStep;
  private final long maxSteps;
  private long steps;

  private PrivacyBudget(double epsilonBudget, double delta, double samplingRate,
      double noiseMultiplier) {
    this.epsilonBudget = epsilonBudget;
    this.delta = delta;
    this.samplingRate = samplingRate;
    this.noiseMultiplier = noiseMultiplier;
    this.perStep = RdpAccountant.empty().compose(samplingRate, noiseMultiplier, 1);
    this.maxSteps = largestSteps();
  }

  /**
   * A budget.
   *
   * @param epsilon the epsilon not to exceed
   * @param delta the delta of the guarantee (1/n is the usual choice)
   * @param samplingRate Poisson sampling probability of a record per step (batch / n)
   * @param noiseMultiplier noise standard deviation over the clip norm
   */
  public static PrivacyBudget of(double epsilon, double delta, double samplingRate,
      double noiseMultiplier) {
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon budget must be positive, got " + epsilon);
    }
    return new PrivacyBudget(epsilon, delta, samplingRate, noiseMultiplier);
  }

  /** Epsilon after a number of steps. */
  public double epsilonAfter(long stepCount) {
    return scaled(stepCount).epsilon(delta).epsilon();
  }

  /** The most steps within the budget ({@link Long#MAX_VALUE} if practically unbounded). */
  public long maxSteps() {
    return maxSteps;
  }

  /**
   * Refuses a training plan that would exceed the budget.
   *
   * @param plannedSteps the steps the configured epochs would take
   * @param stepsPerEpoch steps per epoch, to say how many epochs fit
   * @throws PrivacyBudgetExceededException when the plan does not fit
   */
  public void refuse(long plannedSteps, long stepsPerEpoch) {
    if (plannedSteps <= maxSteps) {
      return;
    }
    throw new PrivacyBudgetExceededException(String.format(Locale.ROOT, "Differentially private"
        + " training of %,d steps (sampling rate %.4g, noise multiplier %.3g) would spend epsilon"
        + " %.3f at delta %.3g, over the budget of %.3f; at most %,d steps (%,d epochs) fit. Fix:"
        + " train fewer epochs, raise the noise multiplier (about %.3g reaches the budget in the"
        + " planned steps), lower the batch size, or raise the epsilon budget.", plannedSteps,
        samplingRate, noiseMultiplier, epsilonAfter(plannedSteps), delta, epsilonBudget, maxSteps,
        stepsPerEpoch > 0 ? maxSteps / stepsPerEpoch : 0,
        noiseMultiplierFor(epsilonBudget, delta, samplingRate, plannedSteps)));
  }

  /** Takes one step if it stays within the budget; false means stop training now. */
  public boolean tryStep() {
    if (steps >= maxSteps) {
      return false;
    }
    steps++;
    return true;
  }

  /** Steps taken. */
  public long steps() {
    return steps;
  }

  /** Epsilon spent by the steps taken. */
  public double spent() {
    return epsilonAfter(steps);
  }

  /** The budget. */
  public double epsilonBudget() {
    return epsilonBudget;
  }

  /** The delta of the guarantee. */
  public double delta() {
    return delta;
  }

  /**
   * The smallest noise multiplier (to 0.1%) for which {@code steps} steps at this sampling rate
   * stay within epsilon at delta.
   */
  public static double noiseMultiplierFor(double epsilon, double delta, double samplingRate,
      long steps) {
    double lo = 0.05;
    double hi = 1;
    while (RdpAccountant.empty().compose(samplingRate, hi, steps).epsilon(delta).epsilon()
        > epsilon) {
      hi *= 2;
      if (hi > 1e4) {
        return Double.POSITIVE_INFINITY;
      }
    }
    while (hi - lo > 1e-3 * hi) {
      double mid = 0.5 * (lo + hi);
      if (RdpAccountant.empty().compose(samplingRate, mid, steps).epsilon(delta).epsilon()
          > epsilon) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  private RdpAccountant scaled(long stepCount) {
    double[] r = perStep.rdp();
    double[] orders = perStep.orders();
    RdpAccountant out = RdpAccountant.empty(orders);
    // RDP composes additively: T steps are T times one step's RDP at every order.
    return out.withRdp(scale(r, stepCount));
  }

  private static double[] scale(double[] r, long k) {
    double[] out = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = r[i] * k;
    }
    return out;
  }

  private long largestSteps() {
    if (epsilonAfter(1) > epsilonBudget) {
      return 0;
    }
    long lo = 1;
    long hi = 2;
    while (epsilonAfter(hi) <= epsilonBudget) {
      lo = hi;
      hi *= 2;
      if (hi > (1L << 40)) {
        return Long.MAX_VALUE;
      }
    }
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (epsilonAfter(mid) <= epsilonBudget) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
