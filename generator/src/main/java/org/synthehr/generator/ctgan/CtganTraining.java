package org.synthehr.generator.ctgan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.generator.codec.ConditionalVectors;
import org.synthehr.generator.codec.ModeSpecificCodec;
import org.synthehr.generator.codec.OutputSpan;
import org.synthehr.generator.deep.AdamOptimizer;
import org.synthehr.generator.deep.AlignedArrays;
import org.synthehr.generator.deep.EpochTrainer;
import org.synthehr.generator.deep.GradMode;
import org.synthehr.generator.deep.InputBuffers;
import org.synthehr.generator.deep.JvmNoise;
import org.synthehr.generator.deep.ParameterState;
import org.synthehr.generator.deep.Scalars;
import org.synthehr.generator.deep.SeededInit;
import org.synthehr.generator.deep.SpanOps;
import org.synthehr.generator.deep.SpanSoftmax;
import org.synthehr.generator.deep.StepTimer;
import org.synthehr.generator.dp.PrivacyBudget;

/**
 * One CTGAN training run: WGAN-GP with a PacGAN critic, conditional generator trained by sampling,
 * Gumbel-softmax on one-hot spans. Each batch is assembled in JVM arrays (rows, conditional
 * vectors, noise, dropout masks) and enters PyTorch as one array per input, inside a per-step
 * sub-manager. Only the generator outlives training; the critic and optimisers are closed.
 */
final class CtganTraining implements EpochTrainer, AutoCloseable {
  private final CtganOptions options;
  private final ModeSpecificCodec codec;
  private final ConditionalVectors cond;
  private final float[] data;
  private final int rows;
  private final int batch;
  private final int pac;
  private final int groups;
  private final int width;
  private final int condWidth;
  private final int embedding;
  private final NDManager trainManager;
  private final CtganGenerator generator;
  private final CtganCritic critic;
  private final ParameterStore generatorStore;
  private final AdamOptimizer generatorOptimizer;
  private final AdamOptimizer criticOptimizer;
  private final SpanOps spanOps;
  private final NDArray signs;
  private final SpanSoftmax discreteSpans;
  // Reused JVM buffers.
  private final float[] noiseAndCond;
  private final float[] condBuffer;
  private final int[] condPosition;
  private final int[] rowBuffer;
  private final float[] realBuffer;
  private final float[] gumbel;
  private final float[] chosenColumn;
  private final float[] condTarget;
  private final InputBuffers inputs = new InputBuffers();
  private final float[] maskBuffer;
  private final float[] alpha;
  // Set by makePrivate: the critic learns by DP-SGD (kind dp-ctgan).
  private PrivateCriticStep privateCritic;
  private static final int SLOT_INPUT = 0;
  private static final int SLOT_GUMBEL = 1;
  private static final int SLOT_COND = 2;
  private static final int SLOT_REAL = 3;
  private static final int SLOT_ALPHA = 4;
  private static final int SLOT_CHOSEN = 5;
  private static final int SLOT_TARGET = 6;
  private static final int SLOT_MASKS = 16;
  private final StepTimer timer = new StepTimer("batch", "generator", "critic", "backward",
      "optimiser");
  private static final int BATCH = 0;
  private static final int GENERATOR = 1;
  private static final int CRITIC = 2;
  private static final int BACKWARD = 3;
  private static final int OPTIMISER = 4;

  /**
   * Builds and initialises the networks.
   *
   * @param generatorManager owns the generator (it outlives training)
   * @param init seeds the initial weights
   */
  CtganTraining(CtganOptions options, ModeSpecificCodec codec, float[] data, int rows, int batch,
      NDManager generatorManager, SplittableRandom init) {
    this.options = options;
    this.codec = codec;
    this.data = data;
    this.rows = rows;
    this.batch = batch;
    this.pac = options.pac();
    this.groups = batch / pac;
    this.width = codec.width();
    this.cond = ConditionalVectors.forTraining(codec, data, rows, options.logFrequency());
    this.condWidth = cond.width();
    this.embedding = options.embeddingDim();
    this.trainManager = generatorManager.newSubManager();
    this.generator = new CtganGenerator(embedding + condWidth, options.generatorDims(), width);
    generator.initialize(generatorManager, DataType.FLOAT32, new Shape(batch, embedding + condWidth));
    SeededInit.linearLayers(generator, init.split());
    this.critic = new CtganCritic(pac * (width + condWidth), options.discriminatorDims());
    critic.initialize(trainManager, DataType.FLOAT32, new Shape(groups, pac * (width + condWidth)));
    SeededInit.linearLayers(critic, init.split());
    this.generatorStore = new ParameterStore(generatorManager, false);
    this.generatorOptimizer = new AdamOptimizer(trainManager, List.of(generator),
        (float) options.generatorLr(), 0.5f, 0.9f, (float) options.generatorDecay());
    this.criticOptimizer = new AdamOptimizer(trainManager, List.of(critic),
        (float) options.discriminatorLr(), 0.5f, 0.9f, (float) options.discriminatorDecay());
    this.spanOps = new SpanOps(trainManager, width, codec.spans());
    float[] s = new float[2 * groups];
    for (int i = 0; i < groups; i++) {
      s[i] = -1f;
      s[groups + i] = 1f;
    }
    this.signs = AlignedArrays.create(trainManager, s, new Shape(2 * groups, 1));
    this.discreteSpans = new SpanSoftmax(trainManager, width, codec.spans().stream()
        .filter(OutputSpan::discrete).toList());
    this.noiseAndCond = new float[batch * (embedding + condWidth)];
    this.condBuffer = new float[batch * Math.max(condWidth, 1)];
    this.condPosition = new int[batch];
    this.rowBuffer = new int[batch];
    this.realBuffer = new float[batch * (width + condWidth)];
    this.gumbel = new float[batch * width];
    this.chosenColumn = new float[batch * Math.max(cond.discreteColumns(), 1)];
    this.condTarget = new float[batch * width];
    int widest = options.discriminatorDims().stream().mapToInt(Integer::intValue).max().orElse(1);
    this.maskBuffer = new float[2 * groups * widest];
    this.alpha = new float[groups];
  }

  /** The generator (owned by the manager given at construction). */
  CtganGenerator generator() {
    return generator;
  }

  /** The conditional vectors (training-by-sampling). */
  ConditionalVectors conditionalVectors() {
    return cond;
  }

  /**
   * Switches the critic to DP-SGD (kind dp-ctgan; needs pac 1 and log_frequency false).
   *
   * @param dp the privacy settings
   * @param budget the epsilon budget with the resolved noise multiplier and sampling rate
   */
  void makePrivate(DpOptions dp, PrivacyBudget budget, double noiseMultiplier, double rate) {
    this.privateCritic = new PrivateCriticStep(critic, criticOptimizer, this::fakeRows, cond, data,
        rows, width, options.gradientPenalty(), dp.maxGradNorm(), noiseMultiplier, rate, budget,
        dp.secureNoise(), trainManager);
  }

  /** The private critic's budget, or null when training is not private. */
  PrivacyBudget privacyBudget() {
    return privateCritic == null ? null : privateCritic.budget();
  }

  /** Critic steps (private steps under DP) of one epoch. */
  long criticStepsPerEpoch() {
    return (long) stepsPerEpoch() * options.discriminatorSteps();
  }

  @Override
  public boolean finished() {
    return privateCritic != null && privateCritic.exhausted();
  }

  /** Generated rows with their conditional vectors (no gradient), for the private critic step. */
  private NDArray fakeRows(NDManager m, SplittableRandom random) {
    sampleInputs(random, false);
    NDArray input = inputs.upload(m, SLOT_INPUT, noiseAndCond, noiseAndCond.length,
        new Shape(batch, embedding + condWidth));
    NDArray noise = inputs.upload(m, SLOT_GUMBEL, gumbel, gumbel.length, new Shape(batch, width));
    NDArray fake;
    try (GradMode off = GradMode.off()) {
      NDArray raw = generator.forward(generatorStore, new NDList(input), true).singletonOrThrow();
      fake = spanOps.gumbelSoftmax(raw, noise, (float) options.gumbelTau());
    }
    return withCond(m, fake);
  }

  private int stepsPerEpoch() {
    return Math.max(rows / batch, 1);
  }

  @Override
  public long rowsPerEpoch() {
    return (long) stepsPerEpoch() * batch;
  }

  @Override
  public Map<String, Double> runEpoch(int epoch, SplittableRandom random) {
    if (privateCritic != null) {
      return runPrivateEpoch(random);
    }
    int steps = stepsPerEpoch();
    double critic = 0;
    double penalty = 0;
    double gen = 0;
    for (int s = 0; s < steps; s++) {
      timer.start();
      for (int d = 0; d < options.discriminatorSteps(); d++) {
        float[] losses = criticStep(random);
        critic += losses[0] / options.discriminatorSteps();
        penalty += losses[1] / options.discriminatorSteps();
      }
      gen += generatorStep(random);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("generator", gen / steps);
    out.put("critic", critic / steps);
    out.put("gradient_penalty", penalty / steps);
    return out;
  }

  /**
   * An epoch with the private critic, until the epoch ends or the budget is spent. Its losses are
   * the ones no real row enters (the loss history is saved with the model): the generator's and
   * the critic's mean score of generated rows, and the epsilon spent so far.
   */
  private Map<String, Double> runPrivateEpoch(SplittableRandom random) {
    privateCritic.startEpoch(random);
    int steps = stepsPerEpoch();
    double fakeScore = 0;
    double gen = 0;
    int done = 0;
    outer:
    for (int s = 0; s < steps; s++) {
      timer.start();
      for (int d = 0; d < options.discriminatorSteps(); d++) {
        if (!privateCritic.tryStep(random)) {
          break outer;
        }
        fakeScore += privateCritic.lastFakeScore() / options.discriminatorSteps();
      }
      timer.lap(CRITIC);
      gen += generatorStep(random);
      done++;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("generator", gen / Math.max(done, 1));
    out.put("critic_fake", fakeScore / Math.max(done, 1));
    out.put("epsilon", privateCritic.budget().spent());
    return out;
  }

  @Override
  public String profile() {
    return timer.describe();
  }

  /** Fills the generator input (noise, then conditional vector) and the conditional vectors. */
  private void sampleInputs(SplittableRandom random, boolean withRows) {
    if (condWidth > 0) {
      cond.sampleForTraining(random, batch, condBuffer, condPosition, withRows ? rowBuffer : null);
    } else if (withRows) {
      for (int r = 0; r < batch; r++) {
        rowBuffer[r] = random.nextInt(rows);
      }
    }
    int in = embedding + condWidth;
    for (int r = 0; r < batch; r++) {
      JvmNoise.normal(random, noiseAndCond, r * in, embedding);
      if (condWidth > 0) {
        System.arraycopy(condBuffer, r * condWidth, noiseAndCond, r * in + embedding, condWidth);
      }
    }
    spanOps.exponentialNoise(random, gumbel, batch);
  }

  /** Dropout masks for the critic's hidden layers; {@code use} picks distinct buffer slots. */
  private NDArray[] masks(NDManager m, SplittableRandom random, int count, int use) {
    List<Integer> dims = critic.dims();
    NDArray[] out = new NDArray[dims.size()];
    for (int i = 0; i < dims.size(); i++) {
      int n = count * dims.get(i);
      JvmNoise.dropoutMask(random, maskBuffer, n, 0.5);
      out[i] = inputs.upload(m, SLOT_MASKS + use * dims.size() + i, maskBuffer, n,
          new Shape(count, dims.get(i)));
    }
    return out;
  }

  /** One critic update; returns {Wasserstein loss, gradient penalty}. */
  private float[] criticStep(SplittableRandom random) {
    sampleInputs(random, true);
    // Real rows with their conditional vectors, shuffled so packs of real rows do not line up with
    // packs of generated rows that share conditions.
    int[] perm = permutation(random, batch);
    int rw = width + condWidth;
    for (int i = 0; i < batch; i++) {
      int j = perm[i];
      System.arraycopy(data, rowBuffer[j] * width, realBuffer, i * rw, width);
      if (condWidth > 0) {
        System.arraycopy(condBuffer, j * condWidth, realBuffer, i * rw + width, condWidth);
      }
    }
    for (int i = 0; i < groups; i++) {
      alpha[i] = (float) random.nextDouble();
    }
    try (NDManager m = trainManager.newSubManager()) {
      NDArray input = inputs.upload(m, SLOT_INPUT, noiseAndCond, noiseAndCond.length,
          new Shape(batch, embedding + condWidth));
      NDArray noise = inputs.upload(m, SLOT_GUMBEL, gumbel, gumbel.length, new Shape(batch, width));
      timer.lap(BATCH);
      NDArray fake;
      try (GradMode off = GradMode.off()) {
        NDArray raw = generator.forward(generatorStore, new NDList(input), true).singletonOrThrow();
        fake = spanOps.gumbelSoftmax(raw, noise, (float) options.gumbelTau());
      }
      NDArray fakeCat = withCond(m, fake).reshape(groups, (long) pac * rw);
      timer.lap(GENERATOR);
      NDArray realCat = inputs.upload(m, SLOT_REAL, realBuffer, realBuffer.length,
          new Shape(groups, (long) pac * rw));
      NDArray[] pairMasks = masks(m, random, 2 * groups, 0);
      NDArray[] interpMasks = masks(m, random, groups, 1);
      NDArray alphas = inputs.upload(m, SLOT_ALPHA, alpha, groups, new Shape(groups, 1));
      timer.lap(BATCH);
      float wasserstein;
      float gp;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray scores = critic.score(realCat.concat(fakeCat, 0), pairMasks);
        NDArray loss = Scalars.div(scores.mul(signs).sum(), groups);
        NDArray interp = realCat.add(fakeCat.sub(realCat).mul(alphas));
        NDArray grad = critic.inputGradient(interp, interpMasks);
        NDArray penalty = Scalars.mul(grad.norm(new int[] {1}).sub(1f).square().mean(),
            options.gradientPenalty());
        NDArray total = loss.add(penalty);
        timer.lap(CRITIC);
        collector.backward(total);
        wasserstein = loss.getFloat();
        gp = penalty.getFloat();
        timer.lap(BACKWARD);
      }
      criticOptimizer.step();
      timer.lap(OPTIMISER);
      return new float[] {wasserstein, gp};
    }
  }

  /** One generator update; returns its loss. */
  private float generatorStep(SplittableRandom random) {
    sampleInputs(random, false);
    if (condWidth > 0) {
      // Cross-entropy of the chosen discrete column only: which column, and the chosen category's
      // position in the encoded row.
      int discrete = cond.discreteColumns();
      java.util.Arrays.fill(chosenColumn, 0f);
      java.util.Arrays.fill(condTarget, 0f);
      for (int r = 0; r < batch; r++) {
        int d = discreteOf(condPosition[r]);
        chosenColumn[r * discrete + d] = 1f;
        condTarget[r * width + cond.dataOffset(d) + condPosition[r] - cond.condOffset(d)] = 1f;
      }
    }
    try (NDManager m = trainManager.newSubManager()) {
      NDArray input = inputs.upload(m, SLOT_INPUT, noiseAndCond, noiseAndCond.length,
          new Shape(batch, embedding + condWidth));
      NDArray noise = inputs.upload(m, SLOT_GUMBEL, gumbel, gumbel.length, new Shape(batch, width));
      NDArray[] criticMasks = masks(m, random, groups, 0);
      float value;
      trainable(false);
      timer.lap(BATCH);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray raw = generator.forward(generatorStore, new NDList(input), true).singletonOrThrow();
        NDArray fake = spanOps.gumbelSoftmax(raw, noise, (float) options.gumbelTau());
        NDArray packed = withCond(m, fake).reshape(groups, (long) pac * (width + condWidth));
        timer.lap(GENERATOR);
        NDArray loss = critic.score(packed, criticMasks).mean().neg();
        if (condWidth > 0) {
          NDArray chosen = inputs.upload(m, SLOT_CHOSEN, chosenColumn,
              batch * cond.discreteColumns(), new Shape(batch, cond.discreteColumns()));
          NDArray target = inputs.upload(m, SLOT_TARGET, condTarget, condTarget.length,
              new Shape(batch, width));
          NDArray crossEntropy = Scalars.div(discreteSpans.logSumExp(raw).mul(chosen).sum()
              .sub(raw.mul(target).sum()), batch);
          loss = loss.add(crossEntropy);
        }
        timer.lap(CRITIC);
        collector.backward(loss);
        value = loss.getFloat();
        timer.lap(BACKWARD);
      } finally {
        trainable(true);
      }
      generatorOptimizer.step();
      timer.lap(OPTIMISER);
      return value;
    }
  }

  private NDArray withCond(NDManager m, NDArray fake) {
    if (condWidth == 0) {
      return fake;
    }
    return fake.concat(inputs.upload(m, SLOT_COND, condBuffer, batch * condWidth,
        new Shape(batch, condWidth)), 1);
  }

  private int discreteOf(int condPos) {
    int d = cond.discreteColumns() - 1;
    while (cond.condOffset(d) > condPos) {
      d--;
    }
    return d;
  }

  /** Freezes the critic while the generator learns through it (no weight gradients computed). */
  private void trainable(boolean on) {
    for (Parameter p : critic.getParameters().values()) {
      p.getArray().setRequiresGradient(on);
    }
  }

  private static int[] permutation(SplittableRandom random, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @Override
  public void saveState(DataOutputStream out) throws IOException {
    ParameterState.save(generator, out);
    ParameterState.save(critic, out);
    generatorOptimizer.save(out);
    criticOptimizer.save(out);
    if (privateCritic != null) {
      out.writeLong(privateCritic.budget().steps());
    }
  }

  @Override
  public void loadState(DataInputStream in) throws IOException {
    ParameterState.load(generator, in);
    ParameterState.load(critic, in);
    generatorOptimizer.load(in);
    criticOptimizer.load(in);
    if (privateCritic != null) {
      privateCritic.restoreSteps(in.readLong());
    }
  }

  /** Frees the critic and the optimisers; the generator stays with its manager. */
  @Override
  public void close() {
    generatorOptimizer.close();
    criticOptimizer.close();
    if (privateCritic != null) {
      privateCritic.close();
    }
    trainManager.close();
  }
}
