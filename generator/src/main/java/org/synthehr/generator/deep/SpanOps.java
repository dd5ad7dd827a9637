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
   * @param gumbel {@code rows × width} standard Gumbel noise (ignored at tanh positions)
   */
  public NDArray gumbelSoftmax(NDArray raw, NDArray gumbel, float tau) {
    NDArray y = softmax.softmax(raw.add(gumbel).mul(1f / tau));
    return y.add(raw.tanh().mul(softmax.outside()));
  }

  /** Sampling activations: tanh on scalars, category probabilities on one-hot spans. */
  public NDArray probabilities(NDArray raw) {
    return softmax.softmax(raw).add(raw.tanh().mul(softmax.outside()));
  }

  /** Fills the one-hot positions of {@code rows} encoded rows with standard Gumbel noise. */
  public void gumbelNoise(SplittableRandom random, float[] out, int rows) {
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      for (OutputSpan s : spans) {
        if (s.activation() == SpanActivation.SOFTMAX) {
          JvmNoise.gumbel(random, out, base + s.offset(), s.width());
        }
      }
    }
  }
}
