package org.synthehr.generator.ctgan;

import java.util.List;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.generator.codec.CodecOptions;

/**
 * {@code model.options} of CTGAN; the defaults are the reference's (CTGAN paper).
 *
 * @param embeddingDim size of the generator's noise input
 * @param generatorDims widths of the generator's residual layers (each with batch norm and ReLU)
 * @param discriminatorDims widths of the critic's hidden layers (LeakyReLU 0.2, dropout 0.5)
 * @param generatorLr Adam learning rate of the generator
 * @param generatorDecay L2 weight decay of the generator
 * @param discriminatorLr Adam learning rate of the critic
 * @param discriminatorDecay L2 weight decay of the critic
 * @param discriminatorSteps critic updates per generator update
 * @param pac rows the critic judges together (PacGAN); {@code model.batch_size} must be a multiple
 * @param gradientPenalty weight of the WGAN-GP gradient penalty
 * @param gumbelTau temperature of the Gumbel-softmax on one-hot spans while training
 * @param logFrequency training-by-sampling picks categories with probability proportional to
 *     log(1 + frequency) (true) or to frequency (false)
 * @param maxModes modes of each numeric column's Gaussian mixture
 * @param modeWeightThreshold modes with at most this weight are dropped
 * @param candidatesPerRow conditional sampling draws at most this many candidate rows per requested
 *     row before giving up with an error (at least 100,000 in all)
 */
public record CtganOptions(int embeddingDim, List<Integer> generatorDims,
    List<Integer> discriminatorDims, double generatorLr, double generatorDecay,
    double discriminatorLr, double discriminatorDecay, int discriminatorSteps, int pac,
    double gradientPenalty, double gumbelTau, boolean logFrequency, int maxModes,
    double modeWeightThreshold, int candidatesPerRow) {

  /** The reference's hyperparameters. */
  public static final CtganOptions DEFAULTS = new CtganOptions(128, List.of(256, 256),
      List.of(256, 256), 2e-4, 1e-6, 2e-4, 1e-6, 1, 10, 10.0, 0.2, true, 10, 0.005, 1000);

  public CtganOptions {
    generatorDims = List.copyOf(generatorDims);
    discriminatorDims = List.copyOf(discriminatorDims);
    positive("embedding_dim", embeddingDim);
    layers("generator_dims", generatorDims);
    layers("discriminator_dims", discriminatorDims);
    if (discriminatorDims.isEmpty()) {
      throw new InvalidConfigException("model.options.discriminator_dims needs at least one layer.");
    }
    rate("generator_lr", generatorLr);
    rate("discriminator_lr", discriminatorLr);
    decay("generator_decay", generatorDecay);
    decay("discriminator_decay", discriminatorDecay);
    positive("discriminator_steps", discriminatorSteps);
    positive("pac", pac);
    if (!(gradientPenalty >= 0)) {
      throw new InvalidConfigException("model.options.gradient_penalty must be >= 0, got "
          + gradientPenalty + ".");
    }
    if (!(gumbelTau > 0)) {
      throw new InvalidConfigException("model.options.gumbel_tau must be > 0, got " + gumbelTau
          + ".");
    }
    positive("candidates_per_row", candidatesPerRow);
    codec(maxModes, modeWeightThreshold);
  }

  /** The mode-specific normalisation settings. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public CodecOptions codec() {
    return codec(maxModes, modeWeightThreshold);
  }

  private static CodecOptions codec(int maxModes, double threshold) {
    try {
      return new CodecOptions(maxModes, threshold);
    } catch (InvalidConfigException e) {
      throw new InvalidConfigException("model.options." + e.getMessage());
    }
  }

  static void positive(String key, int value) {
    if (value < 1) {
      throw new InvalidConfigException("model.options." + key + " must be at least 1, got " + value
          + ".");
    }
  }

  static void layers(String key, List<Integer> dims) {
    for (Integer d : dims) {
      if (d == null || d < 1) {
        throw new InvalidConfigException("model.options." + key + " must list positive layer"
            + " widths, got " + dims + ".");
      }
    }
  }

  static void rate(String key, double value) {
    if (!(value > 0 && value < 1)) {
      throw new InvalidConfigException("model.options." + key + " must be in (0, 1), got " + value
          + ".");
    }
  }

  static void decay(String key, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new InvalidConfigException("model.options." + key + " must be in [0, 1), got " + value
          + ".");
    }
  }
}
