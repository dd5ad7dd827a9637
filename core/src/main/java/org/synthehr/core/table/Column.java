package org.synthehr.core.table;

/**
 * One column of a {@link Table}: values plus a missing-value mask. Implementations are immutable;
 * accessors that return arrays return copies unless named {@code ...View}.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn, StringColumn {
  /** Column name. */
  String name();

  /** Number of rows. */
  int size();

  /** Whether the value in this row is missing. */
  boolean isMissing(int row);

  /** Number of missing rows. */
  int missingCount();

  /** The same column restricted to these rows, in this order. */
  Column take(int[] rows);
}
