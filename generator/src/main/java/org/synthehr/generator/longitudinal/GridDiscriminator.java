package org.synthehr.generator.longitudinal;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.stats.Auc;

/**
 * A post-hoc discriminator on the raw grid, as TimeGAN scores its models: a small recurrent network
 * (a GRU over the hourly steps, then one logit from its last and mean output) learns to tell real from
 * synthetic patients from every step's values (standardised by the real patients' mean and sd per
 * variable, 0 where not charted) and observation mask; its test accuracy, held against 0.5, is the
 * score. Unlike the forest on sequence summaries, nothing in the sampler ever sees this network or
 * its inputs' form, so it measures whether the quality the sampler balances generalises.
 */
public final class GridDiscriminator {
  private static final int HIDDEN = 32;
  private static final int EPOCHS = 60;
  private static final int BATCH = 32;
  private static final float CLIP = 5f;

  private GridDiscriminator() {}

  /**
   * What the network achieved on the test half.
   *
   * @param accuracy share of test patients classified right at probability 0.5
   * @param auc ranking quality of its probabilities
   * @param perSide patients per side (half trained on, half tested)
   */
  public record Result(double accuracy, double auc, int perSide) {
    /** TimeGAN's discriminative score: |accuracy - 0.5|, 0 when the two cannot be told apart. */
    public double score() {
      return Math.abs(accuracy - 0.5);
    }
  }

  /**
   * Trains on half of {@code min(maxPerSide, sizes)} patients of each side and tests on the other
   * half.
   *
   * @param real real patients (standardisation comes from them)
   * @param synthetic the patients to tell from them
   * @param seed seeds the choice of patients, the split, the initial weights and the batches
   */
  public static Result score(Cohort real, Cohort synthetic, int maxPerSide, long seed) {
    OfflinePyTorch.enforce();
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = Math.min(maxPerSide, Math.min(real.size(), synthetic.size()));
    int half = n / 2;
    if (half < 2) {
      return new Result(Double.NaN, Double.NaN, n);
    }
    int steps = real.steps();
    int channels = 2 * real.variables();
    double[][] scale = scale(real);
    int[] a = TrajectoryDiffusionSynthesizer.permutation(real.size(), rnd);
    int[] b = TrajectoryDiffusionSynthesizer.permutation(synthetic.size(), rnd);
    // Train on the first half of each side's chosen patients, test on the second.
    float[] trainX = new float[2 * half * steps * channels];
    float[] trainY = new float[2 * half];
    int tests = n - half;
    float[] testX = new float[2 * tests * steps * channels];
    boolean[] testY = new boolean[2 * tests];
    for (int i = 0; i < n; i++) {
      boolean train = i < half;
      int row = train ? 2 * i : 2 * (i - half);
      float[] x = train ? trainX : testX;
      grid(real, a[i], scale, x, row * steps * channels);
      grid(synthetic, b[i], scale, x, (row + 1) * steps * channels);
      if (train) {
        trainY[row] = 1;
      } else {
        testY[row] = true;
      }
    }
    double[] p = fitAndPredict(trainX, trainY, testX, steps, channels, rnd);
    int correct = 0;
    for (int i = 0; i < p.length; i++) {
      correct += (p[i] >= 0.5) == testY[i] ? 1 : 0;
    }
    return new Result((double) correct / p.length, Auc.of(testY, p), n);
  }

  private static double[] fitAndPredict(float[] trainX, float[] trainY, float[] testX, int steps,
      int channels, SplittableRandom rnd) {
    int width = steps * channels;
    int rows = trainY.length;
    Block block = network();
    try (Model model = Model.newInstance("grid-discriminator", Device.cpu(), "PyTorch")) {
      model.setBlock(block);
      Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
          .optOptimizer(adam).optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(new Shape(BATCH, steps, channels));
        SeededInit.apply(block, rnd);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
          int[] order = TrajectoryDiffusionSynthesizer.permutation(rows, rnd);
          for (int from = 0; from < rows; from += BATCH) {
            int size = Math.min(BATCH, rows - from);
            float[] x = new float[size * width];
            float[] y = new float[size];
            for (int r = 0; r < size; r++) {
              System.arraycopy(trainX, order[from + r] * width, x, r * width, width);
              y[r] = trainY[order[from + r]];
            }
            try (NDManager sub = trainer.getManager().newSubManager()) {
              NDArray in = sub.create(x, new Shape(size, steps, channels));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logit = trainer.forward(new NDList(in)).singletonOrThrow();
                gc.backward(trainer.getLoss().evaluate(new NDList(sub.create(y,
                    new Shape(size, 1))), new NDList(logit)));
              }
              trainer.step();
            }
          }
        }
        try (NDManager sub = trainer.getManager().newSubManager()) {
          int tests = testX.length / width;
          NDArray in = sub.create(testX, new Shape(tests, steps, channels));
          NDArray logit = block.forward(new ParameterStore(sub, false), new NDList(in), false)
              .singletonOrThrow();
          float[] prob = Activation.sigmoid(logit).reshape(-1).toFloatArray();
          double[] out = new double[prob.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = prob[i];
          }
          return out;
        }
      }
    }
  }

  /** A GRU over the steps, its last and mean output, one logit. */
  private static Block network() {
    return new SequentialBlock()
        .add(GRU.builder().setStateSize(HIDDEN).setNumLayers(1).optBatchFirst(true)
            .optReturnState(false).build())
        // The last output and the mean over the steps: the mean gives every hour a short path to
        // the logit, which a GRU of this size trained for a few epochs needs.
        .add(new LambdaBlock(list -> new NDList(list.head().get(new NDIndex(":, -1, :"))
            .concat(list.head().mean(new int[] {1}), 1))))
        .add(Linear.builder().setUnits(1).build());
  }

  /** Per variable the real patients' mean and sd of charted values. */
  private static double[][] scale(Cohort real) {
    int k = real.variables();
    double[][] out = new double[2][k];
    for (int j = 0; j < k; j++) {
      double sum = 0;
      double squares = 0;
      long count = 0;
      for (int p = 0; p < real.size(); p++) {
        for (int t = 0; t < real.steps(); t++) {
          float v = real.value(p, t, j);
          if (!Float.isNaN(v)) {
            sum += v;
            squares += (double) v * v;
            count++;
          }
        }
      }
      double mean = count == 0 ? 0 : sum / count;
      double sd = count == 0 ? 1 : Math.sqrt(Math.max(0, squares / count - mean * mean));
      out[0][j] = mean;
      out[1][j] = sd > 1e-9 ? sd : 1;
    }
    return out;
  }

  /** A patient's grid: per step the standardised values (0 where not charted), then the mask. */
  private static void grid(Cohort c, int p, double[][] scale, float[] out, int offset) {
    int k = c.variables();
    for (int t = 0; t < c.steps(); t++) {
      for (int j = 0; j < k; j++) {
        float v = c.value(p, t, j);
        boolean charted = !Float.isNaN(v);
        float z = charted ? (float) ((v - scale[0][j]) / scale[1][j]) : 0f;
        out[offset + t * 2 * k + j] = Math.max(-CLIP, Math.min(CLIP, z));
        out[offset + t * 2 * k + k + j] = charted ? 1f : 0f;
      }
    }
  }
}
