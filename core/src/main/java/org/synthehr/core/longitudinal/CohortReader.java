package org.synthehr.core.longitudinal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.DataFormat;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.io.RowSource;
import org.synthehr.core.schema.SchemaFile;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.core.table.Values;

/**
 * Reads a cohort in the {@code long} layout (static file + event file + outcomes, as PhysioNet 2012)
 * or the {@code visits} layout (one row per visit) onto a time grid with observation masks. Every
 * problem of the input (unknown patient ids, unparsable times or values, missing columns) is
 * collected and reported at once with file, column, rows and the fix.
 */
public final class CohortReader {
  private CohortReader() {}

  /**
   * A cohort and what reading it found.
   *
   * @param cohort the cohort (real patient ids; never emitted)
   * @param summary counts for the console and run record
   */
  public record Result(Cohort cohort, IngestSummary summary) {}

  /** Reads the cohort an input config describes. */
  public static Result read(CohortInputConfig input, GridConfig grid) {
    return input.layout() == CohortInputConfig.Layout.LONG
        ? readLong(input, grid, id -> true, null) : readVisits(input, grid, id -> true, null);
  }

  /**
   * Reads patients a trained model is applied to: static attributes on the model's schema ({@link
   * KnownStatics}: nothing inferred, no column required), and without the patients {@code keep}
   * refuses (their rows are skipped before any check, so a patient a {@link HistoryScreen} set
   * aside cannot fail the others).
   */
  public static Result readKnown(CohortInputConfig input, GridConfig grid,
      Predicate<String> keep, TableSchema statics) {
    Result all = input.layout() == CohortInputConfig.Layout.LONG
        ? readLong(input, grid, keep, statics) : readVisits(input, grid, keep, statics);
    Cohort c = all.cohort();
    int[] kept = java.util.stream.IntStream.range(0, c.size()).filter(p -> keep.test(c.id(p)))
        .toArray();
    return kept.length == c.size() ? all : new Result(c.take(kept), all.summary());
  }

  private static Result readLong(CohortInputConfig input, GridConfig grid,
      Predicate<String> keep, TableSchema known) {
    OutcomeJoin joined = known != null ? new OutcomeJoin(KnownStatics.read(input, known, null), 0)
        : joinOutcomes(StaticAttributes.read(input), input);
    Map<String, Integer> patientIndex = joined.attributes().index();
    Variables vars = Variables.of(input);
    EventBuffer events = new EventBuffer();
    ProblemLog problems = new ProblemLog();
    long rows = 0;
    long missing = 0;
    boolean datetimes = false;
    boolean numbers = false;
    Set<String> missingTokens = new HashSet<>(input.missingValues());
    try (RowSource src = DataFormat.open(Path.of(input.eventsPath()), input.csv())) {
      int id = column(src, input.idColumn(), "input.id_column");
      int time = column(src, input.timeColumn(), "input.time_column");
      int var = column(src, input.variableColumn(), "input.variable_column");
      int val = column(src, input.valueColumn(), "input.value_column");
      String[] cells;
      while ((cells = src.next()) != null) {
        rows++;
        long row = src.rowNumber();
        if (cells[id] != null && !keep.test(cells[id].trim())) {
          continue;
        }
        Integer p = cells[id] == null ? null : patientIndex.get(cells[id].trim());
        if (p == null) {
          problems.row(src.name(), input.idColumn(), row, cells[id], "is not a patient id of the"
              + " static file " + input.staticPath(), "add the patient to the static file or remove"
              + " its events");
          continue;
        }
        if (cells[var] == null || cells[var].isBlank()) {
          problems.row(src.name(), input.variableColumn(), row, cells[var], "names no variable",
              "fill in the variable name");
          continue;
        }
        if (Values.isMissing(cells[val], missingTokens)) {
          missing++;
          continue;
        }
        int k = vars.index(cells[var]);
        if (k < 0) {
          continue;
        }
        double v;
        try {
          v = Values.parseNumber(cells[val]);
        } catch (NumberFormatException e) {
          problems.row(src.name(), input.valueColumn(), row, cells[val], "is not a number",
              "correct the value, or add the token to input.missing_values if it means missing");
          continue;
        }
        double t;
        String raw = cells[time] == null ? "" : cells[time].trim();
        if (Values.isNumber(raw)) {
          t = Values.parseNumber(raw) * input.timeUnit().minutes();
          numbers = true;
        } else if (!raw.isEmpty() && Values.isDateTime(raw)) {
          t = Values.parseDateTime(raw) / 60.0;
          datetimes = true;
        } else {
          problems.row(src.name(), input.timeColumn(), row, raw, "is neither a number nor a date",
              "give times as numbers (in input.time_unit since the stay began) or ISO date-times");
          continue;
        }
        events.add(p, t, k, v);
      }
    }
    if (datetimes && numbers) {
      problems.add(Problem.ofColumn(input.eventsPath(), input.timeColumn(), "mixes numbers and"
          + " dates", "use one representation of time for every row"));
    }
    problems.throwIfAny();
    if (datetimes) {
      events.relativeToFirst(joined.attributes().ids().length);
    }
    return grid(joined, vars, events, grid, rows, missing, input.eventsPath());
  }

  private static Result readVisits(CohortInputConfig input, GridConfig grid,
      Predicate<String> keep, TableSchema knownStatics) {
    ProblemLog problems = new ProblemLog();
    Set<String> missingTokens = new HashSet<>(input.missingValues());
    List<String> header;
    Map<String, String[]> firstStatic = new LinkedHashMap<>();
    Map<String, Long> firstRow = new HashMap<>();
    List<String> visitIds = new ArrayList<>();
    List<double[]> visitCells = new ArrayList<>();
    List<Double> visitTimes = new ArrayList<>();
    boolean datetimes = false;
    boolean numbers = false;
    long rows = 0;
    long missing = 0;
    int[] staticAt;
    List<String> varNames = new ArrayList<>();
    String source;
    try (RowSource src = DataFormat.open(Path.of(input.visitsPath()), input.csv())) {
      source = src.name();
      header = src.header();
      int id = column(src, input.idColumn(), "input.id_column");
      int time = column(src, input.timeColumn(), "input.time_column");
      staticAt = new int[input.staticColumns().size()];
      for (int i = 0; i < staticAt.length; i++) {
        staticAt[i] = column(src, input.staticColumns().get(i), "input.static_columns");
      }
      Set<String> taken = new HashSet<>(input.staticColumns());
      taken.add(input.idColumn());
      taken.add(input.timeColumn());
      List<Integer> varAt = new ArrayList<>();
      VariablesFile declared = input.variables() == null ? null
          : VariablesFile.load(Path.of(input.variables()));
      if (declared != null) {
        for (VariablesFile.Declared d : declared.variables()) {
          varAt.add(column(src, d.name(), "the variables file"));
          varNames.add(d.name());
        }
      } else {
        for (int c = 0; c < header.size(); c++) {
          if (!taken.contains(header.get(c))) {
            varAt.add(c);
            varNames.add(header.get(c));
          }
        }
      }
      String[] cells;
      while ((cells = src.next()) != null) {
        rows++;
        long row = src.rowNumber();
        String pid = cells[id] == null ? "" : cells[id].trim();
        if (pid.isEmpty()) {
          problems.row(source, input.idColumn(), row, pid, "is an empty patient id",
              "give every visit its patient's id");
          continue;
        }
        if (!keep.test(pid)) {
          continue;
        }
        String raw = cells[time] == null ? "" : cells[time].trim();
        double t;
        if (Values.isNumber(raw)) {
          t = Values.parseNumber(raw) * input.timeUnit().minutes();
          numbers = true;
        } else if (!raw.isEmpty() && Values.isDateTime(raw)) {
          t = Values.parseDateTime(raw) / 60.0;
          datetimes = true;
        } else {
          problems.row(source, input.timeColumn(), row, raw, "is neither a number nor a date",
              "give visit times as numbers (in input.time_unit) or ISO dates");
          continue;
        }
        String[] st = new String[staticAt.length];
        for (int i = 0; i < st.length; i++) {
          st[i] = cells[staticAt[i]];
        }
        String[] known = firstStatic.putIfAbsent(pid, st);
        firstRow.putIfAbsent(pid, row);
        if (known != null) {
          for (int i = 0; i < st.length; i++) {
            if (!java.util.Objects.equals(norm(known[i]), norm(st[i]))) {
              problems.row(source, input.staticColumns().get(i), row, st[i], "differs from the"
                  + " value in patient " + pid + "'s first visit (row " + firstRow.get(pid) + ")",
                  "list only attributes that never change under input.static_columns");
            }
          }
        }
        double[] v = new double[varAt.size()];
        for (int j = 0; j < v.length; j++) {
          String c = cells[varAt.get(j)];
          if (Values.isMissing(c, missingTokens)) {
            v[j] = Double.NaN;
            missing++;
          } else {
            try {
              v[j] = Values.parseNumber(c);
            } catch (NumberFormatException e) {
              problems.row(source, varNames.get(j), row, c, "is not a number (time-varying"
                  + " variables must be numeric)", "list the column under input.static_columns"
                  + " if it is a static attribute, or correct the value");
              v[j] = Double.NaN;
            }
          }
        }
        visitIds.add(pid);
        visitTimes.add(t);
        visitCells.add(v);
      }
    }
    if (datetimes && numbers) {
      problems.add(Problem.ofColumn(source, input.timeColumn(), "mixes numbers and dates",
          "use one representation of time for every row"));
    }
    problems.throwIfAny();
    OutcomeJoin joined = knownStatics != null
        ? new OutcomeJoin(KnownStatics.read(input, knownStatics, firstStatic), 0)
        : joinOutcomes(visitStatics(input, firstStatic, firstRow, source), input);
    Map<String, Integer> patientIndex = joined.attributes().index();
    Variables vars = Variables.fixed(input, varNames);
    EventBuffer events = new EventBuffer();
    for (int i = 0; i < visitIds.size(); i++) {
      Integer p = patientIndex.get(visitIds.get(i));
      if (p == null) {
        continue;
      }
      double[] v = visitCells.get(i);
      for (int j = 0; j < v.length; j++) {
        if (!Double.isNaN(v[j])) {
          events.add(p, visitTimes.get(i), j, v[j]);
        }
      }
    }
    if (datetimes) {
      events.relativeToFirst(joined.attributes().ids().length);
    }
    return grid(joined, vars, events, grid, rows, missing, input.visitsPath());
  }

  private static String norm(String s) {
    return s == null ? "" : s.trim();
  }

  private static StaticAttributes visitStatics(CohortInputConfig input,
      Map<String, String[]> firstStatic, Map<String, Long> firstRow, String source) {
    List<String> header = new ArrayList<>();
    header.add(input.idColumn());
    header.addAll(input.staticColumns());
    List<String[]> rows = new ArrayList<>();
    long[] numbers = new long[firstStatic.size()];
    int i = 0;
    for (Map.Entry<String, String[]> e : firstStatic.entrySet()) {
      String[] r = new String[header.size()];
      r[0] = e.getKey();
      System.arraycopy(e.getValue(), 0, r, 1, e.getValue().length);
      rows.add(r);
      numbers[i++] = firstRow.get(e.getKey());
    }
    InputConfig cfg = new InputConfig(source, null, input.missingValues(), List.of(), null, null);
    SchemaFile declared = SchemaFile.none();
    List<org.synthehr.core.schema.ColumnProfile> profiles = DatasetLoader.profile(
        new ListRowSource(source, header, rows, numbers), declared, input.missingValues());
    TableSchema schema = DatasetLoader.resolve(profiles, declared, cfg, source).schema();
    schema = schema.replace(Map.of(input.idColumn(), org.synthehr.core.schema.ColumnSpec.of(
        input.idColumn(), org.synthehr.core.schema.ColumnKind.IDENTIFIER)));
    Table table = DatasetLoader.read(new ListRowSource(source, header, rows, numbers), schema);
    StaticAttributes fromVisits = StaticAttributes.fromTable(table, input.idColumn(), source);
    if (input.staticPath() == null) {
      return fromVisits;
    }
    StaticAttributes file = StaticAttributes.read(input);
    return file.join(fromVisits.ids(), fromVisits.table(), fromVisits.table().schema().names(),
        source).attributes();
  }

  /** Static attributes with the label and kept outcomes joined, and the match count. */
  private record OutcomeJoin(StaticAttributes attributes, int matched) {}

  private static OutcomeJoin joinOutcomes(StaticAttributes statics, CohortInputConfig input) {
    if (input.outcomesPath() == null) {
      if (input.label() != null && statics.table().schema().indexOf(input.label()) < 0) {
        throw new InvalidInputException(Problem.ofInput(input.staticPath(), "has no column '"
            + input.label() + "' for input.label", "set input.outcomes_path to the file holding"
            + " the outcome, or correct input.label"));
      }
      return new OutcomeJoin(statics, -1);
    }
    DatasetLoader.Loaded outcomes = DatasetLoader.load(input.table(input.outcomesPath(), null,
        input.label()));
    StaticAttributes out = StaticAttributes.fromTable(outcomes.table(), input.outcomesId(),
        input.outcomesPath());
    List<String> columns = new ArrayList<>();
    columns.add(input.label());
    input.keepOutcomes().stream().filter(c -> !c.equals(input.label())).forEach(columns::add);
    Table full = outcomes.table();
    StaticAttributes.JoinResult j = statics.join(out.ids(), full, columns, input.outcomesPath());
    if (j.matched() == 0) {
      throw new InvalidInputException(Problem.ofInput(input.outcomesPath(), "matches none of the "
          + statics.ids().length + " patients of the static file", "check input.outcomes_id_column"
          + " (the outcomes file's patient id column)"));
    }
    return new OutcomeJoin(j.attributes(), j.matched());
  }

  private static Result grid(OutcomeJoin joined, Variables vars, EventBuffer events,
      GridConfig gridConfig, long rows, long missing, String source) {
    if (vars.specs().isEmpty()) {
      throw new InvalidInputException(Problem.ofInput(source, "holds no measurements of any"
          + " variable", "check the file and input.variables"));
    }
    StaticAttributes attrs = joined.attributes();
    TimeGrid grid = gridConfig.grid();
    List<VariableSpec> specs = vars.finish(events, gridConfig.aggregation());
    GridAccumulator acc = new GridAccumulator(grid, specs, attrs.ids().length);
    long used = 0;
    long outside = 0;
    for (int i = 0; i < events.size(); i++) {
      if (acc.add(events.patient(i), events.time(i), events.variable(i), events.value(i))) {
        used++;
      } else {
        outside++;
      }
    }
    float[] values = acc.values();
    int[] ends = acc.ends(gridConfig.endGapMinutes());
    String label = vars.label();
    Table table = attrs.table();
    TableSchema staticSchema = table.schema().withLabel(label);
    Table statics = new Table(staticSchema, table.columns());
    CohortSchema schema = new CohortSchema(staticSchema, specs, grid, label);
    Cohort cohort = new Cohort(schema, attrs.ids(), statics, values, ends);
    int early = 0;
    for (int e : ends) {
      early += e < grid.steps() ? 1 : 0;
    }
    IngestSummary summary = new IngestSummary(cohort.size(), acc.patientsWithData(), rows, used,
        outside, missing, vars.ignored(), joined.matched(), cohort.observationCount(), early);
    return new Result(cohort, summary);
  }

  static int column(RowSource src, String name, String key) {
    int i = src.header().indexOf(name);
    if (i < 0) {
      throw new InvalidInputException(Problem.ofInput(src.name(), "has no column '" + name
          + "' (columns: " + String.join(", ", src.header()) + ")", "correct " + key
          + " or the file's header"));
    }
    return i;
  }

  /** The variables: declared in a file, or every name seen (sorted at the end). */
  private static final class Variables {
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final Map<String, VariablesFile.Declared> declared = new HashMap<>();
    private final Map<String, Long> ignored = new TreeMap<>();
    private final boolean open;
    private final String label;

    private Variables(boolean open, String label) {
      this.open = open;
      this.label = label;
    }

    static Variables of(CohortInputConfig input) {
      if (input.variables() == null) {
        return new Variables(true, input.label());
      }
      Variables v = new Variables(false, input.label());
      for (VariablesFile.Declared d : VariablesFile.load(Path.of(input.variables())).variables()) {
        if (v.index.putIfAbsent(d.name(), v.index.size()) != null) {
          throw new InvalidInputException(Problem.ofInput(input.variables(), "lists variable '"
              + d.name() + "' twice", "keep one entry per variable"));
        }
        v.declared.put(d.name(), d);
      }
      return v;
    }

    static Variables fixed(CohortInputConfig input, List<String> names) {
      Variables v = new Variables(false, input.label());
      if (input.variables() != null) {
        VariablesFile.load(Path.of(input.variables())).variables()
            .forEach(d -> v.declared.put(d.name(), d));
      }
      names.forEach(n -> v.index.put(n, v.index.size()));
      return v;
    }

    int index(String raw) {
      if (raw == null || raw.isBlank()) {
        return -1;
      }
      String name = raw.trim();
      Integer k = index.get(name);
      if (k != null) {
        return k;
      }
      if (open) {
        index.put(name, index.size());
        return index.size() - 1;
      }
      ignored.merge(name, 1L, Long::sum);
      return -1;
    }

    String label() {
      return label;
    }

    Map<String, Long> ignored() {
      return ignored;
    }

    List<VariableSpec> specs() {
      return index.keySet().stream().map(VariableSpec::of).toList();
    }

    /**
     * The final variables. A set learned from the data is sorted by name (so the order does not
     * depend on the file's row order) and the events are renumbered to match.
     */
    List<VariableSpec> finish(EventBuffer events, Aggregation fallback) {
      List<String> names = new ArrayList<>(index.keySet());
      if (open) {
        java.util.Collections.sort(names);
        int[] map = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
          map[index.get(names.get(i))] = i;
        }
        events.remapVariables(map);
      }
      List<VariableSpec> out = new ArrayList<>();
      for (String n : names) {
        VariablesFile.Declared d = declared.get(n);
        out.add(new VariableSpec(n, d == null ? null : d.unit(),
            d == null || d.aggregation() == null ? fallback : d.aggregation()));
      }
      return out;
    }
  }
}
