package org.synthehr.generator.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.generator.deep.JvmNoise;
import org.synthehr.generator.deep.SeededInit;

/**
 * The WGAN-GP gradient penalty: the critic's explicit input gradient equals autograd's, and the
 * gradient of the penalty with respect to the weights (a second-order derivative) equals both
 * PyTorch's own double backward and finite differences.
 */
class CtganCriticTest {
  private static final int GROUPS = 4;
  private static final int INPUT = 6;

  private static float[] uniform(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return out;
  }

  private record Setup(CtganCritic critic, NDArray x, NDArray[] masks) {}

  private static Setup setup(NDManager m) {
    CtganCritic critic = new CtganCritic(INPUT, List.of(5, 4));
    critic.initialize(m, DataType.FLOAT32, new Shape(GROUPS, INPUT));
    SeededInit.linearLayers(critic, new SplittableRandom(1));
    NDArray x = m.create(uniform(2, GROUPS * INPUT), new Shape(GROUPS, INPUT));
    NDArray[] masks = {
        m.create(JvmNoise.dropoutMask(new SplittableRandom(3), GROUPS * 5, 0.5),
            new Shape(GROUPS, 5)),
        m.create(JvmNoise.dropoutMask(new SplittableRandom(4), GROUPS * 4, 0.5),
            new Shape(GROUPS, 4))};
    return new Setup(critic, x, masks);
  }

  @Test
  void explicitInputGradientEqualsAutograd() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Setup s = setup(m);
      float[] explicit;
      float[] autograd;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        explicit = s.critic().inputGradient(s.x(), s.masks()).toFloatArray();
      }
      NDArray x = s.x().duplicate();
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(s.critic().score(x, s.masks()).sum());
      }
      autograd = x.getGradient().toFloatArray();
      for (int i = 0; i < explicit.length; i++) {
        assertEquals(autograd[i], explicit[i], 1e-6, "d score / d x[" + i + "]");
      }
    }
  }

  private static float penalty(CtganCritic critic, NDArray x, NDArray[] masks) {
    NDArray g = critic.inputGradient(x, masks);
    return g.norm(new int[] {1}).sub(1f).square().mean().getFloat();
  }

  @Test
  void penaltyGradientMatchesDoubleBackwardAndFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Setup s = setup(m);
      Parameter w0 = s.critic().getParameters().values().get(0);
      assertEquals(new Shape(5, INPUT), w0.getArray().getShape(), "first layer weight");
      // Ours: the penalty of the explicit gradient, back-propagated once.
      float[] ours;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray g = s.critic().inputGradient(s.x(), s.masks());
        gc.backward(g.norm(new int[] {1}).sub(1f).square().mean());
      }
      ours = w0.getArray().getGradient().toFloatArray();
      for (Parameter p : s.critic().getParameters().values()) {
        JniUtils.zeroGrad((PtNDArray) p.getArray());
      }
      // PyTorch's: backward(create_graph = true) for the input gradient, then backward again.
      float[] torch;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray x = s.x().duplicate();
        x.setRequiresGradient(true);
        NDArray out = s.critic().score(x, s.masks());
        JniUtils.backward((PtNDArray) out, (PtNDArray) out.onesLike(), true, true);
        NDArray g = x.getGradient();
        for (Parameter p : s.critic().getParameters().values()) {
          JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
        gc.backward(g.norm(new int[] {1}).sub(1f).square().mean());
      }
      torch = w0.getArray().getGradient().toFloatArray();
      for (int i = 0; i < ours.length; i++) {
        assertEquals(torch[i], ours[i], 1e-5, "d penalty / d W0[" + i + "]");
      }
      // Finite differences on a few weights (float32, so a loose tolerance).
      float[] w = w0.getArray().toFloatArray();
      for (int i : new int[] {0, 7, 13, 29}) {
        float h = 1e-2f;
        float[] plus = w.clone();
        plus[i] += h;
        float[] minus = w.clone();
        minus[i] -= h;
        w0.getArray().set(plus);
        float fp = penalty(s.critic(), s.x(), s.masks());
        w0.getArray().set(minus);
        float fm = penalty(s.critic(), s.x(), s.masks());
        w0.getArray().set(w);
        double numeric = (fp - fm) / (2.0 * h);
        assertEquals(numeric, ours[i], 2e-3 + 2e-2 * Math.abs(numeric), "W0[" + i + "]");
      }
    }
  }
}
