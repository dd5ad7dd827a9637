package org.synthehr.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.io.FileTrees;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.io.Json;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.fidelity.QualityScore;
import org.synthehr.generator.EpochStats;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.TrainingListener;
import org.synthehr.generator.codec.CodecOptions;
import org.synthehr.generator.codec.ModeSpecificCodec;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;

/**
 * CTGAN and TVAE against REFERENCE.md on diabetes30k: a seeded 30,000-row subset of the
 * diabetes130 CSV with the 18 columns REFERENCE.md lists. Each (model, threads) pair runs in its own
 * JVM, so engine threads and peak memory are those of that run alone: mixture fit and transform
 * time, seconds per epoch, sampling 100k rows (with decoding), quality (REFERENCE.md's score, real
 * 30k vs 100k synthetic) after 5 and after 50 epochs (the 50-epoch model resumes the 5-epoch run's
 * checkpoint), and peak resident memory. A last pair of runs trains on the full 101,766 rows for
 * peak memory. PyTorch's intra-op threads are set with {@code -Dai.djl.pytorch.num_threads=N} on the
 * child JVM (read once when the engine starts).
 */
final class DeepTabularBenchmark implements Benchmark {
  static final List<String> COLUMNS = List.of("time_in_hospital", "num_lab_procedures",
      "num_procedures", "num_medications", "number_outpatient", "number_emergency",
      "number_inpatient", "number_diagnoses", "race", "gender", "age", "admission_type_id",
      "discharge_disposition_id", "admission_source_id", "medical_specialty", "A1Cresult",
      "insulin", "readmitted");
  private static final String DEFAULT_DATA = "../shared/datasets/diabetes130/diabetic_data.csv";

  /** The figures of one child run. */
  record Result(String model, int threads, int rows, double codecFitSeconds,
      double transformSeconds, double secondsPerEpoch, double firstEpochSeconds,
      double sampleSeconds, double quality5, double quality50, double peakRssMb, String profile,
      double cpuSecondsPerEpoch) {}

  @Override
  public String name() {
    return "ctgan-tvae";
  }

  @Override
  public String description() {
    return "CTGAN and TVAE on diabetes30k vs REFERENCE.md (1 and 2 threads) + full-data memory";
  }

  @Override
  public void run(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    if (opts.containsKey("child")) {
      child(opts);
      return;
    }
    String data = opts.getOrDefault("data", DEFAULT_DATA);
    List<String> models = List.of(opts.getOrDefault("models", "ctgan,tvae").split(","));
    List<String> threads = List.of(opts.getOrDefault("threads", "1,2").split(","));
    String epochs = opts.getOrDefault("epochs", "5,50");
    String loadBefore = load();
    List<Result> results = new ArrayList<>();
    for (String model : models) {
      for (String t : threads) {
        results.add(spawn(model, Integer.parseInt(t), data, epochs, 30_000));
      }
    }
    List<Result> full = new ArrayList<>();
    if (!opts.containsKey("skip-full")) {
      for (String model : models) {
        full.add(spawn(model, 1, data, "1", 0));
      }
    }
    record(results, full, loadBefore, load(), String.join(" ", args));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'; options: --models"
            + " ctgan,tvae --threads 1,2 --epochs 5,50 --data PATH --skip-full");
      }
      String key = a.substring(2);
      boolean flag = key.equals("skip-full");
      out.put(key, flag ? "true" : args[++i]);
    }
    return out;
  }

  /** Runs one configuration in a fresh JVM and reads its result line. */
  private static Result spawn(String model, int threads, String data, String epochs, int rows)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + System.getProperty("bench.child.heap", "3g"));
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-DOPT_OUT_TRACKING=true");
    cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
    cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
    cmd.add("-Dbench.seed=" + Long.getLong("bench.seed", 7));
    String jul = System.getProperty("java.util.logging.config.file");
    if (jul != null) {
      cmd.add("-Djava.util.logging.config.file=" + jul);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchMain.class.getName());
    cmd.addAll(List.of("ctgan-tvae", "--child", model, "--threads", Integer.toString(threads),
        "--data", data, "--epochs", epochs, "--rows", Integer.toString(rows)));
    System.err.printf(Locale.ROOT, "%n== %s, %d thread(s), %s rows, epochs %s ==%n", model, threads,
        rows == 0 ? "all" : String.format(Locale.ROOT, "%,d", rows), epochs);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Result result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          result = Json.mapper().readValue(line.substring(7), Result.class);
        } else {
          System.err.println(line);
        }
      }
    }
    int code = p.waitFor();
    if (code != 0 || result == null) {
      throw new IllegalStateException("benchmark run " + model + "/" + threads + " failed (exit "
          + code + ")");
    }
    return result;
  }

  /** diabetes30k (or all rows when {@code rows} is 0): the 18 columns, a seeded subset. */
  static Table load(String data, int rows) {
    InputConfig input = new InputConfig(data, "configs/diabetes130.schema.yaml", List.of(),
        List.of(), null, null);
    Table all = DatasetLoader.load(input).table().select(COLUMNS);
    if (rows == 0 || rows >= all.rowCount()) {
      return all;
    }
    int[] idx = new int[all.rowCount()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    SplittableRandom r = Seeds.of(42).random("diabetes30k");
    for (int i = idx.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return all.take(Arrays.copyOf(idx, rows));
  }

  /** One configuration, in this JVM; prints "RESULT {json}". */
  private static void child(Map<String, String> opts) throws IOException {
    String model = opts.get("child");
    int threads = Integer.parseInt(opts.get("threads"));
    int rows = Integer.parseInt(opts.get("rows"));
    int[] epochs = Arrays.stream(opts.get("epochs").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    Table real = load(opts.get("data"), rows);
    // Codec timings on their own (training refits it; same seed, same result).
    ModeSpecificCodec.fit(real, CodecOptions.DEFAULTS, Seeds.of(1), threads);
    long t0 = System.nanoTime();
    ModeSpecificCodec codec = ModeSpecificCodec.fit(real, CodecOptions.DEFAULTS, Seeds.of(2),
        threads);
    long t1 = System.nanoTime();
    codec.encode(real, new SplittableRandom(3), threads);
    long t2 = System.nanoTime();
    System.err.printf(Locale.ROOT, "codec: fit %.3f s, transform %.3f s, width %d%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, codec.width());
    Path checkpoints = Files.createTempDirectory("synthehr-bench-");
    EpochTimes times = new EpochTimes();
    double[] quality = {Double.NaN, Double.NaN};
    double sampleSeconds = Double.NaN;
    try {
      for (int stage = 0; stage < epochs.length; stage++) {
        // The first stage leaves a checkpoint that the next stage resumes from.
        ModelConfig config = new ModelConfig(model, epochs[stage], 500, "cpu",
            stage == 0 ? epochs[0] : 0, JsonNodeFactory.instance.objectNode());
        times.newRun();
        try (FittedSynthesizer m = ModelKinds.create(config).fit(real, new TrainingContext(
            Seeds.of(Long.getLong("bench.seed", 7)), times, checkpoints, stage > 0))) {
          if (rows == 0) {
            break;
          }
          m.sample(SampleRequest.of(2_000, 1));
          long s0 = System.nanoTime();
          Table synthetic = m.sample(SampleRequest.of(100_000, 11));
          double seconds = (System.nanoTime() - s0) / 1e9;
          sampleSeconds = stage == 0 ? seconds : Math.min(sampleSeconds, seconds);
          double q = QualityScore.score(real, synthetic).overall();
          System.err.printf(Locale.ROOT, "%s after %d epochs: quality %.3f, sampled 100k in %.2f"
              + " s%n", model, epochs[stage], q, seconds);
          quality[Math.min(stage, 1)] = q;
        }
      }
    } finally {
      FileTrees.deleteRecursively(checkpoints);
    }
    Result r = new Result(model, threads, real.rowCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        times.meanAfterFirst(), times.first(), sampleSeconds, quality[0], quality[1],
        BenchRecord.peakRssMb(), times.profile, times.cpuPerEpoch());
    System.out.println("RESULT " + Json.mapper().writer()
        .without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
  }

  /** Collects epoch durations (and the per-step profile) across the stages of a child run. */
  private static final class EpochTimes implements TrainingListener {
    final List<Double> seconds = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();
    double lastElapsed;
    long lastCpu = cpuNanos();
    String profile = "";

    void newRun() {
      lastElapsed = 0;
      lastCpu = cpuNanos();
    }

    @Override
    public void epoch(EpochStats s) {
      seconds.add(s.elapsedSeconds() - lastElapsed);
      lastElapsed = s.elapsedSeconds();
      long now = cpuNanos();
      cpu.add((now - lastCpu) / 1e9);
      lastCpu = now;
      if (s.epoch() % 5 == 0 || s.epoch() == s.epochs()) {
        System.err.printf(Locale.ROOT, "  epoch %d/%d %.2f s %s%n", s.epoch(), s.epochs(),
            seconds.get(seconds.size() - 1), s.losses());
      }
    }

    @Override
    public void message(String text) {
      System.err.println("  " + text);
      if (text.contains("ms per step")) {
        profile = text;
      }
    }

    double first() {
      return seconds.isEmpty() ? Double.NaN : seconds.get(0);
    }

    double meanAfterFirst() {
      List<Double> rest = seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds;
      return rest.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double cpuPerEpoch() {
      List<Double> rest = cpu.size() > 1 ? cpu.subList(1, cpu.size()) : cpu;
      return rest.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static long cpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
          .getOperatingSystemMXBean()).getProcessCpuTime();
    }
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void record(List<Result> results, List<Result> full, String loadBefore,
      String loadAfter, String args) {
    List<String> lines = new ArrayList<>();
    lines.add("Load average (1/5/15 min) before " + loadBefore + ", after " + loadAfter
        + " (other jobs on this 2-core machine inflate the times).");
    lines.add("");
    lines.add("| diabetes30k | threads | VGM fit s | transform s | s/epoch | CPU s/epoch"
        + " | sample 100k s (rows/s) | quality 5 ep | quality 50 ep | peak RSS MB |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|");
    lines.add("| reference CTGAN | 1 | 4.5 | 3.0 | 4.08 | | 2.16 (46k) | 0.891 | 0.880 | 592 |");
    lines.add("| reference TVAE | 1 | 4.7 | 3.0 | 0.68 | | 0.93 (107k) | 0.495 | 0.769 | 575 |");
    for (Result r : results) {
      lines.add(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f (%,.0fk)"
          + " | %.3f | %.3f | %.0f |", r.model(), r.threads(), r.codecFitSeconds(),
          r.transformSeconds(), r.secondsPerEpoch(), r.cpuSecondsPerEpoch(), r.sampleSeconds(),
          100.0 / r.sampleSeconds(), r.quality5(), r.quality50(), r.peakRssMb()));
    }
    lines.add("");
    lines.add("Targets (ISSUE 3): CTGAN <= 3.0 s/epoch, TVAE <= 0.5; VGM fit + transform <= 1.9 s;"
        + " sampling >= 92k rows/s CTGAN, >= 214k TVAE; quality >= reference at 5 and 50 epochs;"
        + " full diabetes130 training < 2 GB.");
    lines.add("s/epoch is the mean over epochs 2..50 (epoch 1 includes warm-up); CPU s/epoch is the"
        + " process CPU time per epoch. Quality: REFERENCE.md score, real 30k vs 100k synthetic.");
    if (!full.isEmpty()) {
      lines.add("");
      lines.add("| full diabetes130 (101,766 rows), 1 thread | first epoch s | peak RSS MB |");
      lines.add("|---|---|---|");
      for (Result r : full) {
        lines.add(String.format(Locale.ROOT, "| %s | %.1f | %.0f |", r.model(),
            r.firstEpochSeconds(), r.peakRssMb()));
      }
    }
    lines.add("");
    lines.add("Time per training step (diabetes30k):");
    lines.add("");
    for (Result r : results) {
      lines.add(String.format(Locale.ROOT, "- %s, %d thread(s): %s", r.model(), r.threads(),
          r.profile()));
    }
    BenchRecord.append("CTGAN and TVAE, diabetes30k (REFERENCE.md)",
        ("bin/bench ctgan-tvae " + args).trim(), lines);
  }
}
