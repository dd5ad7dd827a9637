package org.synthehr.generator.timeseries;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.testing.TrajectorySynthesizerContract;

class TrajectoryGanContractTest extends TrajectorySynthesizerContract {
  /** A small, fast GAN config. */
  static ModelConfig small(int epochs, double learningRate) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("hidden", 32);
    o.put("static_hidden", 32);
    o.put("critic_hidden", 64);
    o.put("learning_rate", learningRate);
    o.put("critic_learning_rate", learningRate);
    o.put("inversion_steps", 20);
    return new ModelConfig(TrajectoryGanKind.ID, epochs, 80, "cpu", 0, o);
  }

  @Override
  protected ModelConfig config() {
    return small(100, 1e-3);
  }

  /** A GAN trained for seconds still drops some of the rarer observation patterns. */
  @Override
  protected double observationRateTolerance() {
    return 0.4;
  }
}
