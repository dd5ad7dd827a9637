package org.synthehr.generator.dp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.synthehr.generator.deep.Scalars;

/**
 * The private gradient of one DP-SGD step (Abadi et al. 2016, Algorithm 1), on DJL parameters:
 * after the backward pass of each example in the batch, {@link #addExample} clips that example's
 * gradient (all parameters together) to L2 norm C, adds it to a running sum and clears the
 * parameters' gradients; {@link #release} adds N(0, (sigma C)^2) noise to every coordinate of the
 * sum, divides by the expected batch size, writes the result into the parameters' gradients, runs
 * the optimizer's step on it and clears the gradients again (DJL's PyTorch engine accumulates
 * gradients across backward passes, so a stale gradient must never meet the next example's). Every
 * sum lives in this object's own NDManager, closed with it. Construct it outside any open
 * GradientCollector (it runs one backward pass to give every parameter a gradient tensor).
 *
 * <pre>{@code
 * try (PrivateGradient pg = new PrivateGradient(params, clip, sigma, GaussianNoise.secure())) {
 *   while (budget.tryStep()) {
 *     for (int i : sampler.nextBatch()) {
 *       try (GradientCollector gc = trainer.newGradientCollector()) {
 *         gc.backward(lossOfExample(i));
 *       }
 *       pg.addExample();
 *     }
 *     pg.release(sampler.expectedBatchSize(), trainer::step);
 *   }
 * }
 * }</pre>
 *
 * <p>Per-example gradients come from one backward pass per example: exact for any block, at the
 * cost of batch-size backward passes per step.
 */
public final class PrivateGradient implements AutoCloseable {
  private final List<Parameter> parameters;
  private final double clipNorm;
  private final double noiseMultiplier;
  private final GaussianNoise noise;
  private final NDManager manager;
  private final List<NDArray> sums = new ArrayList<>();
  private int examples;

  /**
   * @param parameters the trainable parameters, initialised, with gradients attached
   * @param clipNorm C, the L2 bound of one example's whole gradient
   * @param noiseMultiplier sigma: the noise standard deviation is sigma C
   * @param noise the noise source
   */
  public PrivateGradient(List<Parameter> parameters, double clipNorm, double noiseMultiplier,
      GaussianNoise noise) {
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("no parameters to privatise");
    }
    if (!(clipNorm > 0) || !(noiseMultiplier >= 0)) {
      throw new IllegalArgumentException("need a positive clip norm and a non-negative noise"
          + " multiplier, got " + clipNorm + " and " + noiseMultiplier);
    }
    this.parameters = List.copyOf(parameters);
    this.clipNorm = clipNorm;
    this.noiseMultiplier = noiseMultiplier;
    this.noise = noise;
    this.manager = parameters.get(0).getArray().getManager().newSubManager();
    for (Parameter p : parameters) {
      NDArray z = manager.zeros(p.getArray().getShape(), p.getArray().getDataType());
      sums.add(z);
    }
    defineGradients();
    clearGradients();
  }

  /**
   * Makes sure every parameter has a gradient tensor to write into: before its first backward pass
   * a PyTorch parameter has none, and a step whose Poisson batch happened to be empty must still
   * apply its noise. A backward pass of zero times the parameters creates them (as zeros).
   */
  private void defineGradients() {
    try (NDManager tmp = manager.newSubManager();
        GradientCollector gc = manager.getEngine().newGradientCollector()) {
      NDArray total = null;
      for (Parameter p : parameters) {
        NDArray part = Scalars.mul(p.getArray().sum(), 0.0);
        part.attach(tmp);
        total = total == null ? part : total.add(part);
        total.attach(tmp);
      }
      gc.backward(total);
    }
  }

  /** Sets every parameter's gradient to zero. */
  public void clearGradients() {
    for (Parameter p : parameters) {
      NDArray g = p.getArray().getGradient();
      Scalars.mulInPlace(g, 0.0);
      g.close();
    }
  }

  /**
   * Takes the gradient now held by the parameters as one example's: clips it into the sum and
   * clears it.
   *
   * @return the example's gradient norm before clipping
   */
  public double addExample() {
    double squared = 0;
    List<NDArray> grads = new ArrayList<>(parameters.size());
    for (Parameter p : parameters) {
      NDArray g = p.getArray().getGradient();
      grads.add(g);
      try (NDArray sq = g.square().sum()) {
        squared += sq.getFloat();
      }
    }
    double norm = Math.sqrt(squared);
    float scale = (float) Math.min(1.0, clipNorm / Math.max(norm, 1e-12));
    for (int i = 0; i < grads.size(); i++) {
      NDArray g = grads.get(i);
      try (NDArray scaled = Scalars.mul(g, scale)) {
        sums.get(i).addi(scaled);
      }
      // Clear in place: PyTorch accumulates into the same gradient on the next backward pass.
      Scalars.mulInPlace(g, 0.0);
      g.close();
    }
    examples++;
    return norm;
  }

  /** Examples added since the last release. */
  public int examples() {
    return examples;
  }

  /**
   * Writes (sum + noise) / expectedBatchSize into the parameters' gradients, runs the optimizer
   * step, clears the gradients and starts a new sum.
   *
   * @param expectedBatchSize q n for Poisson sampling (not the realised size, which is private)
   * @param optimizerStep applies the gradients to the parameters (e.g. {@code trainer::step})
   */
  public void release(double expectedBatchSize, Runnable optimizerStep) {
    write(expectedBatchSize);
    optimizerStep.run();
    clearGradients();
  }

  /** Writes the noisy mean into the gradients without stepping (for inspection and tests). */
  void write(double expectedBatchSize) {
    if (!(expectedBatchSize > 0)) {
      throw new IllegalArgumentException("expected batch size must be positive");
    }
    float inv = (float) (1.0 / expectedBatchSize);
    double std = noiseMultiplier * clipNorm;
    for (int i = 0; i < parameters.size(); i++) {
      NDArray sum = sums.get(i);
      if (std > 0) {
        float[] z = noise.draw((int) sum.size(), std);
        try (NDArray n = manager.create(z, sum.getShape())) {
          sum.addi(n);
        }
      }
      NDArray g = parameters.get(i).getArray().getGradient();
      Scalars.mulInPlace(Scalars.mulInPlace(g, 0.0).addi(sum), inv);
      g.close();
      Scalars.mulInPlace(sum, 0.0);
    }
    examples = 0;
  }

  @Override
  public void close() {
    manager.close();
  }
}
