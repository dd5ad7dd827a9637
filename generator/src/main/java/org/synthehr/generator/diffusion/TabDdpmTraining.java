package org.synthehr.generator.diffusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.generator.deep.AdamOptimizer;
import org.synthehr.generator.deep.EpochTrainer;
import org.synthehr.generator.deep.InputBuffers;
import org.synthehr.generator.deep.ParameterState;
import org.synthehr.generator.deep.Scalars;
import org.synthehr.generator.deep.SeededInit;
import org.synthehr.generator.deep.StepTimer;

/**
 * One TabDDPM training run (the reference's {@code mixed_loss}). Each row of a batch gets its own
 * step t, uniform over 0..T−1. Numeric scores are noised to {@code √ᾱ_t x₀ + √(1−ᾱ_t) ε} and the
 * network predicts ε (mean squared error over the observed values); each class block is noised by
 * keeping its class with probability ᾱ_t, and the network predicts the clean class, scored by
 * {@code KL(q(x_{t−1}|x_t,x₀) ‖ p(x_{t−1}|x_t))} (at t = 0, −log p(x₀|x₁)), weighted by T and
 * with the prior term added, as the reference's {@code vb_stochastic} loss, and divided by the
 * number of class blocks. The loss is their sum.
 *
 * <p>All noise, timesteps and the true posterior q (it does not depend on the network) are drawn
 * and computed on the JVM from the epoch's stream; the model posterior is computed with whole-batch
 * operations in log space ({@link MultinomialLoss}).
 */
final class TabDdpmTraining implements EpochTrainer, AutoCloseable {
  /** Floor of the x₀-part at t = 0 (where it is the prediction itself): keeps log p finite. */
  private static final double FLOOR = 1e-20;

  private final DiffusionCodec.Rows data;
  private final float learningRate;
  private final boolean anneal;
  private final long plannedSteps;
  private final List<QuantileNormal> numeric;
  private final int batch;
  private final int d;
  private final int width;
  private final int blocks;
  private final int[] blockClasses;
  private final int[] blockOffsets;
  private final int labels;
  private final NoiseSchedule schedule;
  private final TimestepEmbedding embedding;
  private final double prior;
  private final NDManager trainManager;
  private final DenoiserNetwork network;
  private final ParameterStore store;
  private final AdamOptimizer optimizer;
  private final MultinomialLoss loss;
  private final InputBuffers inputs = new InputBuffers();
  private final StepTimer timer = new StepTimer("batch", "forward", "backward", "optimiser");

  /**
   * @param epochs planned epochs (the learning rate decays to 0 at their end when annealed)
   */
  TabDdpmTraining(TabDdpmOptions options, DiffusionCodec codec, DiffusionCodec.Rows data,
      int batch, int epochs, NDManager networkManager, SplittableRandom init) {
    this.data = data;
    this.learningRate = (float) options.learningRate();
    this.anneal = options.annealLearningRate();
    this.numeric = codec.numeric();
    this.batch = Math.max(1, Math.min(batch, data.count()));
    this.d = numeric.size();
    this.plannedSteps = (long) epochs * stepsPerEpoch();
    List<DiffusionCodec.Block> blockList = codec.blocks();
    this.blocks = blockList.size();
    this.blockClasses = new int[blocks];
    this.blockOffsets = new int[blocks];
    for (int b = 0; b < blocks; b++) {
      blockClasses[b] = blockList.get(b).classes();
      blockOffsets[b] = blockList.get(b).offset();
    }
    this.width = codec.oneHotWidth();
    this.labels = codec.labelClasses();
    this.schedule = NoiseSchedule.cosine(options.timesteps());
    this.embedding = new TimestepEmbedding(options.timesteps(), options.embeddingDim());
    double priorSum = 0;
    for (int k : blockClasses) {
      priorSum += MultinomialDiffusion.priorKl(k, schedule.alphaBar(schedule.steps() - 1));
    }
    this.prior = priorSum;
    this.network = new DenoiserNetwork(new DenoiserArchitecture(d, width, options.embeddingDim(),
        options.layers(), labels));
    network.initialize(networkManager);
    SeededInit.linearLayers(network, init);
    this.trainManager = networkManager.newSubManager();
    this.store = new ParameterStore(networkManager, false);
    this.optimizer = new AdamOptimizer(trainManager, List.of(network),
        (float) options.learningRate(), 0.9f, 0.999f, (float) options.weightDecay());
    this.loss = blocks > 0 ? new MultinomialLoss(trainManager, blockOffsets, blockClasses, width)
        : null;
  }

  DenoiserNetwork network() {
    return network;
  }

  private long stepsPerEpoch() {
    return (data.count() + batch - 1) / batch;
  }

  @Override
  public long rowsPerEpoch() {
    return data.count();
  }

  @Override
  public String profile() {
    return timer.describe();
  }

  @Override
  public Map<String, Double> runEpoch(int epoch, SplittableRandom random) {
    int rows = data.count();
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double gaussian = 0;
    double multinomial = 0;
    int steps = 0;
    int skipped = 0;
    long done = (epoch - 1L) * stepsPerEpoch();
    for (int start = 0; start < rows; start += batch) {
      int b = Math.min(batch, rows - start);
      if (anneal) {
        // The reference's schedule: lr · (1 − step / planned steps), from the global step count,
        // so a resumed run continues the same schedule.
        long step = done + steps;
        optimizer.setLearningRate((float) (learningRate
            * Math.max(0.0, 1.0 - (double) step / plannedSteps)));
      }
      double[] losses = step(order, start, b, random);
      steps++;
      if (losses == null) {
        skipped++;
        continue;
      }
      gaussian += losses[0];
      multinomial += losses[1];
    }
    // Skipped steps (non-finite gradients) are left out of the means; if every step of an epoch
    // was skipped the means are NaN and the training loop stops with its divergence message.
    int applied = steps - skipped;
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("loss", (gaussian + multinomial) / applied);
    out.put("gaussian", gaussian / applied);
    out.put("multinomial", multinomial / applied);
    if (skipped > 0) {
      out.put("skipped_steps", (double) skipped);
    }
    return out;
  }

  /**
   * One optimiser step on rows {@code order[start..start+b)}; returns the two loss parts, or null
   * when the optimiser skipped the step because a gradient was not finite.
   */
  private double[] step(int[] order, int start, int b, SplittableRandom random) {
    timer.start();
    Batch in = assemble(order, start, b, random);
    double gaussian = 0;
    double multinomial = 0;
    try (NDManager m = trainManager.newSubManager()) {
      NDList net = new NDList(inputs.upload(m, 0, in.x, in.x.length, new Shape(b, d + width)),
          inputs.upload(m, 1, in.time, in.time.length, new Shape(b, embedding.dim())));
      if (labels > 0) {
        net.add(inputs.upload(m, 2, in.label, in.label.length, new Shape(b, labels)));
      }
      timer.lap(0);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDList out = network.forward(store, net, true);
        NDArray total = null;
        NDArray gaussLoss = null;
        NDArray multiLoss = null;
        if (d > 0 && in.observed > 0) {
          NDArray noise = inputs.upload(m, 3, in.noise, in.noise.length, new Shape(b, d));
          NDArray mask = inputs.upload(m, 4, in.mask, in.mask.length, new Shape(b, d));
          gaussLoss = Scalars.div(out.get(0).sub(noise).square().mul(mask).sum(), in.observed);
          total = gaussLoss;
        }
        if (blocks > 0) {
          NDArray q = inputs.upload(m, 5, in.q, in.q.length, new Shape(b, width));
          NDArray logA = inputs.upload(m, 6, in.logA, in.logA.length, new Shape(b, width));
          NDArray logC0 = inputs.upload(m, 7, in.logC0, in.logC0.length, new Shape(b, width));
          NDArray logC1 = inputs.upload(m, 8, in.logC1, in.logC1.length, new Shape(b, 1));
          // Σ_rows KL = Σ q log q − Σ q log p; the first sum is a constant of the batch.
          NDArray klSum = loss.crossEntropy(out.get(1), q, logA, logC0, logC1).neg()
              .add((float) in.qLogQ);
          float scale = (float) schedule.steps() / b;
          multiLoss = Scalars.div(Scalars.mul(klSum, scale).add((float) prior), blocks);
          total = total == null ? multiLoss : total.add(multiLoss);
        }
        timer.lap(1);
        if (total != null) {
          collector.backward(total);
          gaussian = gaussLoss == null ? 0 : gaussLoss.getFloat();
          multinomial = multiLoss == null ? 0 : multiLoss.getFloat();
        }
        timer.lap(2);
      }
      boolean applied = optimizer.step();
      timer.lap(3);
      if (!applied) {
        return null;
      }
    }
    return new double[] {gaussian, multinomial};
  }

  /** The JVM side of a step: inputs, targets and the true posterior of every row. */
  private Batch assemble(int[] order, int start, int b, SplittableRandom random) {
    Batch in = new Batch(b, d, width, labels, embedding.dim());
    int inWidth = d + width;
    for (int i = 0; i < b; i++) {
      int row = order[start + i];
      int t = random.nextInt(schedule.steps());
      double alphaBar = schedule.alphaBar(t);
      double previous = schedule.alphaBar(t - 1);
      double alpha = schedule.alpha(t);
      double signal = Math.sqrt(alphaBar);
      double spread = Math.sqrt(1 - alphaBar);
      for (int j = 0; j < d; j++) {
        double raw = data.numeric()[row * d + j];
        QuantileNormal transform = numeric.get(j);
        double jitter = transform.dequantized() ? random.nextDouble() : 0;
        double eps = random.nextGaussian();
        double x0 = 0;
        if (!Double.isNaN(raw)) {
          x0 = transform.toNormal(raw, jitter);
          in.mask[i * d + j] = 1f;
          in.observed++;
        }
        in.noise[i * d + j] = (float) eps;
        in.x[i * inWidth + j] = (float) (signal * x0 + spread * eps);
      }
      for (int k = 0; k < blocks; k++) {
        int classes = blockClasses[k];
        int at = blockOffsets[k];
        int clean = data.classes()[row * blocks + k];
        int noisy = MultinomialDiffusion.noisy(clean, classes, alphaBar, random);
        in.x[i * inWidth + d + at + noisy] = 1f;
        float logC0 = (float) Math.log(t == 0 ? FLOOR : (1 - previous) / classes);
        int row0 = i * width + at;
        java.util.Arrays.fill(in.logA, row0, row0 + classes,
            (float) Math.log((1 - alpha) / classes));
        in.logA[row0 + noisy] = (float) Math.log(alpha + (1 - alpha) / classes);
        java.util.Arrays.fill(in.logC0, row0, row0 + classes, logC0);
        in.qLogQ += MultinomialDiffusion.oneHotPosterior(classes, clean, noisy, t == 0, alpha,
            previous, in.q, row0);
      }
      in.logC1[i] = (float) Math.log(previous);
      embedding.write(t, in.time, i * embedding.dim());
      if (labels > 0) {
        in.label[i * labels + data.labels()[row]] = 1f;
      }
    }
    return in;
  }

  /** A batch's JVM arrays. */
  private static final class Batch {
    final float[] x;
    final float[] time;
    final float[] label;
    final float[] noise;
    final float[] mask;
    final float[] q;
    final float[] logA;
    final float[] logC0;
    final float[] logC1;
    int observed;
    double qLogQ;

    Batch(int b, int d, int width, int labels, int dim) {
      x = new float[b * (d + width)];
      time = new float[b * dim];
      label = new float[b * labels];
      noise = new float[b * d];
      mask = new float[b * d];
      q = new float[b * width];
      logA = new float[b * width];
      logC0 = new float[b * width];
      logC1 = new float[b];
    }
  }

  @Override
  public void saveState(DataOutputStream out) throws IOException {
    ParameterState.save(network, out);
    optimizer.save(out);
  }

  @Override
  public void loadState(DataInputStream in) throws IOException {
    ParameterState.load(network, in);
    optimizer.load(in);
  }

  @Override
  public void close() {
    if (loss != null) {
      loss.close();
    }
    optimizer.close();
    trainManager.close();
  }
}
