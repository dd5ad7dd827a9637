package org.synthehr.generator.dp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DP-SGD building blocks on a real DJL model (PyTorch engine, CPU). */
class PrivateGradientTest {
  static {
    System.setProperty("ai.djl.offline", "true");
  }

  private static Trainer trainer(Model model, Loss loss, float lr, int inputs) {
    Trainer t = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(
        Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build()));
    t.initialize(new Shape(1, inputs));
    return t;
  }

  private static List<Parameter> parameters(Model model) {
    return new ArrayList<>(model.getBlock().getParameters().values());
  }

  private static float[] values(Parameter p) {
    return p.getArray().toFloatArray();
  }

  @Test
  void perExampleGradientsAreClippedSummedAndApplied() {
    float[][] x = {{1, 2, 3}, {0.1f, 0, -0.2f}, {-4, 1, 0.5f}, {2, 2, 2}, {0, 0, 0.01f}};
    float[] y = {10, 0.1f, -3, 0, 0.05f};
    double clip = 1.5;
    try (Model model = Model.newInstance("dp-linear", "PyTorch")) {
      model.setBlock(Linear.builder().setUnits(1).build());
      try (Trainer trainer = trainer(model, Loss.l2Loss(), 1f, 3)) {
        List<Parameter> params = parameters(model);
        Parameter weight = params.get(0);
        Parameter bias = params.get(1);
        float[] w = values(weight);
        float b = values(bias)[0];
        NDManager m = trainer.getManager();
        double[] expectW = new double[3];
        double expectB = 0;
        try (PrivateGradient pg = new PrivateGradient(params, clip, 0, GaussianNoise.seeded(1))) {
          for (int i = 0; i < x.length; i++) {
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray pred = trainer.forward(new NDList(m.create(x[i], new Shape(1, 3))))
                  .singletonOrThrow();
              gc.backward(Loss.l2Loss().evaluate(new NDList(m.create(new float[] {y[i]},
                  new Shape(1, 1))), new NDList(pred)));
            }
            double norm = pg.addExample();
            // L2Loss is (pred - y)^2 / 2: the gradient is r (x, 1) with r = w.x + b - y.
            double r = w[0] * x[i][0] + w[1] * x[i][1] + w[2] * x[i][2] + b - y[i];
            double want = Math.abs(r) * Math.sqrt(x[i][0] * x[i][0] + x[i][1] * x[i][1]
                + x[i][2] * x[i][2] + 1);
            assertEquals(want, norm, 1e-3 * Math.max(1, want), "norm of example " + i);
            double scale = Math.min(1, clip / want);
            for (int j = 0; j < 3; j++) {
              expectW[j] += scale * r * x[i][j];
            }
            expectB += scale * r;
          }
          double batch = 4.0;
          float[][] applied = new float[2][];
          // The optimizer (SGD, rate 1) applies exactly the private gradient; then it is cleared.
          pg.release(batch, () -> {
            applied[0] = weight.getArray().getGradient().toFloatArray();
            applied[1] = bias.getArray().getGradient().toFloatArray();
            trainer.step();
          });
          for (int j = 0; j < 3; j++) {
            assertEquals(expectW[j] / batch, applied[0][j], 1e-4, "weight gradient " + j);
          }
          assertEquals(expectB / batch, applied[1][0], 1e-4, "bias gradient");
          float[] w2 = values(weight);
          for (int j = 0; j < 3; j++) {
            assertEquals(w[j] - applied[0][j], w2[j], 1e-5, "SGD step on weight " + j);
          }
          assertEquals(b - applied[1][0], values(bias)[0], 1e-5, "SGD step on bias");
          assertEquals(0f, weight.getArray().getGradient().abs().sum().getFloat());
        }
      }
    }
  }

  @Test
  void noiseHasStandardDeviationSigmaTimesClipOverBatchAndIsSeeded() {
    try (Model model = Model.newInstance("dp-noise", "PyTorch")) {
      model.setBlock(Linear.builder().setUnits(200).build());
      try (Trainer trainer = trainer(model, Loss.l2Loss(), 1f, 10)) {
        List<Parameter> params = parameters(model);
        float[] first;
        try (PrivateGradient pg = new PrivateGradient(params, 2.0, 1.5, GaussianNoise.seeded(7))) {
          pg.write(4.0);
          first = params.get(0).getArray().getGradient().toFloatArray();
        }
        double s = 0;
        double ss = 0;
        for (float v : first) {
          s += v;
          ss += v * v;
        }
        double mean = s / first.length;
        double sd = Math.sqrt(ss / first.length - mean * mean);
        assertEquals(0.0, mean, 0.05);
        assertEquals(1.5 * 2.0 / 4.0, sd, 0.04 * 0.75, "noise sd");
        try (PrivateGradient pg = new PrivateGradient(params, 2.0, 1.5, GaussianNoise.seeded(7))) {
          pg.write(4.0);
          assertArrayEquals(first, params.get(0).getArray().getGradient().toFloatArray());
        }
      }
    }
  }

  @Test
  void dpSgdTrainsALogisticRegressionWithinItsBudget() {
    int n = 400;
    SplittableRandom rnd = new SplittableRandom(3);
    float[][] x = new float[n][2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextBoolean() ? 1 : 0;
      x[i][0] = (float) ((y[i] == 1 ? 1.5 : -1.5) + rnd.nextGaussian());
      x[i][1] = (float) rnd.nextGaussian();
    }
    PoissonSampler sampler = new PoissonSampler(n, 0.05, 11);
    PrivacyBudget budget = PrivacyBudget.of(3.0, 1.0 / n, sampler.rate(), 1.0);
    Loss bce = Loss.sigmoidBinaryCrossEntropyLoss();
    try (Model model = Model.newInstance("dp-logistic", "PyTorch")) {
      model.setBlock(Linear.builder().setUnits(1).build());
      try (Trainer trainer = trainer(model, bce, 0.5f, 2);
          PrivateGradient pg = new PrivateGradient(parameters(model), 1.0, 1.0,
              GaussianNoise.seeded(5))) {
        // Start from zero weights: every record scored 0.5, accuracy at chance.
        parameters(model).forEach(p -> p.getArray().muli(0f));
        NDManager m = trainer.getManager();
        double before = accuracy(trainer, m, x, y);
        int steps = 0;
        while (steps < 60 && budget.tryStep()) {
          for (int i : sampler.nextBatch()) {
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray logit = trainer.forward(new NDList(m.create(x[i], new Shape(1, 2))))
                  .singletonOrThrow();
              gc.backward(bce.evaluate(new NDList(m.create(new float[] {y[i]}, new Shape(1, 1))),
                  new NDList(logit)));
            }
            pg.addExample();
          }
          pg.release(sampler.expectedBatchSize(), trainer::step);
          steps++;
        }
        double after = accuracy(trainer, m, x, y);
        assertTrue(before < 0.6 && after > 0.85, "accuracy " + before + " -> " + after);
        assertTrue(budget.spent() <= 3.0, "spent " + budget.spent());
      }
    }
  }

  private static double accuracy(Trainer trainer, NDManager m, float[][] x, float[] y) {
    float[] flat = new float[x.length * 2];
    for (int i = 0; i < x.length; i++) {
      flat[2 * i] = x[i][0];
      flat[2 * i + 1] = x[i][1];
    }
    float[] logits = trainer.evaluate(new NDList(m.create(flat, new Shape(x.length, 2))))
        .singletonOrThrow().toFloatArray();
    int right = 0;
    for (int i = 0; i < x.length; i++) {
      right += (logits[i] > 0) == (y[i] == 1) ? 1 : 0;
    }
    return (double) right / x.length;
  }

  @Test
  void poissonBatchesHaveTheExpectedSizeAndAreReproducible() {
    PoissonSampler a = new PoissonSampler(10_000, 0.02, 9);
    PoissonSampler b = new PoissonSampler(10_000, 0.02, 9);
    long total = 0;
    for (int s = 0; s < 200; s++) {
      int[] batch = a.nextBatch();
      assertArrayEquals(batch, b.nextBatch());
      for (int i = 1; i < batch.length; i++) {
        assertTrue(batch[i] > batch[i - 1]);
      }
      total += batch.length;
    }
    assertEquals(200.0, total / 200.0, 3.0, "mean batch size");
    assertEquals(200.0, a.expectedBatchSize(), 1e-9);
  }
}
