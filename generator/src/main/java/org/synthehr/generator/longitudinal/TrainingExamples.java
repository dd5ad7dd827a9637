package org.synthehr.generator.longitudinal;

import static org.synthehr.generator.longitudinal.DiffusionShape.fill;
import static org.synthehr.generator.longitudinal.DiffusionShape.gaussian;
import static org.synthehr.generator.longitudinal.DiffusionShape.toSummary;
import static org.synthehr.generator.longitudinal.TrajectoryDiffusion.ONSET;
import static org.synthehr.generator.longitudinal.TrajectoryDiffusion.SPREAD;
import static org.synthehr.generator.longitudinal.TrajectoryDiffusion.SUMMARIES;

import java.util.SplittableRandom;
import org.synthehr.generator.longitudinal.TrajectoryDiffusion.TrainBatch;

/**
 * Training examples of the trajectory diffusion: a patient's entries on the diffusion scale, which
 * of them a training example gives (a new patient, a forecast from a history, an imputation), and
 * the noisy inputs and velocity targets of a batch.
 */
final class TrainingExamples {
  private final DiffusionShape shape;
  private final TrajectoryDiffusionOptions options;
  private final double[] alphaBar;

  TrainingExamples(DiffusionShape shape, TrajectoryDiffusionOptions options, double[] alphaBar) {
    this.shape = shape;
    this.options = options;
    this.alphaBar = alphaBar;
  }

  /**
   * A patient's entries on the diffusion scale. Where a variable is not charted, its value channel
   * carries the last charted value forward (0, the median, before the first charting): the network
   * then learns each variable as a level that persists between chartings, which keeps a patient's
   * sparse labs consistent with each other. Carrying forward only looks back, so a history cut at
   * any step is encoded exactly as in training.
   *
   * @param enc the encoded cohort
   * @param p the patient
   * @param stat out: static entries (staticWidth)
   * @param series out: series entries (steps x 2K: values then observation flags per step)
   */
  void entries(CohortCodec.Encoded enc, int p, float[] stat, float[] series) {
    for (int i = 0; i < shape.codecStaticWidth; i++) {
      float v = enc.statics()[p * shape.codecStaticWidth + i];
      stat[i] = shape.discreteStatic[i] ? 2 * v - 1 : v;
    }
    int cells = shape.steps * shape.variables;
    for (int k = 0; k < shape.variables; k++) {
      float carried = 0f;
      int count = 0;
      int onset = shape.steps;
      double sum = 0;
      double squares = 0;
      for (int t = 0; t < shape.steps; t++) {
        int src = p * cells + t * shape.variables + k;
        boolean observed = enc.mask()[src] > 0;
        carried = observed ? enc.values()[src] : carried;
        series[t * 2 * shape.variables + k] = carried;
        series[t * 2 * shape.variables + shape.variables + k] = observed ? 1f : -1f;
        if (observed) {
          onset = Math.min(onset, t);
          count++;
          sum += carried;
          squares += (double) carried * carried;
        }
      }
      double mean = count == 0 ? 0 : sum / count;
      double sd = count == 0 ? 0 : Math.sqrt(Math.max(0, squares / count - mean * mean));
      stat[shape.codecStaticWidth + SUMMARIES * k] = toSummary((double) count / shape.steps);
      stat[shape.codecStaticWidth + SUMMARIES * k + SPREAD] = toSummary(Math.min(1, sd));
      stat[shape.codecStaticWidth + SUMMARIES * k + ONSET] =
          toSummary((double) onset / shape.steps);
    }
  }

  /** Assembles a training batch of the given patients, drawing patterns, levels and noise. */
  TrainBatch trainBatch(CohortCodec.Encoded enc, int[] patients, SplittableRandom rnd) {
    int sw = shape.seriesWidth();
    TrainBatch b = new TrainBatch(patients.length, sw, shape.staticWidth);
    float[] s0 = new float[shape.staticWidth];
    float[] x0 = new float[sw];
    boolean[] cs = new boolean[shape.staticWidth];
    boolean[] cx = new boolean[sw];
    boolean[] charted = new boolean[shape.variables];
    for (int r = 0; r < patients.length; r++) {
      entries(enc, patients[r], s0, x0);
      pattern(s0, x0, cs, cx, rnd);
      int level = rnd.nextInt(alphaBar.length);
      double a = Math.sqrt(alphaBar[level]);
      double sigma = Math.sqrt(1 - alphaBar[level]);
      TrajectoryDenoiser.stepEmbedding(level, b.stepEmb, r * TrajectoryDenoiser.STEP_EMBEDDING);
      for (int i = 0; i < shape.staticWidth; i++) {
        float eps = (float) gaussian(rnd);
        b.staticTarget[r * shape.staticWidth + i] = velocity(a, sigma, eps, s0[i]);
        fill(b.staticIn, r * 3 * shape.staticWidth, shape.staticWidth, i, cs[i], s0[i],
            (float) (a * s0[i] + sigma * eps));
        b.staticWeight[r * shape.staticWidth + i] = cs[i] ? 0f : shape.staticLossWeight[i];
      }
      int w = shape.stepWidth();
      java.util.Arrays.fill(charted, false);
      for (int t = 0; t < shape.steps; t++) {
        for (int c = 0; c < w; c++) {
          int i = t * w + c;
          float eps = (float) gaussian(rnd);
          b.seriesTarget[r * sw + i] = velocity(a, sigma, eps, x0[i]);
          fill(b.seriesIn, (r * shape.steps + t) * 3 * w, w, c, cx[i], x0[i],
              (float) (a * x0[i] + sigma * eps));
          if (c < shape.variables) {
            charted[c] |= x0[t * w + shape.variables + c] > 0;
          }
          // Before a variable's first charting its value channel holds no information.
          boolean nothingToCarry = c < shape.variables && !charted[c];
          b.seriesWeight[r * sw + i] = cx[i] ? 0f
              : nothingToCarry ? (float) options.unobservedWeight() : 1f;
        }
      }
    }
    return b;
  }

  private static float velocity(double signal, double noise, float eps, float clean) {
    return (float) (signal * eps - noise * clean);
  }

  /** Draws which entries of a training example are given. */
  private void pattern(float[] s0, float[] x0, boolean[] cs, boolean[] cx, SplittableRandom rnd) {
    java.util.Arrays.fill(cs, false);
    java.util.Arrays.fill(cx, false);
    double u = rnd.nextDouble();
    int w = shape.stepWidth();
    if (u < options.unconditionalShare()) {
      return;
    }
    if (u < options.unconditionalShare() + options.forecastShare()) {
      System.arraycopy(shape.baseline, 0, cs, 0, shape.staticWidth);
      int cut = 1 + rnd.nextInt(shape.steps - 1);
      java.util.Arrays.fill(cx, 0, cut * w, true);
      return;
    }
    java.util.Arrays.fill(cs, 0, shape.codecStaticWidth, true);
    double keep = 0.2 + 0.7 * rnd.nextDouble();
    for (int t = 0; t < shape.steps; t++) {
      for (int k = 0; k < shape.variables; k++) {
        cx[t * w + shape.variables + k] = true;
        // Only charted values are given: a carried value would leak the charted value it carries.
        boolean observed = x0[t * w + shape.variables + k] > 0;
        cx[t * w + k] = observed && rnd.nextDouble() < keep;
      }
    }
  }
}
