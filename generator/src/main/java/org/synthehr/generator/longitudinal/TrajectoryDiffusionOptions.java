package org.synthehr.generator.longitudinal;

import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code model.options} of {@code trajectory-diffusion}.
 *
 * @param hidden width of the transformer
 * @param layers transformer layers
 * @param heads attention heads (must divide hidden)
 * @param diffusionSteps noise levels of the training process
 * @param samplingSteps denoising steps when sampling (DDIM-style subsequence of the noise levels)
 * @param eta 1 = stochastic (DDPM-like) sampling, 0 = deterministic DDIM
 * @param learningRate Adam learning rate at the first epoch; it decays along a cosine to a tenth
 *     of that by the last
 * @param emaDecay decay of the moving average of the weights used for sampling
 * @param unconditionalShare share of training examples with nothing given (whole new patients)
 * @param forecastShare share with baseline attributes and a history prefix given (digital twins);
 *     the rest are imputation examples (random observed values given)
 * @param unobservedWeight loss weight of the value channel before a variable is first charted
 *     (after that the channel carries the last charted value forward)
 * @param outcomeWeight loss weight of the static entries not known when the stay begins (the
 *     outcome label, the record's end) against 1 for the others: the label is a few of some 130
 *     static entries, and at weight 1 its association with the series came out much weaker than
 *     the real one (measurements: docs/longitudinal.md, 'Design measurements')
 * @param tail share of each variable's values left out at each end of its plausible range
 * @param samplingBatch patients denoised together when sampling
 * @param realismCandidates candidates sampled per new patient; the kept patients are chosen
 *     among them by the training cohort's deciles and a critic trained after calibration to tell
 *     real from sampled patients ({@link MarginalBalance}, {@link RealismCritic}); 1 trains no
 *     critic and keeps every sample. Sampling a cohort takes about this many times as long;
 *     twins are not affected
 */
public record TrajectoryDiffusionOptions(int hidden, int layers, int heads, int diffusionSteps,
    int samplingSteps, double eta, double learningRate, double emaDecay, double unconditionalShare,
    double forecastShare, double unobservedWeight, double outcomeWeight, double tail,
    int samplingBatch, int realismCandidates) {

  /** Default {@link #outcomeWeight}; models saved before the option existed were trained at 1. */
  static final double OUTCOME_WEIGHT = 10;

  /**
   * The defaults. 25 sampling steps halve the time of a candidate against 50 for little loss;
   * 16 candidates per new patient give the choice of the kept patients room: a lower
   * discriminative score than 8, for longer sampling
   * (measurements: docs/longitudinal.md, 'Design measurements').
   */
  public static final TrajectoryDiffusionOptions DEFAULTS = new TrajectoryDiffusionOptions(128, 3,
      4, 100, 25, 1.0, 1e-3, 0.995, 0.4, 0.4, 0.25, OUTCOME_WEIGHT, 0.001, 256, 16);

  public TrajectoryDiffusionOptions {
    check(hidden >= 8 && hidden % 2 == 0, "hidden", "an even number of at least 8", hidden);
    check(layers >= 1 && layers <= 24, "layers", "between 1 and 24", layers);
    check(heads >= 1 && hidden % heads == 0, "heads", "a divisor of hidden (" + hidden + ")",
        heads);
    check(diffusionSteps >= 2 && diffusionSteps <= 4000, "diffusion_steps",
        "between 2 and 4000", diffusionSteps);
    check(samplingSteps >= 1 && samplingSteps <= diffusionSteps, "sampling_steps",
        "between 1 and diffusion_steps (" + diffusionSteps + ")", samplingSteps);
    check(eta >= 0 && eta <= 1, "eta", "between 0 and 1", eta);
    check(learningRate > 0 && learningRate < 1, "learning_rate", "between 0 and 1", learningRate);
    check(emaDecay >= 0 && emaDecay < 1, "ema_decay", "in [0, 1)", emaDecay);
    check(unconditionalShare >= 0 && forecastShare >= 0 && unconditionalShare + forecastShare <= 1,
        "unconditional_share", "with forecast_share non-negative and summing to at most 1",
        unconditionalShare);
    check(unobservedWeight >= 0 && unobservedWeight <= 1, "unobserved_weight", "in [0, 1]",
        unobservedWeight);
    check(outcomeWeight > 0 && outcomeWeight <= 100, "outcome_weight", "in (0, 100]",
        outcomeWeight);
    check(tail >= 0 && tail < 0.1, "tail", "in [0, 0.1)", tail);
    check(samplingBatch >= 1, "sampling_batch", "at least 1", samplingBatch);
    check(realismCandidates >= 1 && realismCandidates <= 64, "realism_candidates",
        "between 1 and 64", realismCandidates);
  }

  private static void check(boolean ok, String key, String what, Object got) {
    if (!ok) {
      throw new InvalidConfigException("model.options." + key + " must be " + what + ", got "
          + got + ".");
    }
  }
}
