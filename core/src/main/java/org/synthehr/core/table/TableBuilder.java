package org.synthehr.core.table;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;

/**
 * Turns rows of text cells into a typed {@link Table} under a resolved schema. Every reader (CSV,
 * Parquet, Spark) goes through this class, so a value means the same thing whatever its source.
 * Problems (unparsable numbers, values outside a closed category set) are collected for all rows and
 * columns and reported together by {@link #build()}.
 */
public final class TableBuilder {
  private static final int ROWS_LISTED = 3;

  private final TableSchema schema;
  private final String source;
  private final List<ColumnSpec> specs;
  private final List<Set<String>> missingTokens = new ArrayList<>();
  private final List<double[]> numbers = new ArrayList<>();
  private final List<int[]> codes = new ArrayList<>();
  private final List<String[]> strings = new ArrayList<>();
  private final List<Map<String, Integer>> firstSeen = new ArrayList<>();
  private final List<Set<String>> closedSets = new ArrayList<>();
  private final Map<String, ProblemTally> problems = new LinkedHashMap<>();
  private int rows;

  /**
   * @param schema the resolved schema; rows passed to {@link #addRow} hold its columns in order
   * @param source the file name used in problem reports
   */
  public TableBuilder(TableSchema schema, String source) {
    this.schema = schema;
    this.source = source;
    this.specs = schema.columns();
    for (ColumnSpec spec : specs) {
      Set<String> tokens = new HashSet<>(schema.missingValues());
      tokens.addAll(spec.missingValues());
      missingTokens.add(tokens);
      numbers.add(spec.kind().isNumeric() ? new double[1024] : null);
      codes.add(spec.kind().isDiscrete() ? new int[1024] : null);
      strings.add(spec.kind().isModelled() ? null : new String[1024]);
      firstSeen.add(spec.kind().isDiscrete() ? new LinkedHashMap<>() : null);
      closedSets.add(spec.categories().isEmpty() ? null : new HashSet<>(spec.categories()));
    }
  }

  /** Number of rows added so far. */
  public int rowCount() {
    return rows;
  }

  /**
   * Adds one row.
   *
   * @param cells cells in schema order (raw text; missing tokens are recognised here)
   * @param rowNumber 1-based data row number used in problem reports
   */
  public void addRow(String[] cells, long rowNumber) {
    if (cells.length != specs.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, schema " + specs.size());
    }
    ensureCapacity(rows + 1);
    for (int c = 0; c < specs.size(); c++) {
      ColumnSpec spec = specs.get(c);
      String raw = cells[c];
      boolean missing = Values.isMissing(raw, missingTokens.get(c));
      ColumnKind kind = spec.kind();
      if (kind.isNumeric()) {
        numbers.get(c)[rows] = missing ? Double.NaN : parseNumeric(spec, raw.trim(), rowNumber);
      } else if (kind.isDiscrete()) {
        codes.get(c)[rows] = missing ? CategoricalColumn.MISSING : code(c, spec, raw.trim(), rowNumber);
      } else {
        strings.get(c)[rows] = missing ? null : raw.trim();
      }
    }
    rows++;
  }

  /** The table, or an {@link InvalidInputException} listing every problem found. */
  public Table build() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems.values().stream().map(ProblemTally::toProblem).toList());
    }
    List<Column> columns = new ArrayList<>(specs.size());
    for (int c = 0; c < specs.size(); c++) {
      ColumnSpec spec = specs.get(c);
      if (spec.kind().isNumeric()) {
        columns.add(new NumericColumn(spec.name(), Arrays.copyOf(numbers.get(c), rows)));
      } else if (spec.kind().isDiscrete()) {
        columns.add(categorical(c, spec));
      } else {
        columns.add(new StringColumn(spec.name(), Arrays.copyOf(strings.get(c), rows)));
      }
    }
    return new Table(schema, columns);
  }

  private CategoricalColumn categorical(int c, ColumnSpec spec) {
    Map<String, Integer> seen = firstSeen.get(c);
    List<String> dictionary = spec.categories().isEmpty()
        ? CategoryOrder.natural(seen.keySet()) : spec.categories();
    Map<String, Integer> finalCode = new HashMap<>();
    for (int i = 0; i < dictionary.size(); i++) {
      finalCode.put(dictionary.get(i), i);
    }
    int[] remap = new int[seen.size()];
    seen.forEach((value, provisional) -> remap[provisional] = finalCode.get(value));
    int[] raw = codes.get(c);
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = raw[r] == CategoricalColumn.MISSING ? CategoricalColumn.MISSING : remap[raw[r]];
    }
    return new CategoricalColumn(spec.name(), out, dictionary);
  }

  private int code(int c, ColumnSpec spec, String raw, long rowNumber) {
    String value = Values.canonicalCode(raw);
    if (spec.kind() == ColumnKind.BOOLEAN && BooleanSpelling.isSpelling(spec.categories())) {
      // Decoded by meaning and spelled as the real data spells it, whatever this side wrote.
      value = BooleanSpelling.respell(raw, spec.categories());
      if (value == null) {
        report(spec, "meaningless", rowNumber, raw,
            "has no yes/no meaning in a boolean column spelled "
                + String.join("/", spec.categories()),
            "write the column with one of " + String.join(", ", spec.categories())
                + " (or true/false, yes/no, 1/0), or mark the token as missing");
        value = raw;
      }
    }
    Set<String> closed = closedSets.get(c);
    if (closed != null && !closed.contains(value)) {
      report(spec, "unlisted", rowNumber, value,
          "is not one of the categories the schema lists for it",
          "add it to the column's categories in the schema file, or correct the data");
    }
    Map<String, Integer> seen = firstSeen.get(c);
    return seen.computeIfAbsent(value, v -> seen.size());
  }

  private double parseNumeric(ColumnSpec spec, String value, long rowNumber) {
    if (spec.kind() == ColumnKind.DATETIME) {
      try {
        return Values.parseDateTime(value);
      } catch (DateTimeParseException e) {
        report(spec, "datetime", rowNumber, value, "is not a date or date-time",
            "use ISO format (2020-01-31 or 2020-01-31 14:05:00), or declare the column with another"
                + " kind in the schema file");
        return Double.NaN;
      }
    }
    try {
      // "70 kg" in a column whose unit is kg is 70; plain numbers (our own output) as well.
      double v = Values.parseNumber(value, spec.unit());
      if (spec.kind() == ColumnKind.INTEGER && v != Math.rint(v)) {
        report(spec, "fraction", rowNumber, value, "is not a whole number",
            "declare the column as 'continuous' in the schema file, or correct the data");
      }
      return v;
    } catch (NumberFormatException e) {
      report(spec, "number", rowNumber, value, "is not a number",
          "declare the column as 'categorical' in the schema file, or add '" + value
              + "' to missing_values if it means 'missing'");
      return Double.NaN;
    }
  }

  private void report(ColumnSpec spec, String type, long row, String value, String what, String fix) {
    problems.computeIfAbsent(spec.name() + "\u0000" + type,
        k -> new ProblemTally(source, spec.name(), what, fix)).add(row, value);
  }

  private void ensureCapacity(int needed) {
    int capacity = numbers.stream().filter(a -> a != null).mapToInt(a -> a.length).findFirst()
        .orElseGet(() -> codes.stream().filter(a -> a != null).mapToInt(a -> a.length).findFirst()
            .orElseGet(() -> strings.stream().filter(a -> a != null).mapToInt(a -> a.length)
                .findFirst().orElse(Integer.MAX_VALUE)));
    if (needed <= capacity) {
      return;
    }
    int grown = Math.max(needed, capacity + (capacity >> 1));
    for (int c = 0; c < specs.size(); c++) {
      if (numbers.get(c) != null) {
        numbers.set(c, Arrays.copyOf(numbers.get(c), grown));
      }
      if (codes.get(c) != null) {
        codes.set(c, Arrays.copyOf(codes.get(c), grown));
      }
      if (strings.get(c) != null) {
        strings.set(c, Arrays.copyOf(strings.get(c), grown));
      }
    }
  }

  /** All occurrences of one kind of problem in one column, reported as one line. */
  private static final class ProblemTally {
    private final String source;
    private final String column;
    private final String what;
    private final String fix;
    private final List<String> examples = new ArrayList<>();
    private long firstRow = -1;
    private long count;

    ProblemTally(String source, String column, String what, String fix) {
      this.source = source;
      this.column = column;
      this.what = what;
      this.fix = fix;
    }

    void add(long row, String value) {
      if (firstRow < 0) {
        firstRow = row;
      }
      if (examples.size() < ROWS_LISTED) {
        examples.add("'" + abbreviate(value) + "' (row " + row + ")");
      }
      count++;
    }

    Problem toProblem() {
      String detail = String.join(", ", examples)
          + (count > examples.size() ? " and " + (count - examples.size()) + " more rows" : "");
      return Problem.ofRow(source, column, firstRow, "value " + detail + " " + what, fix);
    }

    private static String abbreviate(String v) {
      return v.length() <= 40 ? v : v.substring(0, 37) + "...";
    }
  }
}
