package org.synthehr.evaluator.fidelity;

import org.synthehr.evaluator.stats.CategoricalStatistics;
import org.synthehr.evaluator.stats.ColumnStatistics;
import org.synthehr.evaluator.stats.NumericPlan;
import org.synthehr.evaluator.stats.NumericStatistics;

/**
 * Distances between the marginal distributions of one column in two tables, computed from their
 * cell statistics (so they apply to in-memory and Spark-counted tables alike).
 *
 * <p>KS: the largest difference of the empirical CDFs after each cell. The reference table
 * ({@code a}, the real training data) has no values strictly between cuts when the plan holds every
 * distinct real value, so its CDF is flat inside an open cell while the other only rises: the supremum
 * inside the cell is at its ends, and the figure is exact. With quantile cuts the error is at most the
 * real mass inside one open cell (about 1/{@link NumericPlan#DEFAULT_MAX_CUTS}).
 *
 * <p>Wasserstein-1, ∫|F<sub>a</sub> − F<sub>b</sub>|: within each cell ∫F is exact from the cell's
 * count and sum (∫<sub>l</sub><sup>u</sup> F = F(l)(u − l) + Σ(u − x<sub>i</sub>)/n), so the figure is
 * exact wherever the two CDFs do not cross inside a cell, and a lower bound otherwise.
 */
public final class MarginalDistances {
  private MarginalDistances() {}

  /** KS statistic between the observed values of two tables; 1 when only one has values. */
  public static double ks(NumericStatistics a, NumericStatistics b) {
    long na = a.observed();
    long nb = b.observed();
    if (na == 0 || nb == 0) {
      return na == nb ? 0.0 : 1.0;
    }
    long ca = 0;
    long cb = 0;
    double d = 0;
    for (int c = 0; c < a.cellCount(); c++) {
      ca += a.count(c);
      cb += b.count(c);
      d = Math.max(d, Math.abs((double) ca / na - (double) cb / nb));
    }
    return d;
  }

  /** Wasserstein-1 distance in the column's units; NaN when either table has no observed value. */
  public static double wasserstein(NumericPlan plan, NumericStatistics a, NumericStatistics b) {
    long na = a.observed();
    long nb = b.observed();
    int k = plan.cutCount();
    if (na == 0 || nb == 0 || k == 0) {
      return na == nb && na > 0 ? 0.0 : Double.NaN;
    }
    double total = 0;
    // Lower tail (-inf, c0): integral of F = sum over values of (c0 - x) / n.
    double c0 = plan.cut(0);
    total += Math.abs((a.count(0) * c0 - a.sum(0)) / na - (b.count(0) * c0 - b.sum(0)) / nb);
    double fa = (double) (a.count(0) + a.count(1)) / na;
    double fb = (double) (b.count(0) + b.count(1)) / nb;
    for (int j = 1; j < k; j++) {
      double lo = plan.cut(j - 1);
      double hi = plan.cut(j);
      int open = 2 * j;
      double ia = fa * (hi - lo) + (a.count(open) * hi - a.sum(open)) / na;
      double ib = fb * (hi - lo) + (b.count(open) * hi - b.sum(open)) / nb;
      total += Math.abs(ia - ib);
      fa += (double) (a.count(open) + a.count(open + 1)) / na;
      fb += (double) (b.count(open) + b.count(open + 1)) / nb;
    }
    // Upper tail (c_{k-1}, inf): integral of 1 - F = sum over values of (x - c_{k-1}) / n.
    double cl = plan.cut(k - 1);
    int last = 2 * k;
    total += Math.abs((a.sum(last) - a.count(last) * cl) / na - (b.sum(last) - b.count(last) * cl)
        / nb);
    return total;
  }

  /**
   * Total variation distance ½Σ|p − q| between two discrete columns, missing as its own category and
   * invented values (zero real mass) pooled; 0 when both are empty.
   */
  public static double tvd(CategoricalStatistics a, CategoricalStatistics b) {
    if (a.rows() == 0 || b.rows() == 0) {
      return a.rows() == b.rows() ? 0.0 : 1.0;
    }
    double na = a.rows();
    double nb = b.rows();
    double s = Math.abs(a.missing() / na - b.missing() / nb)
        + Math.abs(a.invented() / na - b.invented() / nb);
    long[] ca = a.counts();
    long[] cb = b.counts();
    for (int i = 0; i < ca.length; i++) {
      s += Math.abs(ca[i] / na - cb[i] / nb);
    }
    return s / 2;
  }

  /** Absolute difference of the shares of rows missing. */
  public static double missingRateDifference(ColumnStatistics a, ColumnStatistics b) {
    return Math.abs(a.missingRate() - b.missingRate());
  }

  /** Share of real categories (count &gt; 0 in {@code real}) that occur in {@code other}. */
  public static double coverage(CategoricalStatistics real, CategoricalStatistics other) {
    long[] r = real.counts();
    long[] o = other.counts();
    int present = 0;
    int covered = 0;
    for (int i = 0; i < r.length; i++) {
      if (r[i] > 0) {
        present++;
        if (o[i] > 0) {
          covered++;
        }
      }
    }
    return present == 0 ? 1.0 : (double) covered / present;
  }

  /** Share of observed values in {@code other} that the real data never has. */
  public static double inventedShare(CategoricalStatistics other) {
    return other.observed() == 0 ? 0.0 : (double) other.invented() / other.observed();
  }
}
