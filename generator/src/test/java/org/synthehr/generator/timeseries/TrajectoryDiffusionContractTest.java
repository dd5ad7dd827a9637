package org.synthehr.generator.timeseries;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.testing.TrajectorySynthesizerContract;

class TrajectoryDiffusionContractTest extends TrajectorySynthesizerContract {
  /** A small, fast diffusion config. */
  static ModelConfig small(int epochs, double learningRate) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("hidden", 32);
    o.put("layers", 1);
    o.put("heads", 2);
    o.put("diffusion_steps", 50);
    o.put("sampling_steps", 10);
    o.put("learning_rate", learningRate);
    o.put("ema_decay", 0.9);
    return new ModelConfig(TrajectoryDiffusionKind.ID, epochs, 80, "cpu", 0, o);
  }

  @Override
  protected ModelConfig config() {
    return small(100, 3e-3);
  }
}
