package org.synthehr.spark.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.core.table.TableBuilder;
import org.synthehr.core.table.TypedCells;

/** Conversions between Spark datasets and in-memory {@link Table}s. */
public final class SparkTables {
  private SparkTables() {}

  /** The Spark type of each storage type. */
  public static DataType sparkType(ColumnSpec spec) {
    return switch (spec.storage()) {
      case STRING -> DataTypes.StringType;
      case INT64 -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
    };
  }

  /** The Spark schema of a table schema (all columns nullable). */
  public static StructType structType(TableSchema schema) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec c : schema.columns()) {
      fields.add(new StructField(c.name(), sparkType(c), true, Metadata.empty()));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** A schema of string columns with these names. */
  public static StructType stringSchema(List<String> names) {
    return new StructType(names.stream().map(n -> new StructField(n, DataTypes.StringType, true,
        Metadata.empty())).toArray(StructField[]::new));
  }

  /** The typed Spark rows of a table (values as {@link TypedCells} gives them). */
  public static List<Row> rows(Table table) {
    List<Row> out = new ArrayList<>(table.rowCount());
    Object[] cells = new Object[table.columnCount()];
    for (int r = 0; r < table.rowCount(); r++) {
      for (int c = 0; c < cells.length; c++) {
        cells[c] = TypedCells.get(table, r, c);
      }
      out.add(RowFactory.create(cells.clone()));
    }
    return out;
  }

  /** Every column cast to string, in the schema's order (the text form all readers share). */
  public static Dataset<Row> asText(Dataset<Row> ds, List<String> names) {
    Column[] cols = names.stream().map(n -> col("`" + n + "`").cast(DataTypes.StringType).as(n))
        .toArray(Column[]::new);
    return ds.select(cols);
  }

  /**
   * Collects text rows (columns in schema order) into a table, parsing every cell as the core
   * readers do. Only for data that fits on the driver.
   */
  public static Table collect(Dataset<Row> textRows, TableSchema schema, String source) {
    return collect(textRows, schema, source, Long.MAX_VALUE);
  }

  /** As {@link #collect(Dataset, TableSchema, String)}, keeping at most {@code maxRows} rows. */
  public static Table collect(Dataset<Row> textRows, TableSchema schema, String source,
      long maxRows) {
    return table(textRows.collectAsList().iterator(), schema, source, maxRows);
  }

  /**
   * Text rows (columns in schema order) as a table in canonical order: sorted by their cells, so
   * the table, and a model trained on it, is the same whatever order the rows arrived in (it
   * depends on how the input was split into partitions, which differs between a laptop and a
   * cluster). Keeps the first {@code maxRows} rows of that order.
   */
  public static Table table(Iterator<Row> textRows, TableSchema schema, String source,
      long maxRows) {
    int width = schema.columns().size();
    List<String[]> rows = new ArrayList<>();
    while (textRows.hasNext()) {
      Row row = textRows.next();
      String[] cells = new String[width];
      for (int c = 0; c < width; c++) {
        cells[c] = row.isNullAt(c) ? null : row.getString(c);
      }
      rows.add(cells);
    }
    rows.sort(SparkTables::compareCells);
    TableBuilder builder = new TableBuilder(schema, source);
    long n = 0;
    for (String[] cells : rows) {
      if (n >= maxRows) {
        break;
      }
      builder.addRow(cells, ++n);
    }
    return builder.build();
  }

  private static int compareCells(String[] a, String[] b) {
    for (int c = 0; c < a.length; c++) {
      if (a[c] == null || b[c] == null) {
        if (a[c] != b[c]) {
          return a[c] == null ? -1 : 1;
        }
        continue;
      }
      int d = a[c].compareTo(b[c]);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }
}
