package org.synthehr.evaluator.stats;

import java.io.Serializable;

/**
 * Count, mean and sum of squared deviations of a stream of values (Welford's update), merged with
 * Chan et al.'s formula, so partial moments from any partitioning combine to the same figures
 * without the cancellation of sum-of-squares formulas (dates are about 1e9 seconds).
 */
public final class Moments implements Serializable {
  private static final long serialVersionUID = 1L;
  private long n;
  private double mean;
  private double m2;

  /** Adds one value. */
  public void add(double v) {
    n++;
    double d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }

  /** Adds another partial. */
  public void merge(Moments o) {
    if (o.n == 0) {
      return;
    }
    if (n == 0) {
      n = o.n;
      mean = o.mean;
      m2 = o.m2;
      return;
    }
    long total = n + o.n;
    double d = o.mean - mean;
    mean += d * o.n / total;
    m2 += o.m2 + d * d * ((double) n * o.n / total);
    n = total;
  }

  public long count() {
    return n;
  }

  public double mean() {
    return n == 0 ? Double.NaN : mean;
  }

  /** Sum of squared deviations from the mean. */
  public double sumSquares() {
    return m2;
  }

  /** Population variance (divides by n). */
  public double variance() {
    return n == 0 ? Double.NaN : m2 / n;
  }

  /** Population standard deviation. */
  public double std() {
    return Math.sqrt(variance());
  }
}
