package org.synthehr.generator.ctgan;

import java.util.List;

/**
 * The generator's shape, saved as {@code network.json} so a loaded model can rebuild the network
 * before reading {@code generator.params}.
 *
 * @param embeddingDim noise width
 * @param generatorDims residual layer widths
 * @param dataWidth encoded row width (output)
 * @param condWidth conditional vector width
 */
public record CtganArchitecture(int embeddingDim, List<Integer> generatorDims, int dataWidth,
    int condWidth) {
  public CtganArchitecture {
    generatorDims = List.copyOf(generatorDims);
  }

  /** Input width of the generator. */
  int inputDim() {
    return embeddingDim + condWidth;
  }
}
