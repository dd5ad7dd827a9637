package org.synthehr.generator.diffusion;

import java.util.ArrayList;
import java.util.List;

/**
 * The cosine noise schedule of improved DDPM (Nichol and Dhariwal 2021), as TabDDPM uses it: over
 * {@code T} steps, {@code ᾱ(u) = cos²((u + 0.008) / 1.008 · π/2)} for u in [0, 1], each step's
 * {@code β_t = min(1 − ᾱ((t+1)/T) / ᾱ(t/T), 0.999)}, {@code α_t = 1 − β_t} and
 * {@code ᾱ_t = α_0 ⋯ α_t}. Steps are numbered 0 to T−1 as in the reference code; "step −1" is the
 * clean data ({@code ᾱ_{−1} = 1}).
 *
 * <p>The same schedule drives both halves of the model: the Gaussian part noises a value to
 * {@code √ᾱ_t x₀ + √(1−ᾱ_t) ε}; the multinomial part keeps a category with probability
 * {@code ᾱ_t} and otherwise draws one uniformly.
 */
public final class NoiseSchedule {
  /** The largest β (as in the reference): keeps ᾱ_{T−1} small but non-zero. */
  static final double MAX_BETA = 0.999;
  private static final double OFFSET = 0.008;

  private final double[] alphas;
  private final double[] alphaBars;

  private NoiseSchedule(double[] alphas) {
    this.alphas = alphas;
    this.alphaBars = new double[alphas.length];
    double product = 1;
    for (int t = 0; t < alphas.length; t++) {
      product *= alphas[t];
      alphaBars[t] = product;
    }
  }

  /** The cosine schedule over {@code steps} steps. */
  public static NoiseSchedule cosine(int steps) {
    if (steps < 2) {
      throw new IllegalArgumentException("a schedule needs at least 2 steps, got " + steps);
    }
    double[] alphas = new double[steps];
    for (int t = 0; t < steps; t++) {
      double beta = Math.min(1 - cumulative((t + 1.0) / steps) / cumulative((double) t / steps),
          MAX_BETA);
      alphas[t] = 1 - beta;
    }
    return new NoiseSchedule(alphas);
  }

  private static double cumulative(double u) {
    double c = Math.cos((u + OFFSET) / (1 + OFFSET) * Math.PI / 2);
    return c * c;
  }

  /** Number of steps T. */
  public int steps() {
    return alphas.length;
  }

  /** α_t: the share of the signal one step keeps. */
  public double alpha(int t) {
    return alphas[t];
  }

  /** ᾱ_t = α_0 ⋯ α_t; 1 for t = −1 (clean data). */
  public double alphaBar(int t) {
    return t < 0 ? 1.0 : alphaBars[t];
  }

  /**
   * The steps a sampler visits, from T−1 down to 0: all of them when {@code count >= T}, else
   * {@code count} steps spread evenly (T−1 and 0 always included). Sampling jumps from each to the
   * next, then from step 0 to the clean data.
   */
  public int[] samplingSteps(int count) {
    int t = steps();
    int n = Math.max(2, Math.min(count, t));
    List<Integer> out = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      int step = (int) Math.round((double) i * (t - 1) / (n - 1));
      if (out.isEmpty() || out.get(out.size() - 1) != step) {
        out.add(step);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
