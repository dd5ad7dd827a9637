package org.synthehr.generator.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.SplittableRandom;

/**
 * Initial weights drawn on the JVM from a seed: PyTorch's defaults for linear layers (weights and
 * biases uniform in ±1/sqrt(fan_in)), so a fixed seed gives the same starting network on any machine
 * and whatever else uses PyTorch's global generator. Batch norm keeps DJL's (and PyTorch's) defaults:
 * scale 1, shift 0, running mean 0, running variance 1.
 */
public final class SeededInit {
  private SeededInit() {}

  /** Re-initialises every linear layer inside an initialised block, in a fixed order. */
  public static void linearLayers(Block block, SplittableRandom random) {
    if (block instanceof Linear linear) {
      NDArray weight = linear.getParameters().get("weight").getArray();
      long fanIn = weight.getShape().get(1);
      double bound = 1.0 / Math.sqrt(fanIn);
      AlignedArrays.write(weight, uniform(random, (int) weight.getShape().size(), bound));
      if (linear.getParameters().contains("bias")) {
        NDArray bias = linear.getParameters().get("bias").getArray();
        AlignedArrays.write(bias, uniform(random, (int) bias.getShape().size(), bound));
      }
      return;
    }
    for (Pair<String, Block> child : block.getChildren()) {
      linearLayers(child.getValue(), random);
    }
  }

  private static float[] uniform(SplittableRandom random, int n, double bound) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return out;
  }
}
