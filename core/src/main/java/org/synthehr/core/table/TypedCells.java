package org.synthehr.core.table;

import java.time.Instant;
import java.time.LocalDate;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.StorageType;

/**
 * The stored (typed) value of a cell: {@link String}, {@link Long}, {@link Double}, {@link Boolean},
 * {@link LocalDate} or {@link Instant} according to the column's storage type, or null when missing.
 * Parquet and Spark writers both use this, so their outputs agree.
 */
public final class TypedCells {
  private TypedCells() {}

  /** The Java value to store for a cell. */
  public static Object get(Table table, int row, int col) {
    Column column = table.column(col);
    if (column.isMissing(row)) {
      return null;
    }
    ColumnSpec spec = table.schema().columns().get(col);
    StorageType storage = spec.storage();
    if (column instanceof NumericColumn n) {
      double v = n.get(row);
      return switch (storage) {
        case INT64 -> Math.round(v);
        case DATE -> LocalDate.ofEpochDay(Math.floorDiv(Math.round(v), 86_400L));
        case TIMESTAMP -> Instant.ofEpochSecond((long) Math.floor(v),
            Math.round((v - Math.floor(v)) * 1e6) * 1000L);
        case STRING -> Values.formatNumber(v, spec.kind(), storage);
        case BOOLEAN -> v != 0.0;
        case DOUBLE -> v;
      };
    }
    String text = column instanceof CategoricalColumn c ? c.value(row) : ((StringColumn) column).get(row);
    return switch (storage) {
      case STRING -> text;
      case INT64 -> Math.round(Values.parseNumber(text));
      case DOUBLE -> Values.parseNumber(text);
      case BOOLEAN -> Values.booleanToken(text);
      case DATE -> LocalDate.ofEpochDay((long) (Values.parseDateTime(text) / 86_400L));
      case TIMESTAMP -> Instant.ofEpochSecond((long) Values.parseDateTime(text));
    };
  }
}
