package org.synthehr.core.longitudinal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.StringColumn;
import org.synthehr.core.table.Table;

/**
 * Static attributes of patients: the identifiers (kept apart, never modelled) and a table of the
 * modelled attributes, one row per patient, in the order of the ids. Read with the toolkit's usual
 * schema inference and validation, so a schema file can set each column's kind.
 *
 * @param ids patient ids in row order
 * @param table modelled static attributes (identifier and text columns dropped)
 */
record StaticAttributes(String[] ids, Table table) {

  /** Reads a static file; the id column must exist and hold unique ids. */
  static StaticAttributes read(CohortInputConfig input) {
    DatasetLoader.Loaded loaded = DatasetLoader.load(input.table(input.staticPath(),
        input.staticSchema(), null));
    return fromTable(loaded.table(), input.idColumn(), input.staticPath());
  }

  /** Splits a table into ids (from {@code idColumn}) and modelled attributes. */
  static StaticAttributes fromTable(Table t, String idColumn, String source) {
    if (t.schema().indexOf(idColumn) < 0) {
      throw new InvalidInputException(Problem.ofInput(source, "has no column '" + idColumn
          + "' (columns: " + String.join(", ", t.schema().names()) + ")",
          "set input.id_column to the patient id column"));
    }
    Column idCol = t.column(idColumn);
    String[] ids = new String[t.rowCount()];
    Map<String, Integer> seen = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (int r = 0; r < ids.length; r++) {
      ids[r] = idCol.isMissing(r) ? null : t.format(r, t.schema().indexOf(idColumn));
      if (ids[r] == null) {
        problems.add(Problem.ofRow(source, idColumn, r + 1L, "the patient id is empty",
            "give every row a patient id"));
      } else if (seen.putIfAbsent(ids[r], r) != null) {
        problems.add(Problem.ofRow(source, idColumn, r + 1L, "patient id '" + ids[r]
            + "' appears again (first in row " + (seen.get(ids[r]) + 1) + ")",
            "keep one row per patient in the static file"));
      }
      if (problems.size() > 20) {
        break;
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<String> keep = t.schema().columns().stream()
        .filter(c -> c.kind().isModelled() && !c.name().equals(idColumn))
        .map(ColumnSpec::name).toList();
    return new StaticAttributes(ids, t.select(keep));
  }

  /** Row of each id. */
  Map<String, Integer> index() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      m.put(ids[i], i);
    }
    return m;
  }

  /**
   * Appends columns of another table (keyed by {@code otherIds}) to these patients; patients absent
   * from the other table get missing values.
   *
   * @return the joined attributes and how many patients matched
   */
  JoinResult join(String[] otherIds, Table other, List<String> columns, String source) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < otherIds.length; i++) {
      at.put(otherIds[i], i);
    }
    int[] rows = new int[ids.length];
    int matched = 0;
    for (int p = 0; p < ids.length; p++) {
      Integer r = at.get(ids[p]);
      rows[p] = r == null ? -1 : r;
      matched += r == null ? 0 : 1;
    }
    List<ColumnSpec> specs = new ArrayList<>(table.schema().columns());
    List<Column> cols = new ArrayList<>(table.columns());
    for (String name : columns) {
      if (other.schema().indexOf(name) < 0) {
        throw new InvalidInputException(Problem.ofColumn(source, name, "the column is missing"
            + " (columns: " + String.join(", ", other.schema().names()) + ")",
            "correct input.label / input.keep_outcomes or the file"));
      }
      if (table.schema().indexOf(name) >= 0) {
        throw new InvalidInputException(Problem.ofColumn(source, name,
            "is also a column of the static file", "rename one of the two columns"));
      }
      ColumnSpec spec = other.schema().column(name);
      if (!spec.kind().isModelled()) {
        throw new InvalidInputException(Problem.ofColumn(source, name, "is an identifier or free"
            + " text, so it cannot be an outcome", "declare its kind in a schema file"));
      }
      specs.add(spec);
      cols.add(gather(other.column(name), rows));
    }
    TableSchema schema = new TableSchema(specs, null, null, null, table.schema().missingValues());
    return new JoinResult(new StaticAttributes(ids, new Table(schema, cols)), matched);
  }

  /** Joined attributes and the number of patients matched. */
  record JoinResult(StaticAttributes attributes, int matched) {}

  private static Column gather(Column c, int[] rows) {
    if (c instanceof NumericColumn n) {
      double[] v = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        v[i] = rows[i] < 0 ? Double.NaN : n.get(rows[i]);
      }
      return new NumericColumn(c.name(), v);
    }
    if (c instanceof CategoricalColumn k) {
      int[] codes = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        codes[i] = rows[i] < 0 ? CategoricalColumn.MISSING : k.code(rows[i]);
      }
      return new CategoricalColumn(c.name(), codes, k.dictionary());
    }
    StringColumn s = (StringColumn) c;
    String[] v = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      v[i] = rows[i] < 0 ? null : s.get(rows[i]);
    }
    return new StringColumn(c.name(), v);
  }

  /** The file name for messages. */
  static String name(String path) {
    return Path.of(path).toString();
  }
}
