package org.synthehr.generator.copula;

import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.testing.SynthesizerContract;

class GaussianCopulaContractTest extends SynthesizerContract {
  @Override
  protected ModelConfig config() {
    return ModelConfig.of("copula");
  }
}
