package org.synthehr.core.table;

import java.util.Arrays;
import java.util.Objects;

/**
 * A column of raw strings: identifiers and free text, which are carried (e.g. to split by patient)
 * but never modelled or emitted. Null marks a missing value.
 */
public final class StringColumn implements Column {
  private final String name;
  private final String[] values;
  private final int missingCount;

  /** Takes ownership of {@code values}. */
  public StringColumn(String name, String[] values) {
    this.name = Objects.requireNonNull(name);
    this.values = values;
    this.missingCount = (int) Arrays.stream(values).filter(Objects::isNull).count();
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
    return values[row] == null;
  }

  @Override
  public int missingCount() {
    return missingCount;
  }

  /** The value in a row, or null. */
  public String get(int row) {
    return values[row];
  }

  @Override
  public StringColumn take(int[] rows) {
    String[] out = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new StringColumn(name, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StringColumn other && name.equals(other.name)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }
}
