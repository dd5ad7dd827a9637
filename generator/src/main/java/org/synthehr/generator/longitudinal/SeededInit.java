package org.synthehr.generator.longitudinal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.SplittableRandom;

/**
 * Initial network parameters drawn from a JVM random stream rather than PyTorch's global generator,
 * so that a seed gives the same model whatever else runs in the process (Spark tasks share it):
 * Xavier-uniform weights, zero biases, unit norm scales.
 */
final class SeededInit {
  private SeededInit() {}

  /** Overwrites every parameter of an initialized block. */
  static void apply(Block block, SplittableRandom rnd) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      Shape s = a.getShape();
      float[] v = new float[(int) s.size()];
      String name = p.getKey().toLowerCase(java.util.Locale.ROOT);
      if (s.dimension() >= 2) {
        long fanOut = s.get(0);
        long fanIn = s.size() / fanOut;
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
      } else if (name.endsWith("gamma")) {
        java.util.Arrays.fill(v, 1f);
      }
      a.set(v);
    }
  }
}
