package org.synthehr.generator.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.synthehr.generator.codec.OutputSpan;

/**
 * Softmax and log-sum-exp within each of a set of spans of a row, for all spans at once: sums over a
 * span are a product with a {@code width × spans} 0/1 indicator matrix, so the cost is a fixed
 * handful of full-width operations whatever the number of spans (slicing span by span, or gathering
 * them into a padded tensor, costs several times more in the backward pass). Each span is shifted
 * by its own maximum, computed on the JVM (it carries no gradient), so the exponentials neither
 * overflow nor underflow whatever the logits' range.
 */
public final class SpanSoftmax {
  private final int width;
  private final int spanCount;
  private final int[] offsets;
  private final int[] widths;
  private final NDArray indicator;
  private final NDArray indicatorT;
  private final NDArray inSpan;
  private final NDArray outside;
  // The shift arrays are only read by the subtraction/addition that consumes them, which runs at
  // once (CPU) or copies them (GPU), so one buffer per role serves every call.
  private final InputBuffers buffers = new InputBuffers();

  /**
   * @param manager owns the constant matrices (must outlive every use)
   * @param width row width
   * @param spans the spans (disjoint)
   */
  public SpanSoftmax(NDManager manager, int width, List<OutputSpan> spans) {
    this.width = width;
    this.spanCount = spans.size();
    this.offsets = new int[spanCount];
    this.widths = new int[spanCount];
    float[] ind = new float[width * Math.max(spanCount, 1)];
    float[] in = new float[width];
    float[] out = new float[width];
    java.util.Arrays.fill(out, 1f);
    for (int s = 0; s < spanCount; s++) {
      OutputSpan span = spans.get(s);
      offsets[s] = span.offset();
      widths[s] = span.width();
      for (int j = span.offset(); j < span.end(); j++) {
        ind[j * spanCount + s] = 1f;
        in[j] = 1f;
        out[j] = 0f;
      }
    }
    this.indicator = AlignedArrays.create(manager, ind, new Shape(width, Math.max(spanCount, 1)));
    this.indicatorT = indicator.transpose();
    this.inSpan = AlignedArrays.create(manager, in, new Shape(1, width));
    this.outside = AlignedArrays.create(manager, out, new Shape(1, width));
  }

  /** Number of spans. */
  public int spans() {
    return spanCount;
  }

  /** 1 inside the spans, 0 elsewhere ({@code 1 × width}). */
  public NDArray inSpan() {
    return inSpan;
  }

  /** 0 inside the spans, 1 elsewhere ({@code 1 × width}). */
  public NDArray outside() {
    return outside;
  }

  /** Per row and span the span's maximum ({@code rows × spans}). */
  float[] spanMax(float[] z, int rows) {
    float[] max = new float[rows * spanCount];
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      for (int s = 0; s < spanCount; s++) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = offsets[s]; j < offsets[s] + widths[s]; j++) {
          m = Math.max(m, z[base + j]);
        }
        max[r * spanCount + s] = m;
      }
    }
    return max;
  }

  /** The per-position shift: the span's maximum inside a span, the value itself outside. */
  private float[] shift(float[] z, float[] max, int rows) {
    float[] out = z.clone();
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      for (int s = 0; s < spanCount; s++) {
        float m = max[r * spanCount + s];
        for (int j = offsets[s]; j < offsets[s] + widths[s]; j++) {
          out[base + j] = m;
        }
      }
    }
    return out;
  }

  /**
   * Softmax within each span, 0 outside the spans; differentiable in {@code z}.
   *
   * @param z {@code rows × width}
   */
  public NDArray softmax(NDArray z) {
    int rows = (int) z.getShape().get(0);
    float[] values = z.toFloatArray();
    NDArray shift = buffers.upload(z.getManager(), 0, shift(values, spanMax(values, rows), rows),
        rows * width, new Shape(rows, width));
    NDArray e = z.sub(shift).exp().mul(inSpan);
    NDArray denominator = e.matMul(indicator).matMul(indicatorT).add(outside);
    return e.div(denominator);
  }

  /**
   * Per row and span, log Σ exp over the span ({@code rows × spans}); differentiable in the
   * logits.
   */
  public NDArray logSumExp(NDArray logits) {
    int rows = (int) logits.getShape().get(0);
    float[] values = logits.toFloatArray();
    float[] max = spanMax(values, rows);
    NDArray shift = buffers.upload(logits.getManager(), 0, shift(values, max, rows), rows * width,
        new Shape(rows, width));
    NDArray sums = logits.sub(shift).exp().mul(inSpan).matMul(indicator);
    return sums.log().add(buffers.upload(logits.getManager(), 1, max, rows * spanCount,
        new Shape(rows, spanCount)));
  }
}
