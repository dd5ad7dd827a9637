package org.synthehr.generator.longitudinal;

import static org.synthehr.generator.longitudinal.TrajectoryDiffusion.SUMMARIES;

import java.util.SplittableRandom;

/**
 * The shapes of the trajectory diffusion: how a patient's entries are laid out (the codec's static
 * entries, then {@link TrajectoryDiffusion#SUMMARIES} summaries per variable; per grid step a value
 * and an observation channel per variable), which static entries are discrete, known at baseline
 * or weighed in the loss, and the scales every part of the process shares.
 */
final class DiffusionShape {
  final int codecStaticWidth;
  final int staticWidth;
  final int steps;
  final int variables;
  final double[] staticClip;
  final boolean[] discreteStatic;
  final boolean[] baseline;
  /** Per static entry, its weight in the loss when generated. */
  final float[] staticLossWeight;

  DiffusionShape(CohortCodec codec, TrajectoryDiffusionOptions options) {
    this.codecStaticWidth = codec.staticWidth();
    this.steps = codec.steps();
    this.variables = codec.variables();
    this.staticWidth = codecStaticWidth + SUMMARIES * variables;
    this.discreteStatic = new boolean[staticWidth];
    this.staticClip = new double[staticWidth];
    java.util.Arrays.fill(staticClip, 1.0);
    for (CohortCodec.Span s : codec.spans()) {
      for (int i = 0; i < s.width(); i++) {
        discreteStatic[s.offset() + i] = s.kind() != CohortCodec.SpanKind.CONTINUOUS;
        staticClip[s.offset() + i] = discreteStatic[s.offset() + i] ? 1.0 : 5.0;
      }
    }
    this.baseline = java.util.Arrays.copyOf(codec.baselineEntries(), staticWidth);
    this.staticLossWeight = new float[staticWidth];
    for (int i = 0; i < staticWidth; i++) {
      staticLossWeight[i] = i < codecStaticWidth && !baseline[i]
          ? (float) options.outcomeWeight() : 1f;
    }
  }

  /** Width of one grid step's entries (value and observation channel per variable). */
  int stepWidth() {
    return 2 * variables;
  }

  int seriesWidth() {
    return steps * stepWidth();
  }

  /** A share or onset summary as a whole number of steps. */
  int stepsOf(float summary) {
    return (int) Math.round(steps * fromSummary(summary));
  }

  static void fill(float[] in, int base, int width, int i, boolean given, float value,
      float noisy) {
    in[base + i] = given ? 0f : noisy;
    in[base + width + i] = given ? value : 0f;
    in[base + 2 * width + i] = given ? 1f : 0f;
  }

  /**
   * A share, spread or onset in [0, 1] on the summary scale [-1, 1]. The square root spreads the
   * small shares, spreads and onsets that most variables have.
   */
  static float toSummary(double x) {
    return (float) (2 * Math.sqrt(x) - 1);
  }

  /** The share, spread or onset of a summary-scale entry: the inverse of {@link #toSummary}. */
  static double fromSummary(float s) {
    double root = (s + 1) / 2.0;
    return root * root;
  }

  static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
