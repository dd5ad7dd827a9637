package org.synthehr.evaluator.stats;

/**
 * Statistics of a numeric column under a {@link NumericPlan}: count and sum of values per cell (the
 * sums make Wasserstein distances exact within cells), moments, range, missing rows, and values that
 * could not be read as numbers (with one example for the error message).
 */
public final class NumericStatistics implements ColumnStatistics {
  private static final long serialVersionUID = 1L;
  private final long[] counts;
  private final double[] sums;
  private final Moments moments = new Moments();
  private long rows;
  private long missing;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long invalid;
  private String invalidExample;

  NumericStatistics(int cells) {
    counts = new long[cells];
    sums = new double[cells];
  }

  /** Counts an observed value in its cell. */
  public void add(int cell, double v) {
    rows++;
    counts[cell]++;
    sums[cell] += v;
    moments.add(v);
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
  }

  /** Counts a missing value. */
  public void addMissing() {
    rows++;
    missing++;
  }

  /** Counts a value that is not a number (it is also counted missing). */
  public void addInvalid(String raw) {
    addMissing();
    invalid++;
    if (invalidExample == null) {
      invalidExample = raw.length() > 40 ? raw.substring(0, 37) + "..." : raw;
    }
  }

  @Override
  public void merge(ColumnStatistics other) {
    NumericStatistics o = (NumericStatistics) other;
    for (int i = 0; i < counts.length; i++) {
      counts[i] += o.counts[i];
      sums[i] += o.sums[i];
    }
    moments.merge(o.moments);
    rows += o.rows;
    missing += o.missing;
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
    invalid += o.invalid;
    if (invalidExample == null) {
      invalidExample = o.invalidExample;
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public long missing() {
    return missing;
  }

  /** Observed (non-missing) values counted. */
  public long observed() {
    return rows - missing;
  }

  /** Count in a cell. */
  public long count(int cell) {
    return counts[cell];
  }

  /** Sum of the values in a cell. */
  public double sum(int cell) {
    return sums[cell];
  }

  /** Number of cells. */
  public int cellCount() {
    return counts.length;
  }

  public Moments moments() {
    return moments;
  }

  /** Smallest observed value (+inf when none). */
  public double min() {
    return min;
  }

  /** Largest observed value (-inf when none). */
  public double max() {
    return max;
  }

  /** Values that were not numbers. */
  public long invalid() {
    return invalid;
  }

  /** The first value that was not a number, or null. */
  public String invalidExample() {
    return invalidExample;
  }
}
