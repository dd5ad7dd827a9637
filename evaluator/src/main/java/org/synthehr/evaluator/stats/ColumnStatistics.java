package org.synthehr.evaluator.stats;

import java.io.Serializable;

/** Sufficient statistics of one column of one table; partial statistics merge exactly. */
public sealed interface ColumnStatistics extends Serializable
    permits NumericStatistics, CategoricalStatistics {
  /** Rows counted (missing included). */
  long rows();

  /** Rows whose value is missing. */
  long missing();

  /** Adds another partial of the same column and plan into this one. */
  void merge(ColumnStatistics other);

  /** Share of rows missing, 0 when there are no rows. */
  default double missingRate() {
    return rows() == 0 ? 0 : (double) missing() / rows();
  }
}
