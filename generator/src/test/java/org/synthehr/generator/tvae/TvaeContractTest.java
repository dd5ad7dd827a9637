package org.synthehr.generator.tvae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.generator.testing.QualityScorer;
import org.synthehr.generator.testing.SynthesizerContract;

/** TVAE passes the synthesizer contract with small networks and a few epochs, and learns. */
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

  @Test
  void trainingLearns() {
    TvaeSynthesizer synthesizer = (TvaeSynthesizer) ModelKinds.create(config());
    try (FittedTvae untrained = synthesizer.fit(training, TrainingContext.of(11), false)) {
      double before = QualityScorer.score(training, untrained.sample(SampleRequest.of(3000, 1)));
      double after = QualityScorer.score(training, model.sample(SampleRequest.of(3000, 1)));
      assertTrue(after > before + 0.1, String.format(Locale.ROOT,
          "quality after training %.3f should clearly beat the untrained decoder's %.3f", after,
          before));
    }
  }
}
