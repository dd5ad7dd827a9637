package org.synthehr.generator.deep;

import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.table.Table;

/** The checks every deep tabular model makes on its training table before any work. */
public final class TrainingTables {
  private TrainingTables() {}

  /**
   * The modelled columns of the training table (identifiers and text dropped).
   *
   * @throws InvalidInputException when no row or no modelled column is left
   */
  public static Table modelled(Table training) {
    Table table = training.modelled();
    if (table.rowCount() == 0 || table.columnCount() == 0) {
      throw new InvalidInputException(Problem.ofInput("training data", "has no rows or no modelled"
          + " columns", "give the model a table with at least one row and one non-identifier"
          + " column"));
    }
    return table;
  }
}
