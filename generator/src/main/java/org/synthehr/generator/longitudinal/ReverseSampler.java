package org.synthehr.generator.longitudinal;

import static org.synthehr.generator.longitudinal.DiffusionShape.fill;
import static org.synthehr.generator.longitudinal.DiffusionShape.gaussian;

import java.util.SplittableRandom;
import org.synthehr.generator.longitudinal.TrajectoryDiffusion.Condition;
import org.synthehr.generator.longitudinal.TrajectoryDiffusion.Denoiser;

/**
 * The reverse process of the trajectory diffusion: from noise to patients in a few DDIM steps,
 * keeping what each patient's condition gives, with each patient's noise drawn from its own seed
 * so that the result does not depend on batching.
 */
final class ReverseSampler {
  private final DiffusionShape shape;
  private final TrajectoryDiffusionOptions options;
  private final double[] alphaBar;

  ReverseSampler(DiffusionShape shape, TrajectoryDiffusionOptions options, double[] alphaBar) {
    this.shape = shape;
    this.options = options;
    this.alphaBar = alphaBar;
  }

  /**
   * Generates patients.
   *
   * @param conditions what is given per patient
   * @param seeds one seed per patient: its noise does not depend on batching
   * @param denoiser the network
   * @return per patient {static entries, series entries} on the diffusion scale
   */
  float[][][] sample(Condition[] conditions, long[] seeds, Denoiser denoiser) {
    int n = conditions.length;
    float[][][] out = new float[n][][];
    int batch = options.samplingBatch();
    int[] levels = samplingLevels();
    for (int from = 0; from < n; from += batch) {
      int rows = Math.min(batch, n - from);
      sampleBatch(conditions, seeds, from, rows, levels, denoiser, out);
    }
    return out;
  }

  private int[] samplingLevels() {
    int n = alphaBar.length;
    int m = options.samplingSteps();
    int[] levels = new int[m];
    for (int i = 0; i < m; i++) {
      levels[i] = (int) Math.round((double) (n - 1) * (m - 1 - i) / Math.max(1, m - 1));
    }
    return levels;
  }

  private void sampleBatch(Condition[] conditions, long[] seeds, int from, int rows, int[] levels,
      Denoiser denoiser, float[][][] out) {
    int sw = shape.seriesWidth();
    int w = shape.stepWidth();
    float[][] xs = new float[rows][shape.staticWidth];
    float[][] xx = new float[rows][sw];
    SplittableRandom[] rnd = new SplittableRandom[rows];
    for (int r = 0; r < rows; r++) {
      rnd[r] = new SplittableRandom(seeds[from + r]);
      for (int i = 0; i < shape.staticWidth; i++) {
        xs[r][i] = (float) gaussian(rnd[r]);
      }
      for (int i = 0; i < sw; i++) {
        xx[r][i] = (float) gaussian(rnd[r]);
      }
    }
    float[] seriesIn = new float[rows * sw * 3];
    float[] staticIn = new float[rows * shape.staticWidth * 3];
    float[] stepEmb = new float[rows * TrajectoryDenoiser.STEP_EMBEDDING];
    for (int li = 0; li < levels.length; li++) {
      int level = levels[li];
      for (int r = 0; r < rows; r++) {
        Condition c = conditions[from + r];
        TrajectoryDenoiser.stepEmbedding(level, stepEmb, r * TrajectoryDenoiser.STEP_EMBEDDING);
        for (int i = 0; i < shape.staticWidth; i++) {
          boolean given = c.statGiven() != null && c.statGiven()[i];
          fill(staticIn, r * 3 * shape.staticWidth, shape.staticWidth, i, given,
              given ? c.stat()[i] : 0f,
              xs[r][i]);
        }
        for (int t = 0; t < shape.steps; t++) {
          for (int ch = 0; ch < w; ch++) {
            int i = t * w + ch;
            boolean given = c.seriesGiven() != null && c.seriesGiven()[i];
            fill(seriesIn, (r * shape.steps + t) * 3 * w, w, ch, given,
                given ? c.series()[i] : 0f, xx[r][i]);
          }
        }
      }
      float[][] v = denoiser.predict(rows, seriesIn, staticIn, stepEmb);
      double ab = alphaBar[level];
      double abPrev = li + 1 < levels.length ? alphaBar[levels[li + 1]] : 1.0;
      boolean last = li + 1 == levels.length;
      double sigma = last ? 0 : options.eta() * Math.sqrt((1 - abPrev) / (1 - ab))
          * Math.sqrt(Math.max(0, 1 - ab / abPrev));
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < shape.staticWidth; i++) {
          xs[r][i] = step(xs[r][i], v[0][r * shape.staticWidth + i], ab, abPrev, sigma, last,
              shape.staticClip[i], rnd[r]);
        }
        for (int i = 0; i < sw; i++) {
          boolean flag = (i % w) >= shape.variables;
          xx[r][i] = step(xx[r][i], v[1][r * sw + i], ab, abPrev, sigma, last,
              flag ? 1.0 : 5.0, rnd[r]);
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      Condition c = conditions[from + r];
      if (c.statGiven() != null) {
        for (int i = 0; i < shape.staticWidth; i++) {
          xs[r][i] = c.statGiven()[i] ? c.stat()[i] : xs[r][i];
        }
      }
      if (c.seriesGiven() != null) {
        for (int i = 0; i < sw; i++) {
          xx[r][i] = c.seriesGiven()[i] ? c.series()[i] : xx[r][i];
        }
      }
      out[from + r] = new float[][] {xs[r], xx[r]};
    }
  }

  /** One DDIM step of an entry, with the clean estimate clipped to the entry's range. */
  private static float step(float x, float vHat, double ab, double abPrev, double sigma,
      boolean last, double clip, SplittableRandom rnd) {
    double x0 = Math.sqrt(ab) * x - Math.sqrt(1 - ab) * vHat;
    x0 = Math.max(-clip, Math.min(clip, x0));
    if (last) {
      return (float) x0;
    }
    double eps = (x - Math.sqrt(ab) * x0) / Math.sqrt(1 - ab);
    double dir = Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma));
    return (float) (Math.sqrt(abPrev) * x0 + dir * eps + sigma * gaussian(rnd));
  }
}
