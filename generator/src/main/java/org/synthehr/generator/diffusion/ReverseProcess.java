package org.synthehr.generator.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.generator.codec.OutputSpan;
import org.synthehr.generator.codec.SpanActivation;
import org.synthehr.generator.deep.AlignedArrays;
import org.synthehr.generator.deep.InputBuffers;
import org.synthehr.generator.deep.JvmNoise;
import org.synthehr.generator.deep.SpanSoftmax;
import org.synthehr.generator.deep.StepTimer;

/**
 * Sampling: the reverse chain from pure noise (standard normal scores, uniform classes) to rows,
 * visiting a subsequence of the training steps (all of them, or fewer, evenly spread). One network
 * pass per visited step gives, for every row, the predicted noise ε̂ and the clean-class
 * probabilities p̂; then, jumping from step t to the next visited step s (−1 = clean data):
 *
 * <ul>
 *   <li>Gaussian part, DDIM (Song et al. 2021): {@code x̂₀ = (x_t − √(1−ᾱ_t) ε̂)/√ᾱ_t}, clipped to
 *       the transform's range, and {@code x_s = √ᾱ_s x̂₀ + √(1−ᾱ_s−σ²) ε̂ + σ z} with
 *       {@code σ = η √((1−ᾱ_s)/(1−ᾱ_t)) √(1−ᾱ_t/ᾱ_s)};
 *   <li>multinomial part: a draw from {@code q(x_s | x_t, x₀ = p̂)} (see
 *       {@link MultinomialDiffusion}), exact for any jump.
 * </ul>
 *
 * <p>Blocks with a fixed class (conditions) are inpainted: before every network pass their current
 * value is replaced by a fresh draw of {@code q(x_t | x₀ = target)}, and the output holds the
 * target itself, so the rest of the row is generated in the context of the condition. The label,
 * when the model is conditioned on one, is an input of every pass. All randomness comes from the
 * caller's stream; network passes are deterministic on the CPU.
 */
final class ReverseProcess {
  /** Rows per network pass: large enough for efficient matrix products, small enough for cache. */
  static final int CHUNK = 8192;

  private final DiffusionCodec codec;
  private final NoiseSchedule schedule;
  private final TimestepEmbedding embedding;
  private final DenoiserNetwork network;
  private final ParameterStore store;
  private final NDManager manager;
  private final SpanSoftmax softmax;
  private final int[] steps;
  private final double eta;
  private final int d;
  private final int width;
  private final int blocks;
  private final int[] blockClasses;
  private final int[] blockOffsets;
  private final int labels;
  private final StepTimer timer = new StepTimer("input", "network", "softmax", "update");

  /**
   * The rows drawn, in the codec's layout.
   *
   * @param scores {@code rows × numeric} normal scores
   * @param classes {@code rows × blocks} classes
   * @param labels label class of each row (empty without label conditioning)
   */
  record Drawn(float[] scores, int[] classes, int[] labels) {}

  /**
   * What the rows are conditioned on.
   *
   * @param labels the label class of each row (length rows), or null without label conditioning
   * @param fixed {@code rows × blocks} class each block must take, -1 where free; or null
   */
  record Targets(int[] labels, int[] fixed) {}

  ReverseProcess(DiffusionCodec codec, NoiseSchedule schedule, DenoiserNetwork network,
      NDManager manager, int samplingSteps, double eta) {
    this.codec = codec;
    this.schedule = schedule;
    this.network = network;
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
    this.embedding = new TimestepEmbedding(schedule.steps(), network.architecture().embeddingDim());
    this.steps = schedule.samplingSteps(samplingSteps);
    this.eta = eta;
    this.d = codec.numeric().size();
    List<DiffusionCodec.Block> list = codec.blocks();
    this.blocks = list.size();
    this.blockClasses = new int[blocks];
    this.blockOffsets = new int[blocks];
    List<OutputSpan> spans = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      blockClasses[b] = list.get(b).classes();
      blockOffsets[b] = list.get(b).offset();
      spans.add(new OutputSpan(blockOffsets[b], blockClasses[b], SpanActivation.SOFTMAX, true));
    }
    this.width = codec.oneHotWidth();
    this.labels = codec.labelClasses();
    this.softmax = new SpanSoftmax(manager, Math.max(width, 1), spans);
  }

  /** The steps visited, from T−1 down to 0. */
  int[] visitedSteps() {
    return steps.clone();
  }

  /**
   * Where sampling time went so far, per pass over a chunk of up to {@value #CHUNK} rows (building
   * the input on the JVM, the network, the class softmax, the JVM update of the chain).
   */
  String profile() {
    return timer.describe().replace("per step", "per chunk pass").replace("steps", "passes");
  }

  /** Runs the chain for {@code rows} rows. */
  Drawn run(int rows, Targets targets, SplittableRandom random) {
    float[] scores = new float[rows * d];
    int[] classes = new int[rows * blocks];
    for (int start = 0; start < rows; start += CHUNK) {
      int n = Math.min(CHUNK, rows - start);
      chunk(start, n, targets, random, scores, classes);
    }
    int[] labelsOut = targets.labels() == null ? new int[0] : targets.labels().clone();
    return new Drawn(scores, classes, labelsOut);
  }

  private void chunk(int start, int n, Targets targets, SplittableRandom random, float[] scoresOut,
      int[] classesOut) {
    float[] z = JvmNoise.normal(random, n * d);
    int[] x = new int[n * blocks];
    int[] fixed = targets.fixed();
    for (int r = 0; r < n; r++) {
      for (int b = 0; b < blocks; b++) {
        x[r * blocks + b] = random.nextInt(blockClasses[b]);
      }
    }
    int inWidth = d + width;
    float[] input = new float[n * inWidth];
    float[] time = new float[embedding.dim()];
    double[] posterior = new double[Math.max(1, maxClasses())];
    try (NDManager chunkManager = manager.newSubManager()) {
      InputBuffers buffers = new InputBuffers();
      NDArray labelInput = null;
      if (labels > 0) {
        float[] oneHot = new float[n * labels];
        for (int r = 0; r < n; r++) {
          oneHot[r * labels + targets.labels()[start + r]] = 1f;
        }
        labelInput = AlignedArrays.create(chunkManager, oneHot, new Shape(n, labels));
      }
      for (int i = 0; i < steps.length; i++) {
        int t = steps[i];
        int s = i + 1 < steps.length ? steps[i + 1] : -1;
        if (fixed != null) {
          inpaint(x, fixed, start, n, schedule.alphaBar(t), random);
        }
        timer.start();
        java.util.Arrays.fill(input, 0f);
        for (int r = 0; r < n; r++) {
          System.arraycopy(z, r * d, input, r * inWidth, d);
          for (int b = 0; b < blocks; b++) {
            input[r * inWidth + d + blockOffsets[b] + x[r * blocks + b]] = 1f;
          }
        }
        embedding.write(t, time, 0);
        timer.lap(0);
        float[] eps;
        float[] probabilities;
        try (NDManager m = chunkManager.newSubManager()) {
          NDList in = new NDList(buffers.upload(m, 0, input, input.length, new Shape(n, inWidth)),
              buffers.upload(m, 1, time, time.length, new Shape(1, embedding.dim())));
          if (labelInput != null) {
            in.add(labelInput);
          }
          NDList out = network.forward(store, in, false);
          eps = d > 0 ? out.get(0).toFloatArray() : new float[0];
          timer.lap(1);
          probabilities = blocks > 0 ? softmax.softmax(out.get(1)).toFloatArray() : new float[0];
          timer.lap(2);
        }
        gaussianStep(z, eps, n, t, s, random);
        multinomialStep(x, probabilities, n, t, s, random, posterior);
        timer.lap(3);
      }
    }
    if (fixed != null) {
      for (int r = 0; r < n; r++) {
        for (int b = 0; b < blocks; b++) {
          int target = fixed[(start + r) * blocks + b];
          if (target >= 0) {
            x[r * blocks + b] = target;
          }
        }
      }
    }
    System.arraycopy(z, 0, scoresOut, start * d, n * d);
    System.arraycopy(x, 0, classesOut, start * blocks, n * blocks);
  }

  private void inpaint(int[] x, int[] fixed, int start, int n, double alphaBar,
      SplittableRandom random) {
    for (int r = 0; r < n; r++) {
      for (int b = 0; b < blocks; b++) {
        int target = fixed[(start + r) * blocks + b];
        if (target >= 0) {
          x[r * blocks + b] = MultinomialDiffusion.noisy(target, blockClasses[b], alphaBar, random);
        }
      }
    }
  }

  /** The DDIM jump of the numeric scores from step t to step s. */
  private void gaussianStep(float[] z, float[] eps, int n, int t, int s, SplittableRandom random) {
    if (d == 0) {
      return;
    }
    double abT = schedule.alphaBar(t);
    double abS = schedule.alphaBar(s);
    double sigma = s < 0 ? 0 : eta * Math.sqrt((1 - abS) / (1 - abT)) * Math.sqrt(1 - abT / abS);
    double towardsNoise = Math.sqrt(Math.max(0, 1 - abS - sigma * sigma));
    double sqrtT = Math.sqrt(abT);
    double sqrtOneMinusT = Math.sqrt(1 - abT);
    double sqrtS = Math.sqrt(abS);
    for (int i = 0; i < n * d; i++) {
      double x0 = (z[i] - sqrtOneMinusT * eps[i]) / sqrtT;
      x0 = Math.max(-QuantileNormal.Z_LIMIT, Math.min(QuantileNormal.Z_LIMIT, x0));
      // The noise consistent with the clipped x̂₀.
      double e = (z[i] - sqrtT * x0) / sqrtOneMinusT;
      double next = sqrtS * x0 + towardsNoise * e;
      if (sigma > 0) {
        next += sigma * random.nextGaussian();
      }
      z[i] = (float) next;
    }
  }

  /** A draw of every block from q(x_s | x_t, x₀ = p̂). */
  private void multinomialStep(int[] x, float[] p, int n, int t, int s, SplittableRandom random,
      double[] u) {
    if (blocks == 0) {
      return;
    }
    double abT = schedule.alphaBar(t);
    double abS = schedule.alphaBar(s);
    double keep = abT / abS;
    for (int r = 0; r < n; r++) {
      for (int b = 0; b < blocks; b++) {
        int k = blockClasses[b];
        int from = r * width + blockOffsets[b];
        int current = x[r * blocks + b];
        double stay = (1 - keep) / k;
        double uniform = (1 - abS) / k;
        double total = 0;
        for (int c = 0; c < k; c++) {
          double v = (abS * p[from + c] + uniform) * (c == current ? keep + stay : stay);
          u[c] = v;
          total += v;
        }
        double pick = random.nextDouble() * total;
        int chosen = k - 1;
        double acc = 0;
        for (int c = 0; c < k; c++) {
          acc += u[c];
          if (pick < acc) {
            chosen = c;
            break;
          }
        }
        x[r * blocks + b] = chosen;
      }
    }
  }

  private int maxClasses() {
    int m = 0;
    for (int k : blockClasses) {
      m = Math.max(m, k);
    }
    return m;
  }
}
