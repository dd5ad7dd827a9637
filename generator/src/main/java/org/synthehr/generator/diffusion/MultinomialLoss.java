package org.synthehr.generator.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.synthehr.generator.codec.OutputSpan;
import org.synthehr.generator.codec.SpanActivation;
import org.synthehr.generator.deep.AlignedArrays;
import org.synthehr.generator.deep.SpanSoftmax;

/**
 * The model side of the multinomial loss, for a whole batch at once: from the class logits, the
 * model's posterior {@code p(x_{t−1} | x_t) ∝ A ⊙ (c₁ softmax(logits) + c₀)} per block, where
 * {@code A = α_t x_t + (1−α_t)/K} (the one-step factor), {@code c₁ = ᾱ_{t−1}} and
 * {@code c₀ = (1−ᾱ_{t−1})/K} (a tiny floor at t = 0, where the bracket is the prediction itself),
 * and then {@code Σ q log p} against the true posterior q.
 *
 * <p>Everything is in log space, as in the reference: {@code log(c₁ p + c₀)} is a log-add-exp of
 * the log-softmax and {@code log c₀}, so no gradient passes through a {@code 1/u} of a vanishing
 * probability (which in probability space overflows once the network grows confident). Every
 * {@code log u} is at least about −65 (c₀ and A are bounded below), so the per-block normaliser
 * {@code log Σ exp(log u)} needs no shift. Softmax and per-block sums are whole-width operations
 * (products with a 0/1 block indicator), so the cost does not grow with the number of blocks.
 */
final class MultinomialLoss implements AutoCloseable {
  private final NDManager manager;
  private final SpanSoftmax softmax;
  private final NDArray indicator;
  private final NDArray indicatorT;

  /**
   * @param manager parent of the constants' manager
   * @param blockOffsets first one-hot position of each block
   * @param blockClasses classes of each block
   * @param width one-hot width
   */
  MultinomialLoss(NDManager manager, int[] blockOffsets, int[] blockClasses, int width) {
    this.manager = manager.newSubManager();
    int blocks = blockOffsets.length;
    List<OutputSpan> spans = new ArrayList<>();
    float[] ind = new float[width * blocks];
    for (int b = 0; b < blocks; b++) {
      spans.add(new OutputSpan(blockOffsets[b], blockClasses[b], SpanActivation.SOFTMAX, true));
      for (int j = 0; j < blockClasses[b]; j++) {
        ind[(blockOffsets[b] + j) * blocks + b] = 1f;
      }
    }
    this.softmax = new SpanSoftmax(this.manager, width, spans);
    this.indicator = AlignedArrays.create(this.manager, ind, new Shape(width, blocks));
    this.indicatorT = indicator.transpose();
  }

  /**
   * Σ over rows and positions of q ⊙ log p (differentiable in the logits).
   *
   * @param logits {@code rows × width} class logits of the clean value
   * @param q {@code rows × width} the true posterior
   * @param logA {@code rows × width} log of the one-step factor A
   * @param logC0 {@code rows × width} log c₀
   * @param logC1 {@code rows × 1} log c₁
   */
  NDArray crossEntropy(NDArray logits, NDArray q, NDArray logA, NDArray logC0, NDArray logC1) {
    NDArray logSoftmax = logits.sub(softmax.logSumExp(logits).matMul(indicatorT));
    NDArray weighted = logSoftmax.add(logC1);
    NDArray top = weighted.maximum(logC0);
    NDArray logMix = top.add(weighted.sub(logC0).abs().neg().exp().add(1f).log());
    NDArray logU = logMix.add(logA);
    NDArray logP = logU.sub(logU.exp().matMul(indicator).log().matMul(indicatorT));
    return q.mul(logP).sum();
  }

  @Override
  public void close() {
    manager.close();
  }
}
