package org.synthehr.generator.codec;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The category chosen in every one-hot span of encoded rows: drawn from probabilities (one
 * uniform number per span and row, inverse CDF; equivalent in law to the reference's Gumbel-softmax
 * followed by argmax) or taken as the largest value. Choices are stored row by row, one per
 * softmax span in span order, and read by {@link ModeSpecificCodec#decode(float[], int, int[],
 * org.synthehr.core.schema.TableSchema)}.
 */
public final class SpanSampling {
  private SpanSampling() {}

  /** Number of softmax spans, i.e. choices per row. */
  public static int softmaxSpans(List<OutputSpan> spans) {
    int n = 0;
    for (OutputSpan s : spans) {
      n += s.activation() == SpanActivation.SOFTMAX ? 1 : 0;
    }
    return n;
  }

  /**
   * Draws each softmax span's position from the probabilities it holds.
   *
   * @param data {@code rows × width} values, row-major
   * @return {@code rows × softmaxSpans} chosen positions (0-based within each span)
   */
  public static int[] sample(float[] data, int rows, int width, List<OutputSpan> spans,
      SplittableRandom random) {
    int k = softmaxSpans(spans);
    int[] choices = new int[rows * k];
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      int c = r * k;
      for (OutputSpan s : spans) {
        if (s.activation() != SpanActivation.SOFTMAX) {
          continue;
        }
        int from = base + s.offset();
        int n = s.width();
        double total = 0;
        for (int j = 0; j < n; j++) {
          total += data[from + j];
        }
        double u = random.nextDouble() * total;
        int chosen = n - 1;
        double acc = 0;
        for (int j = 0; j < n - 1; j++) {
          acc += data[from + j];
          if (u < acc) {
            chosen = j;
            break;
          }
        }
        choices[c++] = chosen;
      }
    }
    return choices;
  }

  /** Takes each softmax span's largest value (first one on ties). */
  public static int[] argmax(float[] data, int rows, int width, List<OutputSpan> spans) {
    int k = softmaxSpans(spans);
    int[] choices = new int[rows * k];
    for (int r = 0; r < rows; r++) {
      int c = r * k;
      for (OutputSpan s : spans) {
        if (s.activation() == SpanActivation.SOFTMAX) {
          choices[c++] = ModeSpecificCodec.argmax(data, r * width + s.offset(), s.width());
        }
      }
    }
    return choices;
  }
}
