package org.synthehr.evaluator.stats;

import java.io.Serializable;

/**
 * Means, variances and covariance of value pairs (rows where both are present), updated one pair at
 * a time and merged exactly like {@link Moments}: the sufficient statistics of Pearson's r.
 */
public final class CoMoments implements Serializable {
  private static final long serialVersionUID = 1L;
  private long n;
  private double meanX;
  private double meanY;
  private double m2x;
  private double m2y;
  private double cxy;

  /** Adds one pair. */
  public void add(double x, double y) {
    n++;
    double dx = x - meanX;
    meanX += dx / n;
    double dy = y - meanY;
    meanY += dy / n;
    m2x += dx * (x - meanX);
    m2y += dy * (y - meanY);
    cxy += dx * (y - meanY);
  }

  /** Adds another partial. */
  public void merge(CoMoments o) {
    if (o.n == 0) {
      return;
    }
    if (n == 0) {
      n = o.n;
      meanX = o.meanX;
      meanY = o.meanY;
      m2x = o.m2x;
      m2y = o.m2y;
      cxy = o.cxy;
      return;
    }
    long total = n + o.n;
    double f = (double) n * o.n / total;
    double dx = o.meanX - meanX;
    double dy = o.meanY - meanY;
    m2x += o.m2x + dx * dx * f;
    m2y += o.m2y + dy * dy * f;
    cxy += o.cxy + dx * dy * f;
    meanX += dx * o.n / total;
    meanY += dy * o.n / total;
    n = total;
  }

  public long count() {
    return n;
  }

  /**
   * Pearson's correlation, 0 when undefined (fewer than two pairs or a constant variable), clamped to
   * [-1, 1] against rounding.
   */
  public double pearson() {
    if (n < 2 || !(m2x > 1e-12 * n * Math.max(1, meanX * meanX))
        || !(m2y > 1e-12 * n * Math.max(1, meanY * meanY))) {
      return 0.0;
    }
    return Math.max(-1, Math.min(1, cxy / Math.sqrt(m2x * m2y)));
  }
}
