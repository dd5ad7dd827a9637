package org.synthehr.core.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;

/**
 * An immutable, columnar, in-memory table: the unit that generators and metrics consume. Column i
 * holds the values of schema column i; numeric kinds are {@link NumericColumn}s, discrete kinds
 * {@link CategoricalColumn}s, identifiers and text {@link StringColumn}s.
 */
public final class Table {
  private final TableSchema schema;
  private final List<Column> columns;
  private final int rowCount;

  /** Checks that the columns match the schema in order, type and length. */
  public Table(TableSchema schema, List<Column> columns) {
    this.schema = Objects.requireNonNull(schema);
    this.columns = List.copyOf(columns);
    if (schema.columns().size() != columns.size()) {
      throw new IllegalArgumentException(
          "schema has " + schema.columns().size() + " columns, table " + columns.size());
    }
    int n = columns.isEmpty() ? 0 : columns.get(0).size();
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec spec = schema.columns().get(i);
      Column col = columns.get(i);
      if (!spec.name().equals(col.name())) {
        throw new IllegalArgumentException("column " + i + " is '" + col.name() + "', schema says '"
            + spec.name() + "'");
      }
      if (col.size() != n) {
        throw new IllegalArgumentException("column '" + col.name() + "' has " + col.size()
            + " rows, expected " + n);
      }
      if (!storageMatches(spec.kind(), col)) {
        throw new IllegalArgumentException("column '" + col.name() + "' of kind " + spec.kind().id()
            + " cannot be a " + col.getClass().getSimpleName());
      }
    }
    this.rowCount = n;
  }

  /** The in-memory column type for a kind. */
  public static boolean storageMatches(ColumnKind kind, Column column) {
    if (kind.isNumeric()) {
      return column instanceof NumericColumn;
    }
    if (kind.isDiscrete()) {
      return column instanceof CategoricalColumn;
    }
    return column instanceof StringColumn;
  }

  public TableSchema schema() {
    return schema;
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return columns.size();
  }

  public List<Column> columns() {
    return columns;
  }

  public Column column(int index) {
    return columns.get(index);
  }

  /** The column with this name; fails if absent. */
  public Column column(String name) {
    int i = schema.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + name + "' in table");
    }
    return columns.get(i);
  }

  public NumericColumn numeric(String name) {
    return (NumericColumn) column(name);
  }

  public CategoricalColumn categorical(String name) {
    return (CategoricalColumn) column(name);
  }

  public StringColumn strings(String name) {
    return (StringColumn) column(name);
  }

  /** The rows at these indices, in this order. */
  public Table take(int[] rows) {
    List<Column> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(c.take(rows));
    }
    return new Table(schema, out);
  }

  /** The first n rows (or all, if fewer). */
  public Table head(int n) {
    int m = Math.min(n, rowCount);
    int[] idx = new int[m];
    for (int i = 0; i < m; i++) {
      idx[i] = i;
    }
    return take(idx);
  }

  /** The named columns only, in the given order. */
  public Table select(List<String> names) {
    List<ColumnSpec> specs = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (String n : names) {
      specs.add(schema.column(n));
      cols.add(column(n));
    }
    TableSchema sub = new TableSchema(specs, keep(names, schema.label()),
        keep(names, schema.entityKey()), keep(names, schema.timeIndex()), schema.missingValues());
    return new Table(sub, cols);
  }

  private static String keep(List<String> names, String role) {
    return role != null && names.contains(role) ? role : null;
  }

  /** Only the columns generators learn and emit (no identifiers, no free text). */
  public Table modelled() {
    return select(schema.modelled().names());
  }

  /** The cell as text (empty when missing), formatted as writers emit it. */
  public String format(int row, int col) {
    Column c = columns.get(col);
    if (c.isMissing(row)) {
      return "";
    }
    ColumnSpec spec = schema.columns().get(col);
    if (c instanceof NumericColumn n) {
      return Values.formatNumber(n.get(row), spec.kind(), spec.storage());
    }
    if (c instanceof CategoricalColumn k) {
      return k.value(row);
    }
    return ((StringColumn) c).get(row);
  }

  /**
   * Stacks tables with the same schema. Categorical dictionaries are unified: categories of the
   * first part first, then new ones in order of appearance, so the result is deterministic.
   */
  public static Table concat(List<Table> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    TableSchema schema = parts.get(0).schema();
    int total = 0;
    for (Table t : parts) {
      if (!t.schema().names().equals(schema.names())) {
        throw new IllegalArgumentException("cannot concatenate tables with different columns");
      }
      total += t.rowCount();
    }
    List<Column> out = new ArrayList<>();
    for (int c = 0; c < schema.columns().size(); c++) {
      String name = schema.columns().get(c).name();
      Column first = parts.get(0).column(c);
      if (first instanceof NumericColumn) {
        double[] v = new double[total];
        int at = 0;
        for (Table t : parts) {
          NumericColumn col = (NumericColumn) t.column(c);
          for (int i = 0; i < col.size(); i++) {
            v[at++] = col.get(i);
          }
        }
        out.add(new NumericColumn(name, v));
      } else if (first instanceof CategoricalColumn) {
        Set<String> dict = new LinkedHashSet<>();
        for (Table t : parts) {
          dict.addAll(((CategoricalColumn) t.column(c)).dictionary());
        }
        List<String> dictionary = List.copyOf(dict);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < dictionary.size(); i++) {
          index.put(dictionary.get(i), i);
        }
        int[] codes = new int[total];
        int at = 0;
        for (Table t : parts) {
          CategoricalColumn col = (CategoricalColumn) t.column(c);
          int[] map = col.dictionary().stream().mapToInt(index::get).toArray();
          for (int i = 0; i < col.size(); i++) {
            int code = col.code(i);
            codes[at++] = code == CategoricalColumn.MISSING ? code : map[code];
          }
        }
        out.add(new CategoricalColumn(name, codes, dictionary));
      } else {
        String[] v = new String[total];
        int at = 0;
        for (Table t : parts) {
          StringColumn col = (StringColumn) t.column(c);
          for (int i = 0; i < col.size(); i++) {
            v[at++] = col.get(i);
          }
        }
        out.add(new StringColumn(name, v));
      }
    }
    return new Table(schema, out);
  }
}
