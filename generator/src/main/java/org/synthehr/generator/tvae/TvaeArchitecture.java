package org.synthehr.generator.tvae;

import java.util.List;

/**
 * The decoder's shape, saved as {@code network.json} so a loaded model can rebuild it before
 * reading {@code decoder.params}.
 *
 * @param embeddingDim latent size
 * @param decompressDims hidden layer widths
 * @param dataWidth encoded row width
 */
public record TvaeArchitecture(int embeddingDim, List<Integer> decompressDims, int dataWidth) {
  public TvaeArchitecture {
    decompressDims = List.copyOf(decompressDims);
  }
}
