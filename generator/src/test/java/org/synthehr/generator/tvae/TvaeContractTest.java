package org.synthehr.generator.tvae;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.testing.SynthesizerContract;

/** TVAE passes the synthesizer contract with small networks and a few epochs. */
class TvaeContractTest extends SynthesizerContract {
  /** A TVAE small enough to train on the contract table in seconds. */
  static ModelConfig smallConfig(int epochs) {
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    options.put("embedding_dim", 32);
    options.putArray("compress_dims").add(64).add(64);
    options.putArray("decompress_dims").add(64).add(64);
    return ModelConfig.of("tvae").withEpochs(epochs).withBatchSize(100).withOptions(options);
  }

  @Override
  protected ModelConfig config() {
    return smallConfig(60);
  }
}
