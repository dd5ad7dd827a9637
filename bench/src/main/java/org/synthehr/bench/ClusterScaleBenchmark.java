package org.synthehr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.synthehr.core.io.Json;

/**
 * Issue 26: the default pipeline at scale on a real (local) standalone cluster with HDFS. For each
 * input size, the copula-enlarged diabetes130 ({@link ScaleInput}, made once and cached) goes onto
 * HDFS and {@code spark-submit ... pipeline configs/scale/diabetes130-scale.yaml} runs with input
 * and output on HDFS and a 1 GB driver heap: ingest, split, train the copula on a seeded
 * subsample, sample, evaluate ({@link ClusterRun}). Then the chosen sizes run again on one worker
 * for the speed-up.
 *
 * <pre>
 * bin/bench cluster-scale [rows=1000000,10000000] [workers=2] [speedup=10000000|none]
 *                         [sample=10000000] [train=100000] [executor-memory=2g]
 *                         [timeout=120] [out=bench/target/scale] [reuse=no|yes]
 * </pre>
 *
 * {@code rows}: input sizes, each run on {@code workers} one-core workers; {@code speedup}: sizes
 * run once more on one worker (the speed-up table); {@code sample}: synthetic rows
 * ({@code sample.rows}); {@code train}: {@code split.max_train_rows}; {@code executor-memory}:
 * each worker's memory and its executor's heap; {@code timeout}: minutes per spark-submit;
 * {@code reuse=yes}: take a run's figures from its {@code result.json} in out/runs/ when an
 * earlier invocation completed it with the same settings, input and toolkit jar (a benchmark of
 * hours can then be split over several invocations).
 * Figures: time per stage (the driver's {@code [k/6]} lines, stamped as they arrive), rows/s of
 * ingest and sampling, peak RSS of every process (driver, executors, master, workers, NameNode,
 * DataNode, polled every 0.5 s from /proc), the driver's heap from its GC log, CPU seconds per
 * stage and process, and the speed-up. A failed run, or a driver heap above 1 GB, ends the
 * benchmark with exit 1 and nothing appended (the figures so far are in out/runs-so-far.md).
 * Inputs are cached in bench/target/scale-data/; each run's logs stay in out/runs/.
 */
final class ClusterScaleBenchmark implements Benchmark {
  static final String CONFIG = "configs/scale/diabetes130-scale.yaml";
  private static final List<String> KEYS = List.of("rows", "workers", "speedup", "sample",
      "train", "executor-memory", "timeout", "out", "reuse");
  private static final String USAGE = "usage: bin/bench cluster-scale [rows=1000000,10000000]"
      + " [workers=2] [speedup=10000000|none] [sample=10000000] [train=100000]"
      + " [executor-memory=2g] [timeout=120] [out=bench/target/scale] [reuse=no|yes]";

  @Override
  public String name() {
    return "cluster-scale";
  }

  @Override
  public String description() {
    return "pipeline on a local standalone cluster + HDFS, 1M/10M copula-enlarged rows (issue 26)";
  }

  @Override
  public void run(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path root = Path.of("").toAbsolutePath();
    List<Long> sizes = sizes(opts.getOrDefault("rows", "1000000,10000000"), "rows");
    int workers = (int) positive(opts.getOrDefault("workers", "2"), "workers");
    String speedupSpec = opts.getOrDefault("speedup", "10000000");
    List<Long> speedup = speedupSpec.equals("none") || workers == 1 ? List.of()
        : sizes(speedupSpec, "speedup");
    long sample = positive(opts.getOrDefault("sample", "10000000"), "sample");
    long train = positive(opts.getOrDefault("train", "100000"), "train");
    String memory = opts.getOrDefault("executor-memory", "2g");
    if (!memory.matches("[1-9][0-9]*[mMgG]")) {
      fail("executor-memory=" + memory + " should look like 2g or 1536m");
    }
    long timeout = positive(opts.getOrDefault("timeout", "120"), "timeout");
    String reuse = opts.getOrDefault("reuse", "no");
    if (!reuse.equals("yes") && !reuse.equals("no")) {
      fail("reuse=" + reuse + " should be yes or no");
    }
    Path out = root.resolve(opts.getOrDefault("out", "bench/target/scale")).normalize();
    ScaleInput inputs = new ScaleInput(root.resolve("bench/target/scale-data"));

    Optional<String> stale = CorpusRun.staleToolkit(root);
    if (stale.isPresent()) {
      Path log = out.resolve("build.log");
      Files.createDirectories(out);
      System.err.println("bench cluster-scale: " + stale.get() + "; building the toolkit first"
          + " (log: " + log + ")");
      CorpusRun.build(log);
      stale = CorpusRun.staleToolkit(root);
      if (stale.isPresent()) {
        fail("the toolkit is still stale after bin/synth built it (" + stale.get() + ")");
      }
    }
    // Inputs first: making them is not part of any figure.
    List<Long> needed = new ArrayList<>(sizes);
    speedup.stream().filter(r -> !needed.contains(r)).forEach(needed::add);
    Map<Long, Path> input = new LinkedHashMap<>();
    for (long r : needed) {
      input.put(r, inputs.ensure(r));
    }

    List<String[]> plan = new ArrayList<>();
    sizes.forEach(r -> plan.add(new String[] {String.valueOf(r), String.valueOf(workers)}));
    speedup.forEach(r -> plan.add(new String[] {String.valueOf(r), "1"}));
    String loadBefore = DistancesBenchmark.loadAverage();
    List<ClusterRun.Result> results = new ArrayList<>();
    List<String> pipeline = List.of("pipeline", CONFIG, "--set", "sample.rows=" + sample, "--set",
        "split.max_train_rows=" + train);
    for (String[] p : plan) {
      long rows = Long.parseLong(p[0]);
      int w = Integer.parseInt(p[1]);
      System.err.printf(Locale.ROOT, "[%d/%d] %,d copula-enlarged rows on %d worker%s (1 core,"
          + " %s each), sampling %,d rows ...%n", results.size() + 1, plan.size(), rows, w,
          w == 1 ? "" : "s", memory, sample);
      Path runDir = out.resolve("runs").resolve(rows + "-" + w + "w");
      String key = String.join(";", pipeline) + ";executor-memory=" + memory + ";input="
          + input.get(rows) + ";jar=" + ClusterRun.sparkJar(root).toFile().lastModified();
      Optional<ClusterRun.Result> kept = reuse.equals("yes") ? kept(runDir, key)
          : Optional.empty();
      ClusterRun.Result r;
      if (kept.isPresent()) {
        r = kept.get();
        System.err.println("  reusing the run completed earlier (" + runDir.resolve("result.json")
            + ")");
      } else {
        r = new ClusterRun(root, runDir, rows, w, memory, timeout).run(input.get(rows), pipeline);
        Json.write(runDir.resolve("result.json"), new Saved(key, r));
      }
      results.add(r);
      Files.writeString(out.resolve("runs-so-far.md"), String.join("\n",
          tables(results, sample, train, workers)) + "\n");
      System.err.printf(Locale.ROOT, "[%d/%d] %s: spark-submit %.0f s (cluster start %.0f s, HDFS"
          + " put %.0f s); logs in %s%n", results.size(), plan.size(), r.ok() ? "ok"
              : "FAILED: " + r.error(), r.submitSeconds(), r.clusterStartSeconds(),
          r.putSeconds(), r.dir());
      if (!r.ok()) {
        System.err.println();
        System.err.println("bench cluster-scale: FAILED at " + String.format(Locale.ROOT,
            "%,d rows on %d worker(s)", rows, w) + ": " + r.error());
        System.err.println("  driver log (stamped): " + r.dir().resolve("driver.err"));
        System.err.println("  cluster logs: " + r.dir().resolve("cluster/logs"));
        System.err.println("  figures so far: " + out.resolve("runs-so-far.md")
            + " (nothing appended to BENCHMARKS.md)");
        System.exit(1);
      }
    }

    List<String> lines = new ArrayList<>();
    lines.add("Input: **copula-enlarged** diabetes130, not real rows: a Gaussian copula trained on"
        + " the whole real table (101,766 encounters) and sampled to each size, cached in"
        + " `bench/target/scale-data/` (" + String.join("; ", input.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%,d rows %s", e.getKey(), mb(bytes(e.getValue()))))
            .toList()) + " of Parquet), made by `" + String.join("` and `", inputs.commands(
                sizes.get(0))).replace(String.valueOf(sizes.get(0)), "N") + "`.");
    lines.add("");
    lines.add("Cluster: `" + String.join(" ", new ClusterRun(root, out, 0, workers, memory, timeout)
        .clusterStart()).replace(root.relativize(out.resolve("cluster")).toString(), "DIR")
        + "` (" + sparkRelease(results) + "; master, workers, NameNode and DataNode are separate"
        + " JVMs on loopback, sharing the machine's 2 cores with the driver). Each run: the input"
        + " put on HDFS, then `spark-submit --master spark://... --deploy-mode client"
        + " --driver-memory 1g --conf spark.executor.memory=" + memory + " ... --class "
        + DriverSubmission.MAIN_CLASS + " synthehr-spark-jobs-*-spark.jar "
        + String.join(" ", pipeline) + " --set input.path=hdfs://.../input.parquet --set"
        + " output.dir=hdfs://.../out --overwrite` (seeded training subsample of at most "
        + String.format(Locale.ROOT, "%,d", train) + " rows; copula; " + String.format(Locale.ROOT,
            "%,d", sample) + " synthetic rows; evaluation on every row for column and pair"
        + " statistics, on seeded subsamples of evaluate.max_rows per side for the rest)."
        + " Load average (1/5/15 min) before " + loadBefore + ", after "
        + DistancesBenchmark.loadAverage() + ".");
    lines.add("");
    lines.addAll(tables(results, sample, train, workers));
    String title = "Cluster scale (issue 26): " + String.join(", ", sizes.stream()
        .map(r -> String.format(Locale.ROOT, "%,d", r)).toList()) + " input rows on " + workers
        + " workers" + (speedup.isEmpty() ? "" : ", " + String.join(", ", speedup.stream()
            .map(r -> String.format(Locale.ROOT, "%,d", r)).toList()) + " on 1 worker")
        + String.format(Locale.ROOT, ", %,d rows sampled", sample);
    BenchRecord.append(title, ("bin/bench cluster-scale " + String.join(" ", args)).trim(), lines);
  }

  /** A run's figures as saved in its result.json, with the settings they were measured with. */
  record Saved(String key, ClusterRun.Result result) {}

  /** The completed run saved in {@code runDir} with {@code key}, if any. */
  private static Optional<ClusterRun.Result> kept(Path runDir, String key) {
    Path file = runDir.resolve("result.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Saved saved = Json.read(file, Saved.class);
      return saved.key().equals(key) && saved.result().ok() ? Optional.of(saved.result())
          : Optional.empty();
    } catch (RuntimeException e) {
      System.err.println("  ignoring " + file + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Every table of the section, for the runs so far. */
  private static List<String> tables(List<ClusterRun.Result> results, long sample, long train,
      int workers) {
    List<String> lines = new ArrayList<>();
    lines.add("Time per stage (from the driver's `[k/6]` lines, stamped as they arrive; startup:"
        + " spark-submit launch to `[1/6]`, the driver JVM, its Spark session and the executors)."
        + " Ingest rows/s: input rows / ingest s; sample rows/s: synthetic rows / sample s:");
    lines.add("");
    lines.addAll(ScaleTables.times(results, sample));
    lines.add("");
    lines.add("Peak resident memory (VmHWM from /proc, polled every 0.5 s) of every process; the"
        + " driver's heap is capped by `--driver-memory 1g` and read from its GC log"
        + " (`-Xlog:gc`):");
    lines.add("");
    lines.addAll(ScaleTables.memory(results));
    lines.add("");
    lines.add("Outputs:");
    lines.add("");
    lines.addAll(ScaleTables.outputs(results, train));
    List<String> speedup = ScaleTables.speedup(results, workers);
    if (!speedup.isEmpty()) {
      lines.add("");
      lines.add("Speed-up from 1 worker to " + workers + " (1 core each):");
      lines.add("");
      lines.addAll(speedup);
    }
    lines.add("");
    lines.add("CPU seconds per stage and process kind (utime + stime from /proc; cores busy ="
        + " all CPU seconds / wall seconds, at most 2 on this machine):");
    lines.add("");
    lines.addAll(ScaleTables.cpu(results));
    return lines;
  }

  /** run.json's figures of a run (empty when it has none). */
  static Map<String, Double> runFigures(ClusterRun.Result r) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (r.runJson() == null || !Files.isRegularFile(r.runJson())) {
      return out;
    }
    JsonNode figures = Json.readTree(r.runJson()).path("figures");
    for (Map.Entry<String, JsonNode> e : figures.properties()) {
      if (e.getValue().isNumber()) {
        out.put(e.getKey(), e.getValue().asDouble());
      }
    }
    return out;
  }

  private static String sparkRelease(List<ClusterRun.Result> results) {
    for (ClusterRun.Result r : results) {
      Path release = r.dir().resolve("cluster/spark-home/RELEASE");
      try {
        if (Files.isRegularFile(release)) {
          return Files.readString(release).strip();
        }
      } catch (IOException e) {
        // fall through
      }
    }
    return "Spark from bin/cluster";
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }

  private static long bytes(Path p) {
    try {
      return ScaleInput.bytes(p);
    } catch (IOException e) {
      return -1;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0 || !KEYS.contains(a.substring(0, eq))) {
        fail("unexpected argument '" + a + "'; " + USAGE);
      }
      out.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return out;
  }

  private static List<Long> sizes(String spec, String key) {
    List<Long> out = new ArrayList<>();
    for (String s : spec.split(",")) {
      long v = positive(s.strip(), key);
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static long positive(String v, String key) {
    if (!v.matches("[1-9][0-9]*")) {
      fail(key + "=" + v + " is not a positive whole number; " + USAGE);
    }
    return Long.parseLong(v);
  }

  private static void fail(String message) {
    System.err.println("bench cluster-scale: " + message);
    System.exit(2);
  }
}
