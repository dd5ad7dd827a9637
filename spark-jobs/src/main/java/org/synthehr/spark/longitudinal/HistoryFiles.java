package org.synthehr.spark.longitudinal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.longitudinal.CohortInputConfig;

/**
 * Where the histories of {@code synth twins} are: the config's input layout with its data files
 * taken from the user's histories path. A directory holds files named as the config's (the static
 * file, the event or visit table, optionally the outcomes); a single file stands for the visit
 * table of a visits layout, or the event table of a long layout whose static file the directory
 * of the config names. The schema and variables files stay the config's: they describe the model.
 * Without an outcomes file the outcome is unknown, as it is for a patient still in care.
 */
final class HistoryFiles {
  private HistoryFiles() {}

  static CohortInputConfig of(CohortInputConfig in, Path histories) {
    if (!Files.exists(histories)) {
      throw new InvalidConfigException("--histories " + histories + " does not exist. Fix: give a"
          + " directory holding " + String.join(", ", names(in)) + ", or one file of the "
          + (in.layout() == CohortInputConfig.Layout.LONG ? "events" : "visits") + " layout.");
    }
    boolean dir = Files.isDirectory(histories);
    String staticPath = in.staticPath();
    String events = in.eventsPath();
    String visits = in.visitsPath();
    String outcomes = in.outcomesPath();
    if (dir) {
      staticPath = staticPath == null ? null : required(histories, staticPath, "static file");
      events = events == null ? null : required(histories, events, "event table");
      visits = visits == null ? null : required(histories, visits, "visit table");
      outcomes = outcomes == null ? null : optional(histories, outcomes);
    } else if (in.layout() == CohortInputConfig.Layout.LONG) {
      throw new InvalidConfigException("--histories " + histories + " is one file, but the"
          + " config's long layout reads a static file and an event table. Fix: give a directory"
          + " holding " + String.join(" and ", names(in)) + ".");
    } else {
      visits = histories.toString();
      staticPath = null;
      outcomes = null;
    }
    boolean known = outcomes != null;
    return new CohortInputConfig(in.layout(), staticPath, in.staticSchema(), events, visits,
        in.idColumn(), in.timeColumn(), in.timeUnit(), in.variableColumn(), in.valueColumn(),
        in.staticColumns(), outcomes, in.outcomesIdColumn(), known ? in.label() : null,
        known ? in.keepOutcomes() : List.of(), in.missingValues(), in.variables(),
        in.delimiter(), in.encoding());
  }

  private static String required(Path dir, String configured, String what) {
    Path file = dir.resolve(Path.of(configured).getFileName());
    if (!Files.exists(file)) {
      throw new InvalidConfigException("--histories " + dir + " has no " + file.getFileName()
          + " (the " + what + ", named as in the config's input). Fix: put the patients' " + what
          + " there under that name.");
    }
    return file.toString();
  }

  private static String optional(Path dir, String configured) {
    Path file = dir.resolve(Path.of(configured).getFileName());
    return Files.exists(file) ? file.toString() : null;
  }

  private static List<String> names(CohortInputConfig in) {
    List<String> out = new ArrayList<>();
    for (String p : new String[] {in.staticPath(), in.eventsPath(), in.visitsPath()}) {
      if (p != null) {
        out.add(Path.of(p).getFileName().toString());
      }
    }
    return out;
  }
}
