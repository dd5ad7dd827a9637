package org.synthehr.generator.diffusion;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.testing.SynthesizerContract;

/** TabDDPM passes the synthesizer contract with a small denoiser and a few epochs. */
class TabDdpmContractTest extends SynthesizerContract {
  /** A TabDDPM small enough to train on the contract table in seconds. */
  static ModelConfig smallConfig(int epochs) {
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    options.putArray("layers").add(64).add(64);
    options.put("embedding_dim", 32);
    options.put("timesteps", 50);
    options.put("sampling_steps", 10);
    return ModelConfig.of("tabddpm").withEpochs(epochs).withBatchSize(100).withOptions(options);
  }

  @Override
  protected ModelConfig config() {
    return smallConfig(30);
  }
}
