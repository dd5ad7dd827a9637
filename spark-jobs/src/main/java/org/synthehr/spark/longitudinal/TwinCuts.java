package org.synthehr.spark.longitudinal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.DataFormat;
import org.synthehr.core.io.RowSource;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortInputConfig;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.longitudinal.TimeGrid;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Values;

/**
 * Where each patient's history ends and how far its twins run: one cut for everyone ({@code
 * --cut}), one per patient from a static column ({@code --cut-column}), or by default just after
 * the patient's last measurement. A cut that leaves no history or no future sets the patient
 * aside. Also puts the histories on the model's schema and cuts them into blocks.
 */
final class TwinCuts {
  private final Map<String, int[]> cuts;
  private final Map<String, String> problems;

  private TwinCuts(Map<String, int[]> cuts, Map<String, String> problems) {
    this.cuts = cuts;
    this.problems = problems;
  }

  /** The histories on the model's schema, once their variables and grid are checked. */
  static Cohort onModelSchema(Cohort read, CohortSchema model, String source) {
    CohortSchema mine = read.schema();
    if (!mine.variableNames().equals(model.variableNames())
        || mine.grid().stepMinutes() != model.grid().stepMinutes()
        || mine.steps() != model.steps()) {
      throw new InvalidInputException(Problem.ofInput(source, "was read with variables "
          + mine.variableNames() + " on " + mine.steps() + " steps of "
          + mine.grid().stepMinutes() + " min, the model has " + model.variableNames() + " on "
          + model.steps() + " steps of " + model.grid().stepMinutes() + " min",
          "run synth twins with the config the model was trained with"));
    }
    // The statics were read on the model's schema (CohortReader.readKnown); the cohort takes the
    // model's label and variables.
    return new Cohort(model, read.ids(), read.statics(), read.values(), read.ends());
  }

  /** The cuts of every patient, and the patients whose cut cannot work. */
  static TwinCuts of(Cohort patients, CohortInputConfig input, TwinsJob.Options o, TimeGrid grid) {
    Map<String, Double> column = o.cutColumn() == null ? Map.of() : cutColumn(input, o.cutColumn());
    Map<String, int[]> cuts = new TreeMap<>();
    Map<String, String> problems = new TreeMap<>();
    for (int p = 0; p < patients.size(); p++) {
      String id = patients.id(p);
      int cut;
      String where;
      if (o.cutHours() != null) {
        cut = grid.stepAtHours(o.cutHours());
        where = String.format(Locale.ROOT, "--cut %.1f h", o.cutHours());
      } else if (o.cutColumn() != null) {
        Double hours = column.get(id);
        if (hours == null) {
          problems.put(id, "it has no cut time in column '" + o.cutColumn() + "'");
          continue;
        }
        cut = grid.stepAtHours(hours);
        where = String.format(Locale.ROOT, "its %s of %.1f h", o.cutColumn(), hours);
      } else {
        cut = lastObserved(patients, p) + 1;
        where = "its last measurement";
        if (cut == 0) {
          problems.put(id, "its history holds no measurement of the model's variables: there is"
              + " nothing to forecast from");
          continue;
        }
      }
      if (cut < 1) {
        problems.put(id, "the cut at " + where + " leaves no history (less than one step)");
      } else if (cut >= grid.steps()) {
        problems.put(id, String.format(Locale.ROOT, "the cut at %s leaves no future inside the"
            + " model's window of %.0f hours", where, grid.windowMinutes() / 60.0));
      } else {
        int horizon = grid.steps() - cut;
        if (o.horizon() != null) {
          horizon = Math.min(o.horizon(), horizon);
        }
        cuts.put(id, new int[] {p, cut, horizon});
      }
    }
    return new TwinCuts(cuts, problems);
  }

  /** The patients whose cut cannot work, with the reason. */
  Map<String, String> problems() {
    return problems;
  }

  /** Every forecast patient's cut step. */
  Map<String, Integer> cutSteps() {
    Map<String, Integer> out = new TreeMap<>();
    cuts.forEach((id, c) -> out.put(id, c[1]));
    return out;
  }

  /**
   * The blocks: patients grouped by (cut, horizon), sorted by id within a group, cut into blocks
   * of at most {@code size}; block b of a group is drawn with the seed of (group, b).
   */
  List<HistoryBlock> blocks(Cohort patients, int size, int samples, Seeds seeds,
      boolean keepTwins) {
    Map<String, List<String>> groups = new TreeMap<>(Comparator.comparingInt(
        (String g) -> Integer.parseInt(g.split(":")[0])).thenComparingInt(
            g -> Integer.parseInt(g.split(":")[1])));
    cuts.forEach((id, c) -> groups.computeIfAbsent(c[1] + ":" + c[2], k -> new ArrayList<>())
        .add(id));
    List<HistoryBlock> out = new ArrayList<>();
    long ordinal = 0;
    for (Map.Entry<String, List<String>> g : groups.entrySet()) {
      List<String> ids = g.getValue();
      ids.sort(Comparator.naturalOrder());
      String[] key = g.getKey().split(":");
      int cut = Integer.parseInt(key[0]);
      int horizon = Integer.parseInt(key[1]);
      for (int start = 0, b = 0; start < ids.size(); start += size, b++) {
        List<String> part = ids.subList(start, Math.min(ids.size(), start + size));
        int[] rows = part.stream().mapToInt(id -> cuts.get(id)[0]).toArray();
        out.add(HistoryBlock.of(patients, rows, ordinal, cut, horizon, samples,
            seeds.blockSeed("cut-" + cut + "-horizon-" + horizon, b), keepTwins));
        ordinal += rows.length;
      }
    }
    return out;
  }

  private static int lastObserved(Cohort c, int p) {
    for (int t = c.steps() - 1; t >= 0; t--) {
      for (int k = 0; k < c.variables(); k++) {
        if (c.observed(p, t, k)) {
          return t;
        }
      }
    }
    return -1;
  }

  private static Map<String, Double> cutColumn(CohortInputConfig input, String name) {
    String file = input.staticPath() != null ? input.staticPath() : input.visitsPath();
    Map<String, Double> out = new HashMap<>();
    try (RowSource src = DataFormat.open(Path.of(file), input.csv())) {
      int id = src.header().indexOf(input.idColumn());
      int col = src.header().indexOf(name);
      if (col < 0) {
        throw new InvalidInputException(Problem.ofColumn(file, name, "is not a column of the"
            + " file (columns: " + String.join(", ", src.header()) + ")", "name the column that"
            + " holds each patient's cut time in hours"));
      }
      String[] cells;
      while ((cells = src.next()) != null) {
        String raw = cells[col] == null ? "" : cells[col].trim();
        if (cells[id] != null && Values.isNumber(raw)) {
          out.putIfAbsent(cells[id].trim(), Values.parseNumber(raw));
        }
      }
    }
    return out;
  }
}
