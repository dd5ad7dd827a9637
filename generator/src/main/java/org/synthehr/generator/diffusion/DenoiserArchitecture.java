package org.synthehr.generator.diffusion;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The denoiser's shape, saved as {@code network.json} so a loaded model can rebuild it before
 * reading {@code denoiser.params}.
 *
 * @param numericWidth numeric scores (the Gaussian part): inputs, and predicted noise outputs
 * @param oneHotWidth one-hot width of the multinomial part: inputs, and class logit outputs
 * @param embeddingDim width of the timestep / label embeddings and the input projection
 * @param layers hidden layer widths
 * @param labelClasses classes of the conditioning label, 0 for none
 */
public record DenoiserArchitecture(int numericWidth, int oneHotWidth, int embeddingDim,
    List<Integer> layers, int labelClasses) {
  public DenoiserArchitecture {
    layers = List.copyOf(layers);
  }

  /** Width of a noisy row. */
  @JsonIgnore
  public int inputWidth() {
    return numericWidth + oneHotWidth;
  }

  /** Multiply-adds per row of one forward pass (the per-step sampling cost; embeddings aside). */
  public long multiplyAddsPerRow() {
    long total = (long) inputWidth() * embeddingDim;
    long previous = embeddingDim;
    for (int width : layers) {
      total += previous * width;
      previous = width;
    }
    return total + previous * inputWidth();
  }
}
