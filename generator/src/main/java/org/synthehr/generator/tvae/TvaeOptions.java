package org.synthehr.generator.tvae;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Set;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.generator.codec.CodecOptions;

/**
 * {@code model.options} of TVAE; the defaults are the reference's.
 *
 * @param embeddingDim latent size
 * @param compressDims encoder hidden layer widths (linear + ReLU)
 * @param decompressDims decoder hidden layer widths (linear + ReLU)
 * @param learningRate Adam learning rate
 * @param l2scale Adam L2 weight decay
 * @param lossFactor weight of the reconstruction loss against the KL divergence
 * @param categoricalDecoding how a sampled row's categories (and numeric modes) are read from the
 *     decoder: {@code sample} draws them from the decoder's softmax, the decoder's own likelihood
 *     (default); {@code argmax} takes the most likely one, as the reference does
 * @param maxModes modes of each numeric column's Gaussian mixture
 * @param modeWeightThreshold modes with at most this weight are dropped
 * @param candidatesPerRow conditional sampling draws at most this many candidate rows per requested
 *     row before giving up with an error (at least 100,000 in all)
 */
public record TvaeOptions(int embeddingDim, List<Integer> compressDims,
    List<Integer> decompressDims, double learningRate, double l2scale, double lossFactor,
    String categoricalDecoding, int maxModes, double modeWeightThreshold, int candidatesPerRow) {

  /** The reference's hyperparameters (categorical decoding aside, see above). */
  public static final TvaeOptions DEFAULTS = new TvaeOptions(128, List.of(128, 128),
      List.of(128, 128), 1e-3, 1e-5, 2.0, "sample", 10, 0.005, 1000);

  public TvaeOptions {
    compressDims = List.copyOf(compressDims);
    decompressDims = List.copyOf(decompressDims);
    if (embeddingDim < 1) {
      throw new InvalidConfigException("model.options.embedding_dim must be at least 1, got "
          + embeddingDim + ".");
    }
    for (List<Integer> dims : List.of(compressDims, decompressDims)) {
      for (Integer d : dims) {
        if (d == null || d < 1) {
          throw new InvalidConfigException("model.options.compress_dims and decompress_dims must"
              + " list positive layer widths, got " + dims + ".");
        }
      }
    }
    if (!(learningRate > 0 && learningRate < 1)) {
      throw new InvalidConfigException("model.options.learning_rate must be in (0, 1), got "
          + learningRate + ".");
    }
    if (!(l2scale >= 0 && l2scale < 1)) {
      throw new InvalidConfigException("model.options.l2scale must be in [0, 1), got " + l2scale
          + ".");
    }
    if (!(lossFactor > 0)) {
      throw new InvalidConfigException("model.options.loss_factor must be > 0, got " + lossFactor
          + ".");
    }
    if (!Set.of("sample", "argmax").contains(categoricalDecoding)) {
      throw new InvalidConfigException("model.options.categorical_decoding must be sample or"
          + " argmax, got '" + categoricalDecoding + "'.");
    }
    if (candidatesPerRow < 1) {
      throw new InvalidConfigException("model.options.candidates_per_row must be at least 1, got "
          + candidatesPerRow + ".");
    }
    codec(maxModes, modeWeightThreshold);
  }

  /** The mode-specific normalisation settings. */
  @JsonIgnore
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
}
