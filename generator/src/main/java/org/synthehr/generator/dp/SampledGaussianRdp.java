package org.synthehr.generator.dp;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Rényi differential privacy of one step of the sampled Gaussian mechanism: each record joins the
 * batch independently with probability q (Poisson sampling), the batch's summed, L2-clipped
 * contributions get Gaussian noise of standard deviation sigma times the clip norm. The RDP at
 * order alpha is {@code log(A_alpha) / (alpha - 1)}, with A_alpha computed exactly for integer
 * orders and by the convergent series for fractional ones, following Mironov, Talwar and Zhang,
 * "Rényi Differential Privacy of the Sampled Gaussian Mechanism" (2019), Sections 3.3 and 3.4 (the
 * computation TensorFlow Privacy and Opacus use).
 */
public final class SampledGaussianRdp {
  private SampledGaussianRdp() {}

  /**
   * RDP of one step at order {@code alpha}.
   *
   * @param q sampling probability in [0, 1]
   * @param sigma noise multiplier (noise standard deviation over the clip norm)
   * @param alpha Rényi order, > 1
   */
  public static double rdp(double q, double sigma, double alpha) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("sampling probability must be in [0, 1], got " + q);
    }
    if (!(alpha > 1)) {
      throw new IllegalArgumentException("Rényi order must be > 1, got " + alpha);
    }
    if (q == 0) {
      return 0;
    }
    if (sigma <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (Double.isInfinite(alpha)) {
      return Double.POSITIVE_INFINITY;
    }
    if (q == 1) {
      return alpha / (2 * sigma * sigma);
    }
    double logA = alpha == Math.rint(alpha) ? logAInteger(q, sigma, (long) alpha)
        : logAFractional(q, sigma, alpha);
    return logA / (alpha - 1);
  }

  /** log A_alpha for integer alpha: a finite binomial sum. */
  static double logAInteger(double q, double sigma, long alpha) {
    double logA = Double.NEGATIVE_INFINITY;
    double lq = Math.log(q);
    double l1q = Math.log1p(-q);
    for (long i = 0; i <= alpha; i++) {
      double logCoef = logBinomial(alpha, i) + i * lq + (alpha - i) * l1q;
      double s = logCoef + (i * (double) i - i) / (2 * sigma * sigma);
      logA = logAdd(logA, s);
    }
    return logA;
  }

  /** log A_alpha for fractional alpha: two alternating series, summed until terms vanish. */
  static double logAFractional(double q, double sigma, double alpha) {
    double logA0 = Double.NEGATIVE_INFINITY;
    double logA1 = Double.NEGATIVE_INFINITY;
    double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
    double lq = Math.log(q);
    double l1q = Math.log1p(-q);
    double logAbsCoef = 0;
    int sign = 1;
    for (int i = 0; ; i++) {
      if (i > 0) {
        // Generalised binomial coefficient C(alpha, i) = C(alpha, i-1) (alpha - i + 1) / i.
        double factor = (alpha - i + 1) / i;
        logAbsCoef += Math.log(Math.abs(factor));
        sign *= factor < 0 ? -1 : 1;
      }
      double j = alpha - i;
      double logT0 = logAbsCoef + i * lq + j * l1q;
      double logT1 = logAbsCoef + j * lq + i * l1q;
      double logE0 = Math.log(0.5) + logErfc((i - z0) / (Math.sqrt(2) * sigma));
      double logE1 = Math.log(0.5) + logErfc((z0 - j) / (Math.sqrt(2) * sigma));
      double logS0 = logT0 + (i * (double) i - i) / (2 * sigma * sigma) + logE0;
      double logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
      if (sign > 0) {
        logA0 = logAdd(logA0, logS0);
        logA1 = logAdd(logA1, logS1);
      } else {
        logA0 = logSub(logA0, logS0);
        logA1 = logSub(logA1, logS1);
      }
      if (Math.max(logS0, logS1) < -30 || i > 100_000) {
        break;
      }
    }
    return logAdd(logA0, logA1);
  }

  /** log(erfc(x)), accurate where erfc underflows (asymptotic series for large x). */
  static double logErfc(double x) {
    if (x < 20) {
      return Math.log(Erf.erfc(x));
    }
    double x2 = x * x;
    double series = 1 - 1 / (2 * x2) + 3 / (4 * x2 * x2) - 15 / (8 * x2 * x2 * x2)
        + 105 / (16 * x2 * x2 * x2 * x2);
    return -x2 - Math.log(x) - 0.5 * Math.log(Math.PI) + Math.log(series);
  }

  static double logBinomial(long n, long k) {
    return Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0);
  }

  static double logAdd(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double m = Math.max(a, b);
    return m + Math.log1p(Math.exp(Math.min(a, b) - m));
  }

  /** log(exp(a) - exp(b)) for a >= b. */
  static double logSub(double a, double b) {
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    if (a == b) {
      return Double.NEGATIVE_INFINITY;
    }
    if (a < b) {
      throw new ArithmeticException("logSub of a larger term: " + a + " < " + b);
    }
    return Math.log(Math.expm1(a - b)) + b;
  }
}
