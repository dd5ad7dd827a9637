package org.synthehr.generator.diffusion;

import java.util.SplittableRandom;

/**
 * The multinomial diffusion of Hoogeboom et al. (2021) for one categorical column of K classes,
 * the categorical half of TabDDPM. Forward: {@code q(x_t | x_0) = Cat(ᾱ_t x_0 + (1 − ᾱ_t)/K)},
 * i.e. keep the class with probability ᾱ_t, else draw one uniformly. Reverse: for any earlier step
 * s &lt; t,
 *
 * <pre>
 *   q(x_s | x_t, x_0) ∝ [ᾱ_{t|s} x_t + (1 − ᾱ_{t|s})/K] ⊙ [ᾱ_s x_0 + (1 − ᾱ_s)/K],  ᾱ_{t|s} = ᾱ_t/ᾱ_s
 * </pre>
 *
 * which for s = t − 1 is the one-step posterior the model is trained on, and for larger jumps lets
 * a sampler skip steps. As in the reference implementation, the model's reverse step plugs its
 * predicted class probabilities in for x_0. Training minimises KL(q(x_{t−1}|x_t,x_0) ‖
 * p(x_{t−1}|x_t)) at t &gt; 0 and −log p(x_0|x_1) at t = 0 (where q is x_0 itself).
 */
public final class MultinomialDiffusion {
  private MultinomialDiffusion() {}

  /** A draw of x_t given x_0 = {@code clean}: the class kept with probability ᾱ, else uniform. */
  public static int noisy(int clean, int classes, double alphaBar, SplittableRandom random) {
    return random.nextDouble() < alphaBar ? clean : random.nextInt(classes);
  }

  /**
   * The posterior q(x_s | x_t, x_0) over the K classes, written into {@code out}.
   *
   * @param x0 the clean class as probabilities (a one-hot, or a model's prediction) in
   *     {@code x0[0..classes)}
   * @param classes K
   * @param xt the class at step t
   * @param alphaBarT ᾱ_t
   * @param alphaBarS ᾱ_s (1 when s is the clean data)
   */
  public static void posterior(double[] x0, int classes, int xt, double alphaBarT,
      double alphaBarS, double[] out) {
    int k = classes;
    double keep = alphaBarT / alphaBarS;
    double total = 0;
    for (int c = 0; c < k; c++) {
      double fromT = (c == xt ? keep : 0) + (1 - keep) / k;
      double fromX0 = alphaBarS * x0[c] + (1 - alphaBarS) / k;
      out[c] = fromT * fromX0;
      total += out[c];
    }
    for (int c = 0; c < k; c++) {
      out[c] /= total;
    }
  }

  /** KL(q ‖ p) of two distributions over classes 0..classes−1 (0 · log 0 = 0). */
  public static double kl(double[] q, double[] p, int classes) {
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      if (q[c] > 0) {
        sum += q[c] * Math.log(q[c] / p[c]);
      }
    }
    return sum;
  }

  /**
   * KL(q(x_{T−1} | x_0) ‖ uniform) for a one-hot x_0: the prior term of the bound, a constant of
   * the data (the same for every class).
   */
  public static double priorKl(int classes, double alphaBarLast) {
    double noise = (1 - alphaBarLast) / classes;
    double hit = alphaBarLast + noise;
    double sum = hit * Math.log(hit * classes);
    if (noise > 0) {
      sum += (classes - 1) * noise * Math.log(noise * classes);
    }
    return sum;
  }

  /**
   * The one-step posterior q(x_{t−1} | x_t, x_0) for a known clean class, written as floats into
   * {@code out[at..at+classes)}: the same numbers as {@link #posterior} with a one-hot x_0 (at
   * t = 0, x_0 itself), computed from its at most three distinct values (the clean class, the noisy
   * class, all others), which training needs for every block of every row.
   *
   * @param alpha α_t
   * @param alphaBarPrevious ᾱ_{t−1} (1 at t = 0)
   * @return Σ q log q
   */
  static double oneHotPosterior(int classes, int clean, int noisy, boolean first, double alpha,
      double alphaBarPrevious, float[] out, int at) {
    if (first) {
      java.util.Arrays.fill(out, at, at + classes, 0f);
      out[at + clean] = 1f;
      return 0;
    }
    double aSame = alpha + (1 - alpha) / classes;
    double aOther = (1 - alpha) / classes;
    double bHit = alphaBarPrevious + (1 - alphaBarPrevious) / classes;
    double bOther = (1 - alphaBarPrevious) / classes;
    double rest = aOther * bOther;
    double atClean;
    double atNoisy;
    double total;
    int others;
    if (clean == noisy) {
      atClean = aSame * bHit;
      atNoisy = atClean;
      others = classes - 1;
      total = atClean + others * rest;
    } else {
      atClean = aOther * bHit;
      atNoisy = aSame * bOther;
      others = classes - 2;
      total = atClean + atNoisy + others * rest;
    }
    double qRest = rest / total;
    double qClean = atClean / total;
    double qNoisy = atNoisy / total;
    java.util.Arrays.fill(out, at, at + classes, (float) qRest);
    out[at + clean] = (float) qClean;
    out[at + noisy] = (float) qNoisy;
    double sum = qClean > 0 ? qClean * Math.log(qClean) : 0;
    if (clean != noisy && qNoisy > 0) {
      sum += qNoisy * Math.log(qNoisy);
    }
    if (others > 0 && qRest > 0) {
      sum += others * qRest * Math.log(qRest);
    }
    return sum;
  }

  /** Σ q log q of a distribution (0 · log 0 = 0). */
  static double negativeEntropy(double[] q, int from, int n) {
    double sum = 0;
    for (int c = from; c < from + n; c++) {
      if (q[c] > 0) {
        sum += q[c] * Math.log(q[c]);
      }
    }
    return sum;
  }
}
