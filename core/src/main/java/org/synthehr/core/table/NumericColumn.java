package org.synthehr.core.table;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * A column of numbers (continuous, integer or datetime as epoch seconds). Missing rows hold NaN and
 * are set in the mask.
 */
public final class NumericColumn implements Column {
  private final String name;
  private final double[] values;
  private final BitSet missing;

  /** Takes ownership of {@code values}; NaN entries are the missing ones. */
  public NumericColumn(String name, double[] values) {
    this.name = Objects.requireNonNull(name);
    this.values = values;
    this.missing = new BitSet(values.length);
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        missing.set(i);
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isMissing(int row) {
    return missing.get(row);
  }

  @Override
  public int missingCount() {
    return missing.cardinality();
  }

  /** The value in a row (NaN when missing). */
  public double get(int row) {
    return values[row];
  }

  /** A copy of all values (NaN where missing). */
  public double[] toArray() {
    return values.clone();
  }

  /** The observed (non-missing) values, in row order. */
  public double[] observed() {
    double[] out = new double[values.length - missingCount()];
    int j = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        out[j++] = v;
      }
    }
    return out;
  }

  /** A copy of the missing mask. */
  public BitSet missingMask() {
    return (BitSet) missing.clone();
  }

  @Override
  public NumericColumn take(int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new NumericColumn(name, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericColumn other && name.equals(other.name)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }
}
