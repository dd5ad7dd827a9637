package org.synthehr.core.longitudinal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.synthehr.core.io.DataFormat;
import org.synthehr.core.io.RowSource;
import org.synthehr.core.table.Values;

/**
 * Checks patient histories against a trained model before their twins are drawn: per patient,
 * variables the model does not know, measurements past the model's window, values that are not
 * numbers, and measurements of a patient the static file does not list. A patient with a problem is
 * set aside with a message naming it, so the others still get their twins; a problem of a whole
 * file (a missing column) fails at once.
 */
public final class HistoryScreen {
  private final Map<String, Set<String>> problems = new TreeMap<>();
  private final Set<String> ignored = new java.util.TreeSet<>();
  private final boolean declared;

  private HistoryScreen(boolean declared) {
    this.declared = declared;
  }

  /**
   * The outcome.
   *
   * @param problems one message per problem, by patient id (sorted)
   * @param ignored variables outside the config's variables file, left out as in training
   */
  public record Result(Map<String, List<String>> problems, Set<String> ignored) {
    /** Whether the patient can be forecast. */
    public boolean fits(String id) {
      return !problems.containsKey(id);
    }
  }

  /** Screens the histories the input describes against the model's schema. */
  public static Result screen(CohortInputConfig input, CohortSchema model) {
    // With a variables file, training left every other variable out, and so do the twins; without
    // one, the model knows every variable its training data had, and another one cannot be used.
    HistoryScreen s = new HistoryScreen(input.variables() != null);
    Set<String> known = new HashSet<>(model.variableNames());
    long window = model.grid().windowMinutes();
    Set<String> listed = new HashSet<>();
    if (input.staticPath() != null) {
      try (RowSource src = DataFormat.open(Path.of(input.staticPath()), input.csv())) {
        int id = CohortReader.column(src, input.idColumn(), "input.id_column");
        String[] cells;
        while ((cells = src.next()) != null) {
          if (cells[id] != null) {
            listed.add(cells[id].trim());
          }
        }
      }
    }
    Map<String, double[]> span = new TreeMap<>();
    if (input.layout() == CohortInputConfig.Layout.LONG) {
      s.readLong(input, known, listed, span);
    } else {
      s.readVisits(input, known, span);
    }
    for (Map.Entry<String, double[]> e : span.entrySet()) {
      double[] minMax = e.getValue();
      // Numeric times count from the stay's start; dates from the patient's first measurement.
      double last = minMax[2] > 0 ? minMax[1] - minMax[0] : minMax[1];
      if (last > window) {
        s.add(e.getKey(), String.format(java.util.Locale.ROOT, "its history runs to %.1f hours,"
            + " past the model's window of %.1f hours (%d steps of %d min)", last / 60.0,
            window / 60.0, model.grid().steps(), model.grid().stepMinutes()));
      }
    }
    Map<String, List<String>> out = new TreeMap<>();
    s.problems.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return new Result(out, Set.copyOf(s.ignored));
  }

  private void readLong(CohortInputConfig input, Set<String> known, Set<String> listed,
      Map<String, double[]> span) {
    Set<String> missingTokens = new HashSet<>(input.missingValues());
    try (RowSource src = DataFormat.open(Path.of(input.eventsPath()), input.csv())) {
      int id = CohortReader.column(src, input.idColumn(), "input.id_column");
      int time = CohortReader.column(src, input.timeColumn(), "input.time_column");
      int var = CohortReader.column(src, input.variableColumn(), "input.variable_column");
      int val = CohortReader.column(src, input.valueColumn(), "input.value_column");
      String[] cells;
      while ((cells = src.next()) != null) {
        String pid = cells[id] == null ? "" : cells[id].trim();
        if (pid.isEmpty()) {
          continue;
        }
        if (!listed.contains(pid)) {
          add(pid, "it has measurements but no row in the static file " + input.staticPath());
          continue;
        }
        String name = cells[var] == null ? "" : cells[var].trim();
        if (name.isEmpty() || Values.isMissing(cells[val], missingTokens)) {
          continue;
        }
        if (!known.contains(name)) {
          unknown(pid, name);
          continue;
        }
        if (!Values.isNumber(cells[val].trim())) {
          add(pid, "the value '" + cells[val] + "' of " + name + " is not a number");
          continue;
        }
        time(pid, cells[time], input, span);
      }
    }
  }

  private void readVisits(CohortInputConfig input, Set<String> known, Map<String, double[]> span) {
    Set<String> missingTokens = new HashSet<>(input.missingValues());
    try (RowSource src = DataFormat.open(Path.of(input.visitsPath()), input.csv())) {
      int id = CohortReader.column(src, input.idColumn(), "input.id_column");
      int time = CohortReader.column(src, input.timeColumn(), "input.time_column");
      Set<String> taken = new HashSet<>(input.staticColumns());
      taken.add(input.idColumn());
      taken.add(input.timeColumn());
      List<String> header = src.header();
      String[] cells;
      while ((cells = src.next()) != null) {
        String pid = cells[id] == null ? "" : cells[id].trim();
        if (pid.isEmpty()) {
          continue;
        }
        for (int c = 0; c < header.size(); c++) {
          String name = header.get(c);
          if (taken.contains(name) || Values.isMissing(cells[c], missingTokens)) {
            continue;
          }
          if (!known.contains(name)) {
            unknown(pid, name);
          } else if (!Values.isNumber(cells[c].trim())) {
            add(pid, "the value '" + cells[c] + "' of " + name + " is not a number");
          }
        }
        time(pid, cells[time], input, span);
      }
    }
  }

  /** Tracks the first and last time of a patient: {min, max, 1 if dates}. */
  private void time(String pid, String cell, CohortInputConfig input, Map<String, double[]> span) {
    String raw = cell == null ? "" : cell.trim();
    double t;
    boolean date = false;
    if (Values.isNumber(raw)) {
      t = Values.parseNumber(raw) * input.timeUnit().minutes();
    } else if (!raw.isEmpty() && Values.isDateTime(raw)) {
      t = Values.parseDateTime(raw) / 60.0;
      date = true;
    } else {
      add(pid, "the time '" + raw + "' is neither a number nor a date");
      return;
    }
    double[] s = span.computeIfAbsent(pid, k -> new double[] {Double.MAX_VALUE,
        -Double.MAX_VALUE, 0});
    s[0] = Math.min(s[0], t);
    s[1] = Math.max(s[1], t);
    s[2] = date ? 1 : s[2];
  }

  private void unknown(String pid, String name) {
    if (declared) {
      ignored.add(name);
    } else {
      add(pid, "the model does not know the variable '" + name + "'");
    }
  }

  private void add(String pid, String problem) {
    problems.computeIfAbsent(pid, k -> new LinkedHashSet<>()).add(problem);
  }

  /** For tests and messages: every problem as "patient: problem" lines. */
  public static List<String> lines(Result r) {
    List<String> out = new ArrayList<>();
    r.problems().forEach((id, ps) -> ps.forEach(p -> out.add(id + ": " + p)));
    return out;
  }
}
