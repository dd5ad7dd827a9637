package org.synthehr.evaluator.stats;

import java.io.Serializable;
import org.synthehr.core.schema.ColumnKind;

/**
 * How one column is summarised, fixed from the real (training) data before any table is counted, so
 * that real, holdout and synthetic statistics share their cells and can be compared cell by cell.
 */
public sealed interface ColumnPlan extends Serializable permits NumericPlan, CategoricalPlan {
  /** The column name. */
  String name();

  /** The column's semantic kind. */
  ColumnKind kind();

  /** Number of codes this column takes in a pair's contingency table (missing included). */
  int pairLevels();

  /** Empty statistics of this column. */
  ColumnStatistics emptyStatistics();
}
