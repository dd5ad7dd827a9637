package org.synthehr.generator.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.generator.codec.OutputSpan;
import org.synthehr.generator.codec.SpanActivation;

/**
 * The output activations of networks that emit encoded rows: tanh on scalar positions, softmax on
 * one-hot spans, all spans at once (see {@link SpanSoftmax}).
 */
public final class SpanOps {
  private final List<OutputSpan> spans;
  private final SpanSoftmax softmax;
  private final int width;
  private final ai.djl.ndarray.index.NDIndex[] slices;

  /**
   * @param manager owns the constant matrices (must outlive every use)
   * @param width encoded row width
   * @param spans the codec's spans
   */
  public SpanOps(NDManager manager, int width, List<OutputSpan> spans) {
    this.spans = List.copyOf(spans);
    this.width = width;
    this.softmax = new SpanSoftmax(manager, width, spans.stream()
        .filter(s -> s.activation() == SpanActivation.SOFTMAX).toList());
    this.slices = new ai.djl.ndarray.index.NDIndex[spans.size()];
    for (int i = 0; i < spans.size(); i++) {
      slices[i] = new ai.djl.ndarray.index.NDIndex().addAllDim()
          .addSliceDim(spans.get(i).offset(), spans.get(i).end());
    }
  }

  /** Width of an encoded row. */
  public int width() {
    return width;
  }

  /** The softmax over all one-hot spans. */
  public SpanSoftmax softmax() {
    return softmax;
  }

  /**
   * Training activations: tanh on scalars and Gumbel-softmax with temperature {@code tau} on
   * one-hot spans (differentiable samples of a category).
   *
   * @param raw {@code rows × width} network outputs
   * @param exponential {@code rows × width} standard exponential noise from
   *     {@link #exponentialNoise}; -log of it is standard Gumbel noise, taken here by PyTorch's
   *     vectorised logarithm (the JVM's costs more than the rest of the batch assembly)
   */
  public NDArray gumbelSoftmax(NDArray raw, NDArray exponential, float tau) {
    NDArray y = softmax.softmax(Scalars.mul(raw.sub(exponential.log()), 1f / tau));
    return y.add(raw.tanh().mul(softmax.outside()));
  }

  /**
   * Sampling activations (no gradient): tanh on scalars, category probabilities on one-hot spans,
   * span by span (with large sampling batches the per-span calls cost nothing, and no JVM pass is
   * needed for the shift).
   */
  public NDArray probabilities(NDArray raw) {
    List<NDArray> parts = new java.util.ArrayList<>(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      NDArray piece = raw.get(slices[i]);
      parts.add(spans.get(i).activation() == SpanActivation.TANH ? piece.tanh()
          : piece.softmax(1));
    }
    return parts.size() == 1 ? parts.get(0)
        : ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), 1);
  }

  /**
   * Fills the one-hot positions of {@code rows} encoded rows with standard exponential noise (1 at
   * scalar positions, where it is not used), for {@link #gumbelSoftmax}.
   */
  public void exponentialNoise(SplittableRandom random, float[] out, int rows) {
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      for (OutputSpan s : spans) {
        if (s.activation() == SpanActivation.SOFTMAX) {
          JvmNoise.exponential(random, out, base + s.offset(), s.width());
        } else {
          java.util.Arrays.fill(out, base + s.offset(), base + s.end(), 1f);
        }
      }
    }
  }
}
