package org.synthehr.generator.codec;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a category for every one-hot span of encoded rows that hold probabilities, writing the
 * choice back as a one-hot: the JVM side of sampling from a network's softmax outputs. One uniform
 * number per span and row (inverse CDF), equivalent in law to the reference's Gumbel-softmax
 * followed by argmax.
 */
public final class SpanSampling {
  private SpanSampling() {}

  /**
   * Replaces each softmax span's probabilities by a one-hot sample of them.
   *
   * @param data {@code rows × width} values, row-major
   */
  public static void sampleOneHots(float[] data, int rows, int width, List<OutputSpan> spans,
      SplittableRandom random) {
    for (int r = 0; r < rows; r++) {
      int base = r * width;
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
        for (int j = 0; j < n; j++) {
          acc += data[from + j];
          if (u < acc) {
            chosen = j;
            break;
          }
        }
        for (int j = 0; j < n; j++) {
          data[from + j] = j == chosen ? 1f : 0f;
        }
      }
    }
  }
}
