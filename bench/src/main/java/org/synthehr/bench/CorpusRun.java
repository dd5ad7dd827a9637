package org.synthehr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One {@code bin/synth pipeline} run of the corpus benchmark, as a child process: the real command
 * line a user types, so the figures are those of the default pipeline and nothing in-process (the
 * bench module does not depend on spark-jobs, by design).
 */
final class CorpusRun {
  static final String SYNTH = "bin/synth";
  private static final String SPARK_JAR_DIR = "spark-jobs/target";

  /**
   * What a child run left behind.
   *
   * @param table corpus table name
   * @param model model kind
   * @param exitCode the child's exit code
   * @param error the first line of its error, or null when it succeeded
   * @param wallSeconds wall-clock of the child, JVM start and evaluation included
   * @param dir its output directory
   * @param figures what its report.json and run.json say, or null when it wrote none
   */
  record Outcome(String table, String model, int exitCode, String error, double wallSeconds,
      Path dir, CorpusFigures figures) {}

  private CorpusRun() {}

  /** The command line of one run, relative to the repository root. */
  static List<String> command(String table, String model, Path dir, String epochs, String rows,
      Path whole) {
    List<String> cmd = new ArrayList<>(List.of(SYNTH, "pipeline",
        "configs/corpus/" + table + ".yaml", "--set", "model.kind=" + model,
        "--set", "output.dir=" + dir));
    if (epochs != null) {
      cmd.addAll(List.of("--set", "model.epochs=" + epochs));
    }
    if (rows != null) {
      cmd.addAll(List.of("--set", "split.max_train_rows=" + rows));
    }
    cmd.addAll(dpOptions(model));
    if (whole != null) {
      cmd.addAll(List.of("--set", "input.path=" + whole.resolve(table + ".csv")));
    }
    cmd.addAll(List.of("--overwrite", "-q"));
    return cmd;
  }

  /**
   * What dp-ctgan runs add, as configs/diabetes130-dp-ctgan.yaml does: a budget of epsilon 3, and
   * no shadow-model attack. Its shadows train on a few dozen to a few hundred reference rows,
   * fewer than the default batch of 500 that DP-SGD's plan requires, so with shadows on every
   * corpus table failed in evaluation ("model.batch_size (500) must be smaller than the 61
   * training rows" on pima2), losing the run's other figures.
   */
  static List<String> dpOptions(String model) {
    return model.equals("dp-ctgan") ? List.of("--set", "model.options.dp.epsilon=3", "--set",
        "privacy.attacks.shadow_models=0") : List.of();
  }

  /**
   * Runs one pipeline; never throws for a failing child, so that one broken table or model costs
   * only its own row of the table.
   */
  static Outcome run(List<String> cmd, String table, String model, Path dir, Path log)
      throws InterruptedException {
    Instant start = Instant.now();
    long t0 = System.nanoTime();
    int exit;
    try {
      Files.createDirectories(log.getParent());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      exit = p.waitFor();
    } catch (IOException e) {
      return new Outcome(table, model, -1, "could not start " + SYNTH + ": " + e.getMessage(),
          0, dir, null);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    // Exit 4 (a release gate failed) still writes the whole output; any older output left by a
    // previous benchmark is ignored by the freshness check.
    CorpusFigures figures = null;
    String unreadable = null;
    if ((exit == 0 || exit == 4) && writtenSince(dir.resolve("report.json"), start)) {
      try {
        figures = CorpusFigures.read(dir);
      } catch (RuntimeException e) {
        // One unreadable report must not end a benchmark of hours and lose the other runs.
        unreadable = "unreadable report.json in " + dir + ": " + e.getMessage();
      }
    }
    String error = exit == 0 ? null : errorLine(log);
    if (exit == 0 && figures == null) {
      error = unreadable != null ? unreadable : "exit 0 but no fresh report.json in " + dir;
    }
    return new Outcome(table, model, exit, error, wall, dir, figures);
  }

  private static boolean writtenSince(Path file, Instant start) {
    try {
      return Files.isRegularFile(file)
          && Files.getLastModifiedTime(file).compareTo(FileTime.from(start.minusSeconds(1))) >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The child's error: its "synth pipeline: ..." line (plus the next line when an internal error
   * ends with a colon, as older builds printed the trace below it), else the first non-blank line.
   */
  static String errorLine(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "no log: " + e.getMessage();
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.startsWith("synth ") && l.contains(": ")) {
        if (l.contains("internal error") && l.endsWith(":") && i + 1 < lines.size()) {
          return l + " " + lines.get(i + 1).strip();
        }
        return l;
      }
    }
    return lines.stream().map(String::strip).filter(s -> !s.isEmpty()).findFirst()
        .orElse("(no output; see " + log + ")");
  }

  /**
   * Has bin/synth build the toolkit (it builds when stale, then prints its usage); its output
   * goes to {@code log}.
   */
  static int build(Path log) throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(SYNTH).redirectErrorStream(true).redirectOutput(log.toFile())
        .start().waitFor();
  }

  /**
   * Why bin/synth would rebuild the toolkit before running, or empty. It rebuilds when its shaded
   * jar or classpath file is missing or any {@code src/main} file of the toolkit is newer than the
   * jar; the benchmark then has it build once before the first run, so that no run's time
   * includes a build.
   */
  static Optional<String> staleToolkit(Path root) {
    Path target = root.resolve(SPARK_JAR_DIR);
    try (Stream<Path> jars = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      Optional<Path> jar = jars.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith("synthehr-spark-jobs-") && n.endsWith("-spark.jar");
      }).findFirst();
      if (jar.isEmpty() || !Files.exists(target.resolve("spark-classpath.txt"))) {
        return Optional.of("no toolkit jar in " + target);
      }
      FileTime built = Files.getLastModifiedTime(jar.get());
      try (Stream<Path> modules = Files.list(root)) {
        // bench/ is not in the toolkit jar and bin/synth does not look at it either.
        for (Path m : modules.filter(Files::isDirectory)
            .filter(m -> !m.getFileName().toString().equals("bench")).toList()) {
          Path src = m.resolve("src/main");
          if (!Files.isDirectory(src)) {
            continue;
          }
          try (Stream<Path> files = Files.walk(src)) {
            Optional<Path> newer = files.filter(Files::isRegularFile).filter(f -> {
              try {
                return Files.getLastModifiedTime(f).compareTo(built) > 0;
              } catch (IOException e) {
                return false;
              }
            }).findFirst();
            if (newer.isPresent()) {
              return Optional.of(root.relativize(newer.get()) + " is newer than "
                  + root.relativize(jar.get()));
            }
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
