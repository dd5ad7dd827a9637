package org.synthehr.generator.dp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Rényi-DP accountant: the privacy spent by compositions of sampled Gaussian steps, tracked as
 * RDP at a grid of orders (RDP composes by addition) and converted to (epsilon, delta)-DP at the
 * best order. Immutable: {@link #compose} returns a new accountant.
 *
 * <p>Two conversions are offered. {@link Conversion#CLASSIC} is Mironov's
 * {@code eps = rdp - log(delta) / (alpha - 1)} ("Rényi Differential Privacy", 2017, Prop. 3), which
 * TensorFlow Privacy used until 2020 and Abadi et al.'s moments accountant matches.
 * {@link Conversion#IMPROVED} (the default) is the tighter
 * {@code eps = rdp + log(1 - 1/alpha) - log(delta * alpha) / (alpha - 1)} of Balle et al.,
 * "Hypothesis Testing Interpretations and Rényi Differential Privacy" (2020, Thm. 21), used by
 * TensorFlow Privacy's dp_accounting and Opacus today.
 */
public final class RdpAccountant {
  /** Orders a default accountant tracks: fine near 1, then integers, then a few large ones. */
  public static final double[] DEFAULT_ORDERS = defaultOrders();

  /** How RDP converts to (epsilon, delta)-DP. */
  public enum Conversion {
    /** Mironov 2017, Proposition 3. */
    CLASSIC,
    /** Balle et al. 2020, Theorem 21 (tighter; the default). */
    IMPROVED
  }

  /**
   * An epsilon with the order that gave it.
   *
   * @param epsilon the epsilon at the requested delta
   * @param order the Rényi order at which it was reached
   */
  public record Epsilon(double epsilon, double order) {}

  private final double[] orders;
  private final double[] rdp;

  private RdpAccountant(double[] orders, double[] rdp) {
    this.orders = orders;
    this.rdp = rdp;
  }

  /** An accountant with nothing spent, over the default orders. */
  public static RdpAccountant empty() {
    return empty(DEFAULT_ORDERS);
  }

  /** An accountant with nothing spent, over the given orders (each > 1). */
  public static RdpAccountant empty(double[] orders) {
    for (double a : orders) {
      if (!(a > 1)) {
        throw new IllegalArgumentException("Rényi orders must be > 1, got " + a);
      }
    }
    return new RdpAccountant(orders.clone(), new double[orders.length]);
  }

  /** The orders tracked. */
  public double[] orders() {
    return orders.clone();
  }

  /** The accumulated RDP at each order. */
  public double[] rdp() {
    return rdp.clone();
  }

  /**
   * This accountant plus {@code steps} steps of the sampled Gaussian mechanism.
   *
   * @param q sampling probability (expected batch size / dataset size, Poisson sampling)
   * @param noiseMultiplier noise standard deviation over the clip norm
   */
  public RdpAccountant compose(double q, double noiseMultiplier, long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    double[] out = rdp.clone();
    for (int i = 0; i < orders.length; i++) {
      out[i] += steps * SampledGaussianRdp.rdp(q, noiseMultiplier, orders[i]);
    }
    return new RdpAccountant(orders, out);
  }

  /** An accountant over the same orders with the given accumulated RDP. */
  RdpAccountant withRdp(double[] accumulated) {
    if (accumulated.length != orders.length) {
      throw new IllegalArgumentException("one RDP value per order expected");
    }
    return new RdpAccountant(orders, accumulated.clone());
  }

  /** Epsilon at {@code delta} with the improved conversion. */
  public Epsilon epsilon(double delta) {
    return epsilon(delta, Conversion.IMPROVED);
  }

  /** Epsilon at {@code delta}: the smallest over the orders. */
  public Epsilon epsilon(double delta, Conversion conversion) {
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
    }
    double best = Double.POSITIVE_INFINITY;
    double bestOrder = orders.length == 0 ? Double.NaN : orders[0];
    for (int i = 0; i < orders.length; i++) {
      double eps = convert(orders[i], rdp[i], delta, conversion);
      if (eps < best) {
        best = eps;
        bestOrder = orders[i];
      }
    }
    return new Epsilon(Math.max(0, best), bestOrder);
  }

  static double convert(double alpha, double r, double delta, Conversion conversion) {
    if (Double.isInfinite(r)) {
      return Double.POSITIVE_INFINITY;
    }
    if (conversion == Conversion.CLASSIC) {
      return r - Math.log(delta) / (alpha - 1);
    }
    if (delta * delta + Math.expm1(-r) > 0) {
      // delta <= sqrt(1 - exp(-KL)) already: the mechanism is (0, delta)-DP.
      return 0;
    }
    if (alpha <= 1.01) {
      // The bound is numerically unstable as alpha -> 1 (and never the best there).
      return Double.POSITIVE_INFINITY;
    }
    return r + Math.log1p(-1 / alpha) - Math.log(delta * alpha) / (alpha - 1);
  }

  /** Epsilon of DP-SGD in one call: {@code steps} steps at sampling rate q, delta. */
  public static double epsilon(double q, double noiseMultiplier, long steps, double delta) {
    return empty().compose(q, noiseMultiplier, steps).epsilon(delta).epsilon();
  }

  private static double[] defaultOrders() {
    List<Double> o = new ArrayList<>();
    for (int i = 1; i < 100; i++) {
      o.add(1 + i / 10.0);
    }
    for (int i = 11; i <= 64; i++) {
      o.add((double) i);
    }
    o.addAll(List.of(80.0, 96.0, 128.0, 192.0, 256.0, 512.0, 1024.0));
    double[] out = o.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(out);
    return out;
  }
}
