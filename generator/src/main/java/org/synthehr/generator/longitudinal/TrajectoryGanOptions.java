package org.synthehr.generator.longitudinal;

import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code model.options} of {@code trajectory-gan}.
 *
 * @param staticNoise noise width of the static attribute generator
 * @param stepNoise noise width per grid step of the series generator
 * @param staticHidden width of the static generator's hidden layers
 * @param hidden GRU state size of the series generator
 * @param layers GRU layers
 * @param criticHidden width of the critic's hidden layers (the auxiliary static critic uses half)
 * @param learningRate Adam learning rate of the generator
 * @param criticLearningRate Adam learning rate of the critics
 * @param auxWeight weight of the auxiliary static critic (DoppelGANger's alpha)
 * @param tail share of each variable's values left out at each end of its plausible range
 * @param inversionSteps optimisation steps that fit a twin's noise to its history
 * @param inversionLearningRate step size of that optimisation
 * @param samplingBatch patients generated together when sampling
 */
public record TrajectoryGanOptions(int staticNoise, int stepNoise, int staticHidden, int hidden,
    int layers, int criticHidden, double learningRate, double criticLearningRate,
    double auxWeight, double tail, int inversionSteps, double inversionLearningRate,
    int samplingBatch) {

  /** The defaults. */
  public static final TrajectoryGanOptions DEFAULTS = new TrajectoryGanOptions(32, 8, 128, 128, 1,
      256, 2e-4, 2e-4, 1.0, 0.001, 150, 0.05, 512);

  public TrajectoryGanOptions {
    check(staticNoise >= 1, "static_noise", "at least 1", staticNoise);
    check(stepNoise >= 1, "step_noise", "at least 1", stepNoise);
    check(staticHidden >= 4, "static_hidden", "at least 4", staticHidden);
    check(hidden >= 4, "hidden", "at least 4", hidden);
    check(layers >= 1 && layers <= 8, "layers", "between 1 and 8", layers);
    check(criticHidden >= 4, "critic_hidden", "at least 4", criticHidden);
    check(learningRate > 0 && learningRate < 1, "learning_rate", "between 0 and 1", learningRate);
    check(criticLearningRate > 0 && criticLearningRate < 1, "critic_learning_rate",
        "between 0 and 1", criticLearningRate);
    check(auxWeight >= 0, "aux_weight", "0 or positive", auxWeight);
    check(tail >= 0 && tail < 0.1, "tail", "in [0, 0.1)", tail);
    check(inversionSteps >= 0, "inversion_steps", "0 or positive", inversionSteps);
    check(inversionLearningRate > 0, "inversion_learning_rate", "positive", inversionLearningRate);
    check(samplingBatch >= 1, "sampling_batch", "at least 1", samplingBatch);
  }

  private static void check(boolean ok, String key, String what, Object got) {
    if (!ok) {
      throw new InvalidConfigException("model.options." + key + " must be " + what + ", got "
          + got + ".");
    }
  }
}
