package org.synthehr.evaluator.stats;

import java.util.Arrays;
import java.util.Objects;
import org.synthehr.core.schema.ColumnKind;

/**
 * The cells of a numeric column. Cut points c<sub>0</sub> &lt; ... &lt; c<sub>k-1</sub> come from the
 * real column (every distinct value when there are at most {@code maxCuts}, else that many
 * quantiles, always including the minimum and maximum). A value falls in one of 2k+1 cells: below
 * c<sub>0</sub>, exactly at a cut, strictly between two cuts, or above c<sub>k-1</sub>. Counting the
 * point cells apart from the open cells is what makes KS exact whenever the real column's distinct
 * values are all cuts (see {@link org.synthehr.evaluator.fidelity.MarginalDistances}).
 *
 * <p>Pairs use coarser codes: the 10 equal-width bins of the real range of REFERENCE.md's quality
 * score (values outside the range clamp to the end bins) plus a missing code, and for rank
 * correlation up to {@value #RANK_CUTS} real quantile cuts.
 */
public final class NumericPlan implements ColumnPlan {
  private static final long serialVersionUID = 1L;
  /** Cut points kept for the marginal cells when the real column has more distinct values. */
  public static final int DEFAULT_MAX_CUTS = 2048;
  /** Cut points for the rank (Spearman) table of a numeric pair. */
  public static final int RANK_CUTS = 64;
  /** Equal-width bins of the real range in pair contingency tables (REFERENCE.md). */
  public static final int TREND_BINS = 10;

  private final String name;
  private final ColumnKind kind;
  private final double[] cuts;
  private final double[] rankCuts;
  private final double min;
  private final double max;

  /**
   * @param cuts strictly increasing cut points
   * @param rankCuts strictly increasing cut points for rank tables
   * @param min smallest real value (NaN when the real column has no values)
   * @param max largest real value (NaN when none)
   */
  public NumericPlan(String name, ColumnKind kind, double[] cuts, double[] rankCuts, double min,
      double max) {
    this.name = Objects.requireNonNull(name);
    this.kind = kind;
    this.cuts = cuts.clone();
    this.rankCuts = rankCuts.clone();
    this.min = min;
    this.max = max;
    for (int i = 1; i < cuts.length; i++) {
      if (!(cuts[i] > cuts[i - 1])) {
        throw new IllegalArgumentException("cuts of " + name + " must increase strictly");
      }
    }
  }

  /** The plan of a real column's observed values (any order, no NaN). */
  public static NumericPlan fromValues(String name, ColumnKind kind, double[] observed,
      int maxCuts) {
    double[] sorted = observed.clone();
    Arrays.sort(sorted);
    double[] distinct = distinct(sorted);
    double[] cuts = distinct.length <= maxCuts ? distinct : quantiles(sorted, maxCuts);
    double[] rank = distinct.length <= RANK_CUTS ? distinct : quantiles(sorted, RANK_CUTS);
    double lo = sorted.length == 0 ? Double.NaN : sorted[0];
    double hi = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    return new NumericPlan(name, kind, cuts, rank, lo, hi);
  }

  private static double[] distinct(double[] sorted) {
    int n = 0;
    double[] out = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        out[n++] = sorted[i];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** At most {@code count} order statistics at evenly spaced ranks, first and last included. */
  private static double[] quantiles(double[] sorted, int count) {
    double[] out = new double[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      double v = sorted[(int) Math.round((double) i * (sorted.length - 1) / (count - 1))];
      if (n == 0 || v > out[n - 1]) {
        out[n++] = v;
      }
    }
    return Arrays.copyOf(out, n);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnKind kind() {
    return kind;
  }

  /** A copy of the cut points. */
  public double[] cuts() {
    return cuts.clone();
  }

  /** Number of cut points k (the column has 2k+1 cells). */
  public int cutCount() {
    return cuts.length;
  }

  /** The cut at position i. */
  public double cut(int i) {
    return cuts[i];
  }

  /** Number of marginal cells, 2k+1. */
  public int cellCount() {
    return 2 * cuts.length + 1;
  }

  /** The marginal cell of an observed value: 2j+1 at cut j, 2j strictly below cut j (and above j-1). */
  public int cell(double v) {
    return cellOf(cuts, v);
  }

  /** Number of rank cells. */
  public int rankCellCount() {
    return 2 * rankCuts.length + 1;
  }

  /** The rank cell of an observed value. */
  public int rankCell(double v) {
    return cellOf(rankCuts, v);
  }

  private static int cellOf(double[] cuts, double v) {
    int i = Arrays.binarySearch(cuts, v);
    return i >= 0 ? 2 * i + 1 : 2 * (-i - 1);
  }

  /** Smallest real value, NaN when the real column is empty. */
  public double min() {
    return min;
  }

  /** Largest real value, NaN when the real column is empty. */
  public double max() {
    return max;
  }

  @Override
  public int pairLevels() {
    return TREND_BINS + 1;
  }

  /** The pair code of a value: its bin of the real range, or {@value #TREND_BINS} when missing. */
  public int pairCode(double v) {
    if (Double.isNaN(v)) {
      return TREND_BINS;
    }
    double width = (max - min) / TREND_BINS;
    if (!(width > 0)) {
      return 0;
    }
    return (int) Math.max(0, Math.min(TREND_BINS - 1, Math.floor((v - min) / width)));
  }

  @Override
  public NumericStatistics emptyStatistics() {
    return new NumericStatistics(cellCount());
  }
}
