package org.synthehr.generator.diffusion;

import java.util.List;
import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code model.options} of TabDDPM ({@code model.kind: tabddpm}). Defaults were chosen from
 * measurements on diabetes130 (see docs/diffusion.md and BENCHMARKS.md).
 *
 * @param timesteps diffusion steps T of training (the paper's tuned configs mostly use 100)
 * @param samplingSteps steps the sampler visits (strided, spread evenly over T); T for the full
 *     chain. Fewer is faster: each step is one pass of the network over every row
 * @param eta stochasticity of the Gaussian part's strided (DDIM) steps: 0 deterministic, 1 the
 *     DDPM posterior variance
 * @param layers widths of the denoiser's hidden layers (linear + ReLU)
 * @param embeddingDim width of the sinusoidal timestep embedding, the label embedding and the
 *     input projection (TabDDPM: 128)
 * @param learningRate Adam learning rate
 * @param annealLearningRate decay the learning rate linearly to 0 over the planned epochs (as the
 *     reference does); off keeps it constant
 * @param weightDecay Adam L2 weight decay
 * @param conditionOnLabel condition the denoiser on the schema's (discrete) label, which lets
 *     sampling fix the label's value or class balance exactly
 * @param maxQuantiles most grid points of a numeric column's quantile transform
 * @param rowsPerQuantile fewest training values per grid point (TabDDPM: 30)
 * @param dequantizeIntegers spread integer values over ±0.5 before the quantile transform (rounded
 *     back when sampling)
 * @param candidatesPerRow conditions on numeric ranges are met by rejection: at most this many
 *     candidate rows per requested row (at least 100,000 in all) before a clear error
 */
public record TabDdpmOptions(int timesteps, int samplingSteps, double eta, List<Integer> layers,
    int embeddingDim, double learningRate, boolean annealLearningRate, double weightDecay,
    boolean conditionOnLabel, int maxQuantiles, int rowsPerQuantile, boolean dequantizeIntegers,
    int candidatesPerRow) {

  /** The defaults. */
  public static final TabDdpmOptions DEFAULTS = new TabDdpmOptions(100, 20, 0.0,
      List.of(256, 256), 128, 2e-3, true, 0.0, true, 1000, 30, true, 1000);

  public TabDdpmOptions {
    layers = layers == null ? List.of() : List.copyOf(layers);
    if (timesteps < 2 || timesteps > 10_000) {
      throw new InvalidConfigException("model.options.timesteps must be between 2 and 10000, got "
          + timesteps + " (TabDDPM uses 100 to 1000).");
    }
    if (samplingSteps < 2) {
      throw new InvalidConfigException("model.options.sampling_steps must be at least 2, got "
          + samplingSteps + " (use timesteps for the full chain).");
    }
    if (!(eta >= 0 && eta <= 1)) {
      throw new InvalidConfigException("model.options.eta must be in [0, 1] (0 = deterministic"
          + " DDIM steps, 1 = DDPM noise), got " + eta + ".");
    }
    if (layers.isEmpty()) {
      throw new InvalidConfigException("model.options.layers needs at least one hidden layer"
          + " width, e.g. [256, 256].");
    }
    for (Integer d : layers) {
      if (d == null || d < 1) {
        throw new InvalidConfigException("model.options.layers must list positive layer widths,"
            + " got " + layers + ".");
      }
    }
    if (embeddingDim < 2 || embeddingDim % 2 != 0) {
      throw new InvalidConfigException("model.options.embedding_dim must be an even number >= 2"
          + " (half sine, half cosine features), got " + embeddingDim + ".");
    }
    if (!(learningRate > 0 && learningRate < 1)) {
      throw new InvalidConfigException("model.options.learning_rate must be in (0, 1), got "
          + learningRate + ".");
    }
    if (!(weightDecay >= 0 && weightDecay < 1)) {
      throw new InvalidConfigException("model.options.weight_decay must be in [0, 1), got "
          + weightDecay + ".");
    }
    if (maxQuantiles < 2) {
      throw new InvalidConfigException("model.options.max_quantiles must be at least 2, got "
          + maxQuantiles + ".");
    }
    if (rowsPerQuantile < 1) {
      throw new InvalidConfigException("model.options.rows_per_quantile must be at least 1, got "
          + rowsPerQuantile + ".");
    }
    if (candidatesPerRow < 1) {
      throw new InvalidConfigException("model.options.candidates_per_row must be at least 1, got "
          + candidatesPerRow + ".");
    }
  }
}
