package org.synthehr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.synthehr.bench.CorpusRun.Outcome;

/**
 * Every corpus table ({@code configs/corpus/*.yaml}) with every model kind, through the real
 * default pipeline: {@code bin/synth pipeline CONFIG --set model.kind=K ...} as a child process
 * per run. Reads each run's report.json and run.json into one table of fidelity, utility, privacy
 * and time, then picks each dataset's best model by utility. A failed run records its exit code
 * and error line and the benchmark goes on.
 *
 * <pre>
 * bin/bench corpus [models=copula,ctgan,tvae,tabddpm,dp-ctgan] [tables=all|a,b,c] [epochs=N]
 *                  [rows=N] [out=DIR] [whole=DIR]
 * </pre>
 *
 * {@code rows=N} caps the training rows ({@code split.max_train_rows}); {@code whole=DIR} reads
 * {@code DIR/<table>.csv} (written by {@code bin/corpus-extract --whole DIR}) instead of the
 * shipped extract. Each run's output stays in {@code out/<table>/<model>}, its console in
 * {@code out/logs/}, and the table so far in {@code out/runs-so-far.md}.
 */
final class CorpusBenchmark implements Benchmark {
  private static final String DEFAULT_MODELS = "copula,ctgan,tvae,tabddpm,dp-ctgan";
  private static final List<String> KEYS = List.of("models", "tables", "epochs", "rows", "out",
      "whole");

  @Override
  public String name() {
    return "corpus";
  }

  @Override
  public String description() {
    return "every corpus table x model through bin/synth pipeline: fidelity, utility, MIA, time";
  }

  @Override
  public void run(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path root = Path.of("").toAbsolutePath();
    List<String> models = List.of(opts.getOrDefault("models", DEFAULT_MODELS).split(","));
    List<String> tables = tables(root, opts.getOrDefault("tables", "all"));
    String epochs = positive(opts, "epochs");
    String rows = positive(opts, "rows");
    Path out = Path.of(opts.getOrDefault("out", "out/bench-corpus")).toAbsolutePath();
    Path whole = opts.containsKey("whole") ? Path.of(opts.get("whole")).toAbsolutePath() : null;
    if (whole != null) {
      List<String> missing = tables.stream()
          .filter(t -> !Files.isRegularFile(whole.resolve(t + ".csv"))).toList();
      if (!missing.isEmpty()) {
        fail("whole=" + whole + " lacks " + missing + ".csv; write them with"
            + " bin/corpus-extract --whole " + opts.get("whole"));
      }
    }
    Optional<String> stale = CorpusRun.staleToolkit(root);
    if (stale.isPresent()) {
      // Build before the clock starts, not inside the first run.
      Path log = out.resolve("logs").resolve("build.log");
      System.err.println("bench corpus: " + stale.get() + "; bin/synth builds the toolkit first"
          + " (log: " + log + ")");
      CorpusRun.build(log);
      stale = CorpusRun.staleToolkit(root);
      if (stale.isPresent()) {
        fail("the toolkit is still stale after bin/synth built it (" + stale.get() + "); see "
            + log);
      }
    }

    String loadBefore = DistancesBenchmark.loadAverage();
    int total = tables.size() * models.size();
    List<Outcome> outcomes = new ArrayList<>();
    long t0 = System.nanoTime();
    // Model by model over every table: an interrupted benchmark then has the faster models on
    // every table rather than every model on a few tables.
    for (String model : models) {
      for (String table : tables) {
        int i = outcomes.size() + 1;
        System.err.printf(Locale.ROOT, "[%d/%d] %s %s ...%n", i, total, table, model);
        Path dir = out.resolve(table).resolve(model);
        List<String> cmd = CorpusRun.command(table, model, dir, epochs, rows, whole);
        Outcome o = CorpusRun.run(cmd, table, model, dir,
            out.resolve("logs").resolve(table + "-" + model + ".log"));
        outcomes.add(o);
        // A benchmark of hours can be interrupted: keep the table so far on disk after each run.
        Files.writeString(out.resolve("runs-so-far.md"),
            String.join("\n", CorpusTables.runs(outcomes)) + "\n");
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double eta = elapsed / i * (total - i);
        System.err.printf(Locale.ROOT, "[%d/%d] %s %s %s in %s; elapsed %s, ETA %s%n", i, total,
            table, model, o.error() == null ? "ok" : "FAILED (exit " + o.exitCode() + ": "
                + o.error() + ")", duration(o.wallSeconds()), duration(elapsed), duration(eta));
      }
    }

    outcomes.sort(java.util.Comparator.comparingInt((Outcome o) -> tables.indexOf(o.table()))
        .thenComparingInt(o -> models.indexOf(o.model())));
    List<String> lines = new ArrayList<>();
    // The command of every run, with <table> and <model> standing for each, so the section says
    // exactly what ran.
    String each = String.join(" ", CorpusRun.command("<table>", "<model>",
        (out.startsWith(root) ? root.relativize(out) : out).resolve("<table>/<model>"), epochs,
        rows, whole));
    lines.add("Each run is `" + each + "`"
        + (models.contains("dp-ctgan") ? " (dp-ctgan adds `"
            + String.join(" ", CorpusRun.dpOptions("dp-ctgan")) + "`: no shadow-model MIA)" : "")
        + ", one at a time. Load average (1/5/15 min) before " + loadBefore + ", after "
        + DistancesBenchmark.loadAverage() + "; total " + duration((System.nanoTime() - t0) / 1e9)
        + ".");
    lines.add("");
    lines.addAll(CorpusTables.runs(outcomes));
    lines.add("");
    lines.add("Holdout figures in parentheses are the holdout scored like the synthetic data."
        + " Intervals are the report's 95% intervals. MIA: membership-inference AUC, 0.5 is no"
        + " better than chance. fit+sample s: run.json's `seconds` (ingest, split, training and"
        + " sampling; evaluation excluded); wall s: the whole child process.");
    lines.add("");
    lines.add("Best model per dataset: highest mean TSTR/TRTR AUC ratio of XGBoost and logistic"
        + " regression among runs whose detection AUC is reported, ties by lower detection AUC;"
        + " the last column says whether that mean reaches " + CorpusTables.USEFUL + ".");
    lines.add("");
    lines.addAll(CorpusTables.best(outcomes));
    String title = "Corpus: " + tables.size() + (tables.size() == 1 ? " table x " : " tables x ") + String.join(", ", models)
        + (epochs == null ? "" : ", " + epochs + " epochs") + (whole == null ? "" : ", whole");
    BenchRecord.append(title, ("bin/bench corpus " + String.join(" ", args)).trim(), lines);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0 || !KEYS.contains(a.substring(0, eq))) {
        fail("unexpected argument '" + a + "'; usage: bin/bench corpus [models=" + DEFAULT_MODELS
            + "] [tables=all|a,b,c] [epochs=N] [rows=N] [out=DIR] [whole=DIR]");
      }
      out.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return out;
  }

  /** The tables asked for, each checked against configs/corpus/ (all: every config there). */
  private static List<String> tables(Path root, String spec) throws IOException {
    List<String> known;
    try (Stream<Path> configs = Files.list(root.resolve("configs/corpus"))) {
      known = configs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
    }
    if (spec.equals("all")) {
      return known;
    }
    List<String> asked = List.of(spec.split(","));
    List<String> unknown = asked.stream().filter(t -> !known.contains(t)).toList();
    if (!unknown.isEmpty()) {
      fail("no config configs/corpus/<table>.yaml for " + unknown + "; tables: " + known);
    }
    return asked;
  }

  private static String positive(Map<String, String> opts, String key) {
    String v = opts.get(key);
    if (v != null && !v.matches("[1-9][0-9]*")) {
      fail(key + "=" + v + " is not a positive whole number");
    }
    return v;
  }

  private static void fail(String message) {
    System.err.println("bench corpus: " + message);
    System.exit(2);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
