package org.synthehr.generator.longitudinal;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of a network's parameters during training. Sampling from the
 * averaged weights is markedly better for diffusion models than from the last step's.
 */
final class ParameterAverage {
  private final List<Parameter> parameters = new ArrayList<>();
  private final List<float[]> average = new ArrayList<>();
  private final double decay;
  private long updates;

  ParameterAverage(Block block, double decay) {
    this.decay = decay;
    for (Pair<String, Parameter> p : block.getParameters()) {
      parameters.add(p.getValue());
      average.add(p.getValue().getArray().toFloatArray());
    }
  }

  /** Folds the current parameters in (with a warm-up, so early steps count less). */
  void update() {
    updates++;
    double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
    for (int i = 0; i < parameters.size(); i++) {
      float[] now = parameters.get(i).getArray().toFloatArray();
      float[] avg = average.get(i);
      for (int j = 0; j < avg.length; j++) {
        avg[j] = (float) (d * avg[j] + (1 - d) * now[j]);
      }
    }
  }

  /** Writes the averages into the network. */
  void copyToBlock() {
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).getArray().set(average.get(i));
    }
  }
}
