package org.synthehr.generator.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The multinomial diffusion's posterior, KL terms and batched loss against hand-computed values. */
class MultinomialDiffusionTest {
  @Test
  void posteriorMatchesTheHandComputedValue() {
    // K = 3, x0 = class 0, x_t = class 1, ᾱ_t = 0.5, ᾱ_s = 0.8, so ᾱ_{t|s} = 0.625:
    // A = [0.125, 0.75, 0.125], B = [0.8 + 0.2/3, 0.2/3, 0.2/3], q ∝ A ⊙ B = [0.65, 0.3, 0.05].
    double[] q = new double[3];
    MultinomialDiffusion.posterior(new double[] {1, 0, 0}, 3, 1, 0.5, 0.8, q);
    assertArrayEquals(new double[] {0.65, 0.3, 0.05}, q, 1e-12);
  }

  @Test
  void posteriorTowardsCleanDataWeighsThePredictionByTheLastStep() {
    // s = clean (ᾱ_s = 1): q ∝ (ᾱ_t [c = x_t] + (1 − ᾱ_t)/K) · p.
    double[] q = new double[2];
    MultinomialDiffusion.posterior(new double[] {0.5, 0.5}, 2, 0, 0.6, 1.0, q);
    // A = [0.6 + 0.2, 0.2] = [0.8, 0.2]; q = [0.4, 0.1] / 0.5.
    assertArrayEquals(new double[] {0.8, 0.2}, q, 1e-12);
  }

  @Test
  void klAndPriorMatchHandComputedValues() {
    double[] uniform = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    // 0.65 ln 1.95 + 0.3 ln 0.9 + 0.05 ln 0.15
    assertEquals(0.3076249382325342, MultinomialDiffusion.kl(new double[] {0.65, 0.3, 0.05},
        uniform, 3), 1e-12);
    assertEquals(0.0, MultinomialDiffusion.kl(uniform, uniform, 3), 1e-15);
    // K = 2, ᾱ = 0.1: q = [0.55, 0.45] against [0.5, 0.5].
    assertEquals(0.0050083668463568876, MultinomialDiffusion.priorKl(2, 0.1), 1e-12);
  }

  @Test
  void oneHotPosteriorEqualsTheGeneralPosterior() {
    SplittableRandom r = new SplittableRandom(3);
    NoiseSchedule s = NoiseSchedule.cosine(50);
    for (int trial = 0; trial < 200; trial++) {
      int k = 2 + r.nextInt(6);
      int clean = r.nextInt(k);
      int noisy = r.nextInt(k);
      int t = r.nextInt(50);
      double[] x0 = new double[k];
      x0[clean] = 1;
      double[] q = new double[k];
      if (t == 0) {
        q = x0.clone();
      } else {
        MultinomialDiffusion.posterior(x0, k, noisy, s.alphaBar(t), s.alphaBar(t - 1), q);
      }
      float[] fast = new float[k + 2];
      double qLogQ = MultinomialDiffusion.oneHotPosterior(k, clean, noisy, t == 0, s.alpha(t),
          s.alphaBar(t - 1), fast, 1);
      for (int c = 0; c < k; c++) {
        assertEquals(q[c], fast[1 + c], 1e-6, "class " + c + " at t " + t);
      }
      assertEquals(MultinomialDiffusion.negativeEntropy(q, 0, k), qLogQ, 1e-9);
    }
  }

  @Test
  void noisyKeepsTheClassWithProbabilityAlphaBarPlusItsUniformShare() {
    SplittableRandom r = new SplittableRandom(1);
    int kept = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      kept += MultinomialDiffusion.noisy(2, 4, 0.3, r) == 2 ? 1 : 0;
    }
    assertEquals(0.3 + 0.7 / 4, (double) kept / n, 0.005);
  }

  @Test
  void batchedLossEqualsTheSumOfPerRowKlTerms() {
    // Two blocks (K = 3 and K = 2), three rows at different steps, random logits.
    int[] offsets = {0, 3};
    int[] classes = {3, 2};
    int width = 5;
    NoiseSchedule s = NoiseSchedule.cosine(20);
    int[] steps = {0, 7, 19};
    int[][] clean = {{2, 1}, {0, 0}, {1, 1}};
    int[][] noisy = {{2, 0}, {1, 0}, {0, 1}};
    SplittableRandom r = new SplittableRandom(5);
    float[] logits = new float[3 * width];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (3 * r.nextGaussian());
    }
    // A confidently wrong prediction: the true class of the t = 0 row far below the others.
    logits[2] = -30f;
    float[] q = new float[3 * width];
    float[] a = new float[3 * width];
    float[] c0 = new float[3 * width];
    float[] c1 = new float[3];
    double expected = 0;
    double qLogQ = 0;
    for (int row = 0; row < 3; row++) {
      int t = steps[row];
      double alpha = s.alpha(t);
      double previous = s.alphaBar(t - 1);
      c1[row] = (float) Math.log(previous);
      for (int b = 0; b < 2; b++) {
        int k = classes[b];
        int at = row * width + offsets[b];
        qLogQ += MultinomialDiffusion.oneHotPosterior(k, clean[row][b], noisy[row][b], t == 0,
            alpha, previous, q, at);
        double[] p = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          max = Math.max(max, logits[at + c]);
        }
        double z = 0;
        for (int c = 0; c < k; c++) {
          p[c] = Math.exp(logits[at + c] - max);
          z += p[c];
        }
        for (int c = 0; c < k; c++) {
          p[c] /= z;
          a[at + c] = (float) Math.log((c == noisy[row][b] ? alpha : 0) + (1 - alpha) / k);
          c0[at + c] = (float) Math.log(t == 0 ? 1e-20 : (1 - previous) / k);
        }
        double[] trueQ = new double[k];
        double[] model = new double[k];
        if (t == 0) {
          trueQ[clean[row][b]] = 1;
        } else {
          double[] x0 = new double[k];
          x0[clean[row][b]] = 1;
          MultinomialDiffusion.posterior(x0, k, noisy[row][b], s.alphaBar(t), previous, trueQ);
        }
        MultinomialDiffusion.posterior(p, k, noisy[row][b], s.alphaBar(t), previous, model);
        expected += MultinomialDiffusion.kl(trueQ, model, k);
      }
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        MultinomialLoss loss = new MultinomialLoss(m, offsets, classes, width)) {
      NDArray cross = loss.crossEntropy(m.create(logits, new Shape(3, width)),
          m.create(q, new Shape(3, width)), m.create(a, new Shape(3, width)),
          m.create(c0, new Shape(3, width)), m.create(c1, new Shape(3, 1)));
      assertEquals(expected, qLogQ - cross.getFloat(), 1e-4);
    }
  }
}
