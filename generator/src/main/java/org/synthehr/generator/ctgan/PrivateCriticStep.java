package org.synthehr.generator.ctgan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.synthehr.generator.codec.ConditionalVectors;
import org.synthehr.generator.deep.AdamOptimizer;
import org.synthehr.generator.deep.AlignedArrays;
import org.synthehr.generator.deep.GradMode;
import org.synthehr.generator.deep.JvmNoise;
import org.synthehr.generator.deep.Scalars;
import org.synthehr.generator.dp.GaussianNoise;
import org.synthehr.generator.dp.PoissonSampler;
import org.synthehr.generator.dp.PrivacyBudget;

/**
 * One DP-SGD update of CTGAN's critic (Abadi et al. 2016, Algorithm 1), with one training row as
 * the privacy unit (the critic runs with pac = 1).
 *
 * <p>The critic loss splits into a part that touches no training row and a part per real row:
 * {@code mean_j D(fake_j)} over a fixed number of generated rows (their conditional vectors drawn
 * from the codec's category frequencies), and for each Poisson-sampled real row i
 * {@code l_i = -D(real_i) + lambda (||grad_x D(x_i)|| - 1)^2} with {@code x_i} on the segment from
 * real_i to a generated row. The WGAN-GP penalty touches real_i only through x_i, so it sits inside
 * l_i and is clipped with it. The gradient applied is
 * {@code grad mean_j D(fake_j) + (sum_i clip_C(grad l_i) + N(0, (sigma C)^2 I)) / (q n)}: the first
 * term is a function of the current (already private) critic and of public inputs, the second is
 * the sampled Gaussian mechanism the accountant measures.
 *
 * <p>A real row's conditional vector comes from the row itself (a discrete column picked uniformly,
 * the row's category in it): picking rows by condition, as CTGAN's training-by-sampling does, would
 * make the batch depend on other rows. With categories drawn in proportion to their counts for the
 * generated side, both sides' conditional vectors have the same distribution.
 *
 * <p>Per-example gradients are exact and batched: for a chunk of K rows every critic parameter is
 * copied K times as a fresh leaf, each row runs through its own copy (batched matrix products), and
 * one backward pass leaves row k's gradient in slice k of each copy. The input gradient of the
 * penalty is written out as in {@link CtganCritic#inputGradient}, so no second-order autograd is
 * needed.
 */
final class PrivateCriticStep implements AutoCloseable {
  /** Floats of per-example parameter copies per chunk (bounds the chunk's memory). */
  private static final long CHUNK_FLOATS = 24L << 20;
  private final CtganCritic critic;
  private final AdamOptimizer optimizer;
  private final BiFunction<NDManager, SplittableRandom, NDArray> fakeRows;
  private final ConditionalVectors cond;
  private final float[] data;
  private final int rows;
  private final int width;
  private final int condWidth;
  private final float gradientPenalty;
  private final double clipNorm;
  private final double noiseMultiplier;
  private final double rate;
  private final NDManager manager;
  private final List<NDArray> sums = new ArrayList<>();
  private final int chunk;
  private final PrivacyBudget budget;
  private final GaussianNoise secureNoise;
  private GaussianNoise noise;
  private float lastFakeScore;

  /**
   * @param fakeRows draws the generated side (rows with their conditional vectors, no gradient)
   *     into the given manager from the given stream
   */
  PrivateCriticStep(CtganCritic critic, AdamOptimizer optimizer,
      BiFunction<NDManager, SplittableRandom, NDArray> fakeRows, ConditionalVectors cond,
      float[] data, int rows, int width, double gradientPenalty, double clipNorm,
      double noiseMultiplier, double rate, PrivacyBudget budget, boolean secure,
      NDManager parent) {
    this.budget = budget;
    this.secureNoise = secure ? GaussianNoise.secure() : null;
    this.noise = secureNoise;
    this.critic = critic;
    this.optimizer = optimizer;
    this.fakeRows = fakeRows;
    this.cond = cond;
    this.data = data;
    this.rows = rows;
    this.width = width;
    this.condWidth = cond.width();
    this.gradientPenalty = (float) gradientPenalty;
    this.clipNorm = clipNorm;
    this.noiseMultiplier = noiseMultiplier;
    this.rate = rate;
    this.manager = parent.newSubManager();
    long size = 0;
    for (NDArray p : critic.parametersInOrder()) {
      sums.add(manager.zeros(p.getShape(), p.getDataType()));
      size += p.size();
    }
    this.chunk = (int) Math.max(1, Math.min(256, CHUNK_FLOATS / size));
  }

  /**
   * Starts an epoch: seeded noise comes from the epoch's stream, so a resumed run draws the same
   * noise as an uninterrupted one.
   */
  void startEpoch(SplittableRandom random) {
    if (secureNoise == null) {
      noise = GaussianNoise.seeded(random.nextLong());
    }
  }

  /** Whether the budget allows no further step. */
  boolean exhausted() {
    return budget.steps() >= budget.maxSteps();
  }

  /** The budget (steps taken, epsilon spent). */
  PrivacyBudget budget() {
    return budget;
  }

  /** Marks {@code steps} steps as taken (restoring a checkpoint). */
  void restoreSteps(long steps) {
    while (budget.steps() < steps && budget.tryStep()) {
      // Counting only: the accountant's state is the number of steps.
    }
  }

  /** The mean critic score of the generated rows in the last step (public: no real row in it). */
  float lastFakeScore() {
    return lastFakeScore;
  }

  /**
   * One private critic update, if the budget allows it.
   *
   * @param random the epoch's stream (batch membership, conditions, dropout, interpolation)
   * @return false, without updating, when the step would exceed the epsilon budget
   */
  boolean tryStep(SplittableRandom random) {
    if (!budget.tryStep()) {
      return false;
    }
    lastFakeScore = step(random);
    return true;
  }

  private float step(SplittableRandom random) {
    int[] batch = new PoissonSampler(rows, rate, random.nextLong()).nextBatch();
    int rw = width + condWidth;
    try (NDManager m = manager.newSubManager()) {
      NDArray fake = fakeRows.apply(m, random);
      int fakes = (int) fake.getShape().get(0);
      float[] fakeValues = fake.toFloatArray();
      // Generated rows are public, but their term is clipped together with the real row it is
      // paired with: an unclipped fake term outweighs the clipped real ones, the critic then pushes
      // every score down without bound (measured: fake scores -55 after 4 epochs, quality 0.41) and
      // the generator learns nothing. Here only the score of the generated rows is reported.
      float fakeScore;
      try (GradMode off = GradMode.off()) {
        fakeScore = critic.score(fake, masks(m, random, fakes, false)).mean().getFloat();
      }
      zeroGradients(m);
      for (int from = 0; from < batch.length; from += chunk) {
        int k = Math.min(chunk, batch.length - from);
        addClipped(m, random, batch, from, k, fakeValues, fakes, rw);
      }
      List<NDArray> params = critic.parametersInOrder();
      float inv = (float) (1.0 / (rate * rows));
      double std = noiseMultiplier * clipNorm;
      for (int i = 0; i < params.size(); i++) {
        NDArray sum = sums.get(i);
        float[] z = noise.draw((int) sum.size(), std);
        try (NDArray n = m.create(z, sum.getShape()); NDArray g = params.get(i).getGradient()) {
          g.addi(Scalars.mulInPlace(sum.addi(n), inv));
        }
        Scalars.mulInPlace(sum, 0.0);
      }
      optimizer.step();
      return fakeScore;
    }
  }

  /** Adds the clipped gradients of real rows batch[from, from + k) to the running sums. */
  private void addClipped(NDManager parent, SplittableRandom random, int[] batch, int from, int k,
      float[] fakeValues, int fakes, int rw) {
    float[] real = new float[k * rw];
    float[] interp = new float[k * rw];
    float[] paired = new float[k * rw];
    int discrete = cond.discreteColumns();
    for (int e = 0; e < k; e++) {
      int row = batch[from + e];
      System.arraycopy(data, row * width, real, e * rw, width);
      if (discrete > 0) {
        int d = random.nextInt(discrete);
        int p = argmax(data, row * width + cond.dataOffset(d), cond.width(d));
        real[e * rw + width + cond.condOffset(d) + p] = 1f;
      }
      int f = (from + e) % fakes;
      System.arraycopy(fakeValues, f * rw, paired, e * rw, rw);
      float a = (float) random.nextDouble();
      for (int j = 0; j < rw; j++) {
        interp[e * rw + j] = a * real[e * rw + j] + (1 - a) * fakeValues[f * rw + j];
      }
    }
    try (NDManager m = parent.newSubManager()) {
      List<NDArray> copies = new ArrayList<>();
      for (NDArray p : critic.parametersInOrder()) {
        try (NDArray detached = p.stopGradient(); NDArray one = detached.expandDims(0)) {
          NDArray copy = one.repeat(0, k);
          copy.attach(m);
          copy.setRequiresGradient(true);
          copies.add(copy);
        }
      }
      NDArray x = AlignedArrays.create(m, real, new Shape(k, 1, rw));
      NDArray xi = AlignedArrays.create(m, interp, new Shape(k, 1, rw));
      NDArray[] scoreMasks = masks(m, random, k, true);
      NDArray[] penaltyMasks = masks(m, random, k, true);
      NDArray xf = AlignedArrays.create(m, paired, new Shape(k, 1, rw));
      NDArray[] fakeMasks = masks(m, random, k, true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        // Each row's loss is its pair's WGAN-GP term: -D(real) + D(fake) + penalty.
        NDArray score = scores(copies, x, scoreMasks, k);
        NDArray fakeScore = scores(copies, xf, fakeMasks, k);
        NDArray g = inputGradient(copies, xi, penaltyMasks, k);
        NDArray penalty = Scalars.mul(g.norm(new int[] {2}).sub(1f).square(), gradientPenalty);
        gc.backward(fakeScore.sum().sub(score.sum()).add(penalty.sum()));
      }
      NDArray squared = m.zeros(new Shape(k));
      List<NDArray> grads = new ArrayList<>();
      for (NDArray c : copies) {
        NDArray g = c.getGradient();
        g.attach(m);
        grads.add(g);
        squared.addi(g.reshape(k, -1).square().sum(new int[] {1}));
      }
      // min(1, C / ||g_i||) per row: each row's whole gradient has norm at most C.
      NDArray factor = Scalars.minimum(Scalars.mul(Scalars.pow(Scalars.maximum(squared.sqrt(),
          1e-12), -1.0), clipNorm), 1.0);
      for (int i = 0; i < grads.size(); i++) {
        NDArray g = grads.get(i);
        long[] shape = new long[(int) g.getShape().dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = k;
        sums.get(i).addi(g.mul(factor.reshape(new Shape(shape))).sum(new int[] {0}));
      }
    }
  }

  /**
   * Gives every critic parameter a zero gradient for the noisy sum to be added to (a parameter has
   * no gradient tensor before its first backward pass; the optimiser zeroes them after each step).
   */
  private void zeroGradients(NDManager m) {
    try (NDManager tmp = m.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray total = null;
      for (NDArray p : critic.parametersInOrder()) {
        NDArray part = Scalars.mul(p.sum(), 0.0);
        part.attach(tmp);
        total = total == null ? part : total.add(part);
        total.attach(tmp);
      }
      gc.backward(total);
    }
  }

  /** Scores of k rows, each through its own copy of the weights: {@code k × 1 × 1}. */
  private NDArray scores(List<NDArray> p, NDArray x, NDArray[] masks, int k) {
    int layers = critic.dims().size();
    NDArray a = x;
    for (int i = 0; i < layers; i++) {
      NDArray h = affine(a, p.get(2 * i), p.get(2 * i + 1), k);
      a = Activation.leakyRelu(h, CtganCritic.SLOPE).mul(masks[i]);
    }
    return affine(a, p.get(2 * layers), p.get(2 * layers + 1), k);
  }

  /** The input gradient of each row's score, as in {@link CtganCritic#inputGradient}. */
  private NDArray inputGradient(List<NDArray> p, NDArray x, NDArray[] masks, int k) {
    int layers = critic.dims().size();
    NDArray[] slopes = new NDArray[layers];
    NDArray a = x;
    for (int i = 0; i < layers; i++) {
      NDArray h = affine(a, p.get(2 * i), p.get(2 * i + 1), k);
      NDArray slope = Scalars.mul(h.gt(0f).toType(DataType.FLOAT32, false), 1f - CtganCritic.SLOPE)
          .add(CtganCritic.SLOPE);
      slopes[i] = slope.mul(masks[i]);
      if (i < layers - 1) {
        a = h.mul(slopes[i]);
      }
    }
    NDArray g = slopes[layers - 1].mul(p.get(2 * layers));
    for (int i = layers - 1; i >= 1; i--) {
      g = g.matMul(p.get(2 * i)).mul(slopes[i - 1]);
    }
    return g.matMul(p.get(0));
  }

  /** {@code a W_k^T + b_k} per row k: a is {@code k × 1 × in}, W {@code k × out × in}. */
  private static NDArray affine(NDArray a, NDArray w, NDArray b, int k) {
    return a.matMul(w.transpose(0, 2, 1)).add(b.reshape(k, 1, -1));
  }

  /** Dropout masks, one per hidden layer, shaped {@code n × 1 × width} or {@code n × width}. */
  private NDArray[] masks(NDManager m, SplittableRandom random, int n, boolean perRow) {
    List<Integer> dims = critic.dims();
    NDArray[] out = new NDArray[dims.size()];
    for (int i = 0; i < dims.size(); i++) {
      float[] mask = JvmNoise.dropoutMask(random, n * dims.get(i), 0.5);
      out[i] = AlignedArrays.create(m, mask, perRow
          ? new Shape(n, 1, dims.get(i)) : new Shape(n, dims.get(i)));
    }
    return out;
  }

  private static int argmax(float[] values, int from, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (values[from + i] > values[from + best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public void close() {
    manager.close();
  }
}
