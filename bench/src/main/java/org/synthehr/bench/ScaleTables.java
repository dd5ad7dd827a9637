package org.synthehr.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The markdown tables of the cluster-scale benchmark: time per stage with rows/s, peak memory per
 * process, CPU per stage and process kind, outputs, and the speed-up from one worker to more.
 */
final class ScaleTables {
  /** What happens between the pipeline's line [k/6] and the next, by k. */
  private static final Map<Integer, String> STAGES = Map.of(
      1, "ingest: read, validate, count the split",
      2, "split: evaluation subsamples to the driver",
      3, "train",
      4, "sample: draw, filter copies, write Parquet",
      5, "evaluate + report",
      6, "stop Spark, exit");
  private static final Map<Integer, String> FIRST_WORDS = Map.of(1, "validate", 2, "split",
      3, "train", 4, "sample", 5, "evaluate", 6, "wrote");

  private ScaleTables() {}

  /**
   * A stage of a run.
   *
   * @param key "startup", or the index k of its [k/6] line as text
   * @param name what it does
   * @param seconds its wall-clock
   * @param cpu CPU seconds each process kind used in it
   */
  record Stage(String key, String name, double seconds, Map<String, Double> cpu) {}

  /** The stages of a run: startup (to [1/6]), each [k/6] to the next, and the end. */
  static List<Stage> stages(ClusterRun.Result r) {
    List<Stage> out = new ArrayList<>();
    List<DriverSubmission.Mark> marks = r.marks();
    double prevT = 0;
    Map<String, Double> prevCpu = r.startCpu();
    String prevKey = "startup";
    String prevName = "startup: JVM, Spark session, executors";
    for (DriverSubmission.Mark m : marks) {
      out.add(new Stage(prevKey, prevName, m.seconds() - prevT, minus(m.cpu(), prevCpu)));
      prevT = m.seconds();
      prevCpu = m.cpu();
      prevKey = String.valueOf(m.index());
      prevName = m.text().startsWith(FIRST_WORDS.getOrDefault(m.index(), "?"))
          ? STAGES.get(m.index()) : m.text();
    }
    out.add(new Stage(prevKey, r.ok() ? prevName : prevName + " (failed)",
        r.submitSeconds() - prevT, minus(r.endCpu(), prevCpu)));
    return out;
  }

  static Optional<Stage> stage(ClusterRun.Result r, String key) {
    return stages(r).stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** Time per stage and rows/s, one line per run. */
  static List<String> times(List<ClusterRun.Result> runs, long sampleRows) {
    List<String> t = new ArrayList<>(List.of(
        "| input rows | workers | cluster start s | HDFS put s | startup s | ingest s | ingest"
            + " rows/s | split s | train s | sample s | sample rows/s | evaluate + report s |"
            + " spark-submit s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|"));
    for (ClusterRun.Result r : runs) {
      double ingest = seconds(r, "1");
      double sample = seconds(r, "4");
      t.add(String.format(Locale.ROOT, "| %,d | %d | %.1f | %.1f | %s | %s | %s | %s | %s | %s |"
          + " %s | %s | %.1f |", r.rows(), r.workers(), r.clusterStartSeconds(), r.putSeconds(),
          s(seconds(r, "startup")), s(ingest), rate(r.rows(), ingest), s(seconds(r, "2")),
          s(seconds(r, "3")), s(sample), rate(sampleRows, sample), s(seconds(r, "5")),
          r.submitSeconds()));
    }
    return t;
  }

  /** Peak resident memory of every process kind, and the driver's heap from its GC log. */
  static List<String> memory(List<ClusterRun.Result> runs) {
    List<String> t = new ArrayList<>(List.of(
        "| input rows | workers | driver RSS MB | driver heap MB: max / peak before GC / peak"
            + " after GC | executors RSS MB | master RSS MB | workers RSS MB | NameNode RSS MB |"
            + " DataNode RSS MB |",
        "|---|---|---|---|---|---|---|---|---|"));
    for (ClusterRun.Result r : runs) {
      long[] h = r.heap();
      t.add(String.format(Locale.ROOT, "| %,d | %d | %s | %s / %s / %s | %s | %s | %s | %s | %s |",
          r.rows(), r.workers(), rss(r, "driver"), mbOrQ(h[0]), mbOrQ(h[1]), mbOrQ(h[2]),
          rss(r, "executor"), rss(r, "master"), rss(r, "worker"), rss(r, "namenode"),
          rss(r, "datanode")));
    }
    return t;
  }

  /** CPU seconds per stage and process kind, and how many cores were busy on average. */
  static List<String> cpu(List<ClusterRun.Result> runs) {
    List<String> t = new ArrayList<>(List.of(
        "| input rows | workers | stage | wall s | driver CPU s | executors CPU s | HDFS CPU s |"
            + " master + workers CPU s | cores busy |",
        "|---|---|---|---|---|---|---|---|---|"));
    for (ClusterRun.Result r : runs) {
      for (Stage st : stages(r)) {
        double driver = st.cpu().getOrDefault("driver", 0.0);
        double exec = st.cpu().getOrDefault("executor", 0.0);
        double hdfs = st.cpu().getOrDefault("namenode", 0.0)
            + st.cpu().getOrDefault("datanode", 0.0);
        double daemons = st.cpu().getOrDefault("master", 0.0)
            + st.cpu().getOrDefault("worker", 0.0);
        double all = driver + exec + hdfs + daemons;
        t.add(String.format(Locale.ROOT, "| %,d | %d | %s | %.1f | %.1f | %.1f | %.1f | %.1f |"
            + " %.2f |", r.rows(), r.workers(), st.name(), st.seconds(), driver, exec, hdfs,
            daemons, st.seconds() > 0 ? all / st.seconds() : 0));
      }
    }
    return t;
  }

  /** What each run wrote: split sizes, synthetic rows and Parquet size, quality. */
  static List<String> outputs(List<ClusterRun.Result> runs, long trainCap) {
    List<String> t = new ArrayList<>(List.of(
        "| input rows | workers | training / holdout rows | trained on | synthetic rows drawn |"
            + " copies removed | synthetic Parquet on HDFS | quality | detection AUC |"
            + " TSTR/TRTR (XGBoost) |",
        "|---|---|---|---|---|---|---|---|---|---|"));
    for (ClusterRun.Result r : runs) {
      Map<String, Double> f = ClusterScaleBenchmark.runFigures(r);
      CorpusFigures q = null;
      if (r.runJson() != null && Files.isRegularFile(r.runJson().resolveSibling("report.json"))) {
        q = CorpusFigures.read(r.runJson().getParent());
      }
      double training = f.getOrDefault("training_rows", Double.NaN);
      t.add(String.format(Locale.ROOT, "| %,d | %d | %s / %s | %s | %s | %s | %s | %s | %s |"
          + " %s |", r.rows(), r.workers(), n(training), n(f.get("holdout_rows")),
          n(Math.min(training, trainCap)), n(f.get("synthetic_rows_drawn")),
          n(f.get("synthetic_copies_removed")),
          r.syntheticBytes() < 0 ? "?" : ClusterScaleBenchmark.mb(r.syntheticBytes()),
          q == null ? "?" : d3(q.value(CorpusFigures.QUALITY)),
          q == null ? "?" : d3(q.value(CorpusFigures.DETECTION)),
          q == null ? "?" : d3(q.value(CorpusFigures.utility("xgboost", "ratio")))));
    }
    return t;
  }

  /** Speed-up of each stage from one worker to {@code many}, for each input size run on both. */
  static List<String> speedup(List<ClusterRun.Result> runs, int many) {
    List<String> t = new ArrayList<>(List.of(
        "| input rows | stage | 1 worker s | " + many + " workers s | speed-up |",
        "|---|---|---|---|---|"));
    for (ClusterRun.Result one : runs) {
      if (one.workers() != 1) {
        continue;
      }
      Optional<ClusterRun.Result> other = runs.stream()
          .filter(r -> r.workers() == many && r.rows() == one.rows()).findFirst();
      if (other.isEmpty()) {
        continue;
      }
      for (Stage st : stages(one)) {
        double b = seconds(other.get(), st.key());
        t.add(String.format(Locale.ROOT, "| %,d | %s | %.1f | %s | %s |", one.rows(), st.name(),
            st.seconds(), s(b), Double.isNaN(b) || b <= 0 ? "?" : String.format(Locale.ROOT,
                "%.2f", st.seconds() / b)));
      }
      t.add(String.format(Locale.ROOT, "| %,d | **whole spark-submit** | %.1f | %.1f | **%.2f** |",
          one.rows(), one.submitSeconds(), other.get().submitSeconds(),
          one.submitSeconds() / other.get().submitSeconds()));
    }
    return t.size() > 2 ? t : List.of();
  }

  static double seconds(ClusterRun.Result r, String key) {
    return stage(r, key).map(Stage::seconds).orElse(Double.NaN);
  }

  /**
   * Peak RSS of each process of a role, by name ("executor 0", "worker-1"). Several pids of one
   * name are one JVM and forks of it caught before they exec'd (results saved before the monitor
   * skipped those showed a DataNode of 77 MB beside the real one): the largest is the JVM.
   */
  private static String rss(ClusterRun.Result r, String role) {
    Map<String, Double> byName = new java.util.TreeMap<>();
    r.processes().stream().filter(p -> p.role().equals(role))
        .forEach(p -> byName.merge(p.name(), p.peakRssMb(), Math::max));
    return byName.isEmpty() ? "?" : byName.values().stream()
        .map(mb -> String.format(Locale.ROOT, "%,.0f", mb)).collect(Collectors.joining(" / "));
  }

  private static Map<String, Double> minus(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> out = new java.util.TreeMap<>();
    a.forEach((k, v) -> out.put(k, v - b.getOrDefault(k, 0.0)));
    return out;
  }

  private static String s(double seconds) {
    return Double.isNaN(seconds) ? "?" : String.format(Locale.ROOT, "%.1f", seconds);
  }

  private static String rate(long rows, double seconds) {
    return Double.isNaN(seconds) || seconds <= 0 ? "?"
        : String.format(Locale.ROOT, "%,.0f", rows / seconds);
  }

  private static String mbOrQ(long mb) {
    return mb < 0 ? "?" : String.format(Locale.ROOT, "%,d", mb);
  }

  private static String n(Double v) {
    return v == null || v.isNaN() ? "?" : String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String d3(double v) {
    return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.3f", v);
  }
}
