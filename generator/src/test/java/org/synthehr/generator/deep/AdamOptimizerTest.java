package org.synthehr.generator.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fused Adam follows PyTorch's Adam(weight_decay) formula and restores its state exactly. */
class AdamOptimizerTest {
  @Test
  void followsTheReferenceFormulaAndResumesExactly() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Linear a = Linear.builder().setUnits(3).build();
      a.initialize(m, DataType.FLOAT32, new Shape(4, 5));
      SeededInit.linearLayers(a, new SplittableRandom(1));
      NDArray x = m.create(new float[] {1, -2, 3, 0.5f, -1, 2, 0, 1, -1, 1, 0.2f, 0.3f, -0.4f, 0.5f,
          0.6f, 1, 1, 1, -1, -1}, new Shape(4, 5));
      float lr = 0.01f;
      float b1 = 0.5f;
      float b2 = 0.9f;
      float wd = 1e-2f;
      AdamOptimizer opt = new AdamOptimizer(m, List.of(a), lr, b1, b2, wd);
      NDArray w = a.getParameters().get("weight").getArray();
      float[] expected = w.toFloatArray();
      double[] mean = new double[expected.length];
      double[] var = new double[expected.length];
      byte[] saved = null;
      for (int step = 1; step <= 4; step++) {
        float[] before = w.toFloatArray();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(Linear.linear(x, w, a.getParameters().get("bias").getArray())
              .singletonOrThrow().square().sum());
        }
        float[] g = w.getGradient().toFloatArray();
        for (int j = 0; j < g.length; j++) {
          double gj = g[j] + wd * before[j];
          mean[j] = b1 * mean[j] + (1 - b1) * gj;
          var[j] = b2 * var[j] + (1 - b2) * gj * gj;
          double denom = Math.sqrt(var[j]) / Math.sqrt(1 - Math.pow(b2, step)) + 1e-8;
          expected[j] = (float) (before[j] - lr / (1 - Math.pow(b1, step)) * mean[j] / denom);
        }
        opt.step();
        float[] got = w.toFloatArray();
        for (int j = 0; j < got.length; j++) {
          assertEquals(expected[j], got[j], 1e-5, "step " + step + " weight " + j);
        }
        assertEquals(0f, w.getGradient().abs().sum().getFloat(), "gradients zeroed");
        if (step == 2) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          try (DataOutputStream out = new DataOutputStream(bytes)) {
            opt.save(out);
          }
          saved = bytes.toByteArray();
        }
      }
      // A fresh optimiser loaded with the step-2 state continues identically.
      AdamOptimizer other = new AdamOptimizer(m, List.of(a), lr, b1, b2, wd);
      other.load(new DataInputStream(new ByteArrayInputStream(saved)));
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(again)) {
        other.save(out);
      }
      assertArrayEquals(saved, again.toByteArray());
      opt.close();
      other.close();
    }
  }

  @Test
  void skipsAStepWithNonFiniteGradientsAndKeepsTheWeights() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Linear a = Linear.builder().setUnits(2).build();
      a.initialize(m, DataType.FLOAT32, new Shape(1, 3));
      SeededInit.linearLayers(a, new SplittableRandom(2));
      NDArray w = a.getParameters().get("weight").getArray();
      NDArray bias = a.getParameters().get("bias").getArray();
      AdamOptimizer opt = new AdamOptimizer(m, List.of(a), 0.01f, 0.9f, 0.999f, 0f);
      float[] before = w.toFloatArray();
      NDArray overflowing = m.create(new float[] {1, Float.POSITIVE_INFINITY, 2}, new Shape(1, 3));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(Linear.linear(overflowing, w, bias).singletonOrThrow().sum());
      }
      assertFalse(opt.step(), "a step with an infinite gradient must be skipped");
      assertEquals(1, opt.skippedSteps());
      assertArrayEquals(before, w.toFloatArray());
      assertArrayEquals(new float[before.length], w.getGradient().toFloatArray());
      NDArray finite = m.create(new float[] {1, 2, 3}, new Shape(1, 3));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(Linear.linear(finite, w, bias).singletonOrThrow().sum());
      }
      assertTrue(opt.step());
      assertFalse(java.util.Arrays.equals(before, w.toFloatArray()));
      opt.close();
    }
  }
}
