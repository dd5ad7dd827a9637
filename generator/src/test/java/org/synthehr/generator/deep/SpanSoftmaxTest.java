package org.synthehr.generator.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.generator.codec.OutputSpan;
import org.synthehr.generator.codec.SpanActivation;

/** All-spans-at-once softmax and log-sum-exp agree with the span-by-span definitions. */
class SpanSoftmaxTest {
  private static final List<OutputSpan> SPANS = List.of(
      new OutputSpan(0, 1, SpanActivation.TANH, false),
      new OutputSpan(1, 3, SpanActivation.SOFTMAX, false),
      new OutputSpan(4, 2, SpanActivation.SOFTMAX, true),
      new OutputSpan(6, 1, SpanActivation.TANH, false),
      new OutputSpan(7, 5, SpanActivation.SOFTMAX, true));
  private static final int WIDTH = 12;

  /** Logits with very different ranges across spans (a naive shared shift would underflow). */
  private static float[] logits(int rows) {
    SplittableRandom r = new SplittableRandom(1);
    float[] z = new float[rows * WIDTH];
    for (int i = 0; i < z.length; i++) {
      int col = i % WIDTH;
      z[i] = (float) (r.nextGaussian() * 3 + (col >= 7 ? -300 : col >= 4 ? 250 : 0));
    }
    return z;
  }

  @Test
  void softmaxAndLogSumExpMatchTheDefinitions() {
    int rows = 5;
    float[] z = logits(rows);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      SpanSoftmax ss = new SpanSoftmax(m, WIDTH, SPANS.stream()
          .filter(s -> s.activation() == SpanActivation.SOFTMAX).toList());
      float[] p = ss.softmax(m.create(z, new Shape(rows, WIDTH))).toFloatArray();
      float[] lse = ss.logSumExp(m.create(z, new Shape(rows, WIDTH))).toFloatArray();
      for (int r = 0; r < rows; r++) {
        int s = 0;
        for (OutputSpan span : SPANS) {
          if (span.activation() == SpanActivation.TANH) {
            assertEquals(0f, p[r * WIDTH + span.offset()], "zero outside the spans");
            continue;
          }
          double max = Double.NEGATIVE_INFINITY;
          for (int j = span.offset(); j < span.end(); j++) {
            max = Math.max(max, z[r * WIDTH + j]);
          }
          double sum = 0;
          for (int j = span.offset(); j < span.end(); j++) {
            sum += Math.exp(z[r * WIDTH + j] - max);
          }
          double total = 0;
          for (int j = span.offset(); j < span.end(); j++) {
            double expected = Math.exp(z[r * WIDTH + j] - max) / sum;
            assertEquals(expected, p[r * WIDTH + j], 1e-5);
            total += p[r * WIDTH + j];
          }
          assertEquals(1.0, total, 1e-5);
          assertEquals(max + Math.log(sum), lse[r * ss.spans() + s], 1e-3);
          assertTrue(Float.isFinite(lse[r * ss.spans() + s]));
          s++;
        }
      }
    }
  }
}
