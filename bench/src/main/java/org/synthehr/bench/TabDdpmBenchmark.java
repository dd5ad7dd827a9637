package org.synthehr.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import org.synthehr.core.stats.Auc;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.StringColumn;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.fidelity.QualityScore;
import org.synthehr.evaluator.model.BinaryClassifier;
import org.synthehr.evaluator.model.ClassifierKind;
import org.synthehr.generator.EpochStats;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.TrainingListener;
import org.synthehr.generator.diffusion.FittedTabDdpm;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;

/**
 * TabDDPM against CTGAN and TVAE at equal training wall-clock time on diabetes130 split by patient.
 * The data: the 18 columns of REFERENCE.md's diabetes30k; patients are split 80/20 by a seeded hash
 * of {@code patient_nbr}; the training table is a seeded 30,000-row subset of the training patients'
 * encounters (diabetes30k-style), the test table every encounter of the held-out patients.
 *
 * <p>Each model trains in its own JVM (same engine threads for all) until its wall-clock budget is
 * spent: a checkpoint is written after every epoch and the epoch that crosses the budget ends the
 * run, which then resumes from its last checkpoint with nothing left to train (so the figures are
 * those of a model trained for the budget, give or take one epoch; the seconds actually trained are
 * reported). Then: sampling 100k rows (time and rows/s), the REFERENCE.md quality score (real 30k vs
 * 100k synthetic), and train-synthetic-test-real AUC of {@code readmitted = <30} with XGBoost and
 * logistic regression (30k synthetic rows), next to train-real-test-real with the same classifiers.
 * For TabDDPM also the cost of strided sampling: time, quality and TSTR AUC with fewer and with all
 * T steps.
 */
final class TabDdpmBenchmark implements Benchmark {
  static final List<String> COLUMNS = List.of("time_in_hospital", "num_lab_procedures",
      "num_procedures", "num_medications", "number_outpatient", "number_emergency",
      "number_inpatient", "number_diagnoses", "race", "gender", "age", "admission_type_id",
      "discharge_disposition_id", "admission_source_id", "medical_specialty", "A1Cresult",
      "insulin", "readmitted");
  private static final String DEFAULT_DATA = "../shared/datasets/diabetes130/diabetic_data.csv";
  private static final String LABEL = "readmitted";
  private static final String POSITIVE = "<30";
  private static final List<ClassifierKind> CLASSIFIERS = List.of(ClassifierKind.XGBOOST,
      ClassifierKind.LOGISTIC);
  private static final int SAMPLE_ROWS = 100_000;

  /**
   * One sampling configuration of a trained model.
   *
   * @param steps sampling steps (0 = the model's default)
   * @param seconds time to sample 100k rows
   * @param quality REFERENCE.md score against the real training rows
   * @param auc TSTR AUC per classifier id
   */
  record Sampling(int steps, double seconds, double quality, Map<String, Double> auc) {}

  /** The figures of one child run. */
  record Result(String model, int budgetSeconds, double trainedSeconds, int epochs, long steps,
      double stepsPerSecond, double rowsPerSecondTraining, List<Sampling> sampling,
      double peakRssMb, String profile, String load) {}

  @Override
  public String name() {
    return "tabddpm";
  }

  @Override
  public String description() {
    return "TabDDPM vs CTGAN and TVAE at equal wall-clock on diabetes130 split by patient:"
        + " quality, TSTR AUC, sampling 100k, strided vs full";
  }

  @Override
  public void run(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    if (opts.containsKey("child")) {
      child(opts);
      return;
    }
    String data = opts.getOrDefault("data", DEFAULT_DATA);
    List<String> models = List.of(opts.getOrDefault("models", "tabddpm,ctgan,tvae").split(","));
    List<Integer> budgets = Arrays.stream(opts.getOrDefault("budgets", "60,180").split(","))
        .map(Integer::parseInt).toList();
    int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
    String strided = opts.getOrDefault("strided", "10,20,50,100");
    String loadBefore = load();
    Split split = split(data);
    Map<String, Double> trtr = new LinkedHashMap<>();
    for (ClassifierKind k : CLASSIFIERS) {
      trtr.put(k.id(), tstr(k, split.train(), split.test()));
    }
    System.err.println("TRTR AUC " + trtr + " (" + split.train().rowCount() + " training, "
        + split.test().rowCount() + " test rows)");
    List<Result> results = new ArrayList<>();
    for (int budget : budgets) {
      for (String model : models) {
        results.add(spawn(model, budget, threads, data, model.equals("tabddpm")
            && budget == budgets.get(budgets.size() - 1) ? strided : "0", opts));
      }
    }
    record(split, trtr, results, threads, loadBefore, load(), String.join(" ", args));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'; options: --models"
            + " tabddpm,ctgan,tvae --budgets 60,180 (seconds) --threads 2 --strided 10,20,50,100"
            + " --data PATH --batch-tabddpm 1024");
      }
      out.put(a.substring(2), args[++i]);
    }
    return out;
  }

  /**
   * The benchmark's tables.
   *
   * @param train 30,000 encounters of training patients
   * @param test every encounter of the held-out patients
   */
  record Split(Table train, Table test, int trainPatients, int testPatients) {}

  /** diabetes130's 18 columns split by patient, the training side cut to 30,000 rows. */
  static Split split(String data) {
    InputConfig input = new InputConfig(data, "configs/diabetes130.schema.yaml", List.of(),
        List.of(), null, null);
    List<String> cols = new ArrayList<>(COLUMNS);
    cols.add("patient_nbr");
    Table all = DatasetLoader.load(input).table().select(cols);
    StringColumn patients = all.strings("patient_nbr");
    Seeds seeds = Seeds.of(42);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    java.util.Set<String> trainIds = new java.util.HashSet<>();
    java.util.Set<String> testIds = new java.util.HashSet<>();
    for (int r = 0; r < all.rowCount(); r++) {
      String id = patients.get(r);
      long h = Seeds.mix(Seeds.fnv1a(id) ^ seeds.seed("patient-split"));
      if ((h >>> 11) * 0x1.0p-53 < 0.2) {
        test.add(r);
        testIds.add(id);
      } else {
        train.add(r);
        trainIds.add(id);
      }
    }
    int[] idx = train.stream().mapToInt(Integer::intValue).toArray();
    SplittableRandom random = seeds.random("diabetes30k");
    for (int i = idx.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    Table trainTable = all.take(Arrays.copyOf(idx, Math.min(30_000, idx.length))).select(COLUMNS);
    Table testTable = all.take(test.stream().mapToInt(Integer::intValue).toArray())
        .select(COLUMNS);
    return new Split(trainTable, testTable, trainIds.size(), testIds.size());
  }

  /** AUC on the test rows of a classifier trained on {@code train} for readmitted = <30. */
  static double tstr(ClassifierKind kind, Table train, Table test) {
    List<String> features = COLUMNS.stream().filter(c -> !c.equals(LABEL)).toList();
    BinaryClassifier model = BinaryClassifier.train(kind, train, features, positive(train), 17);
    return Auc.of(positive(test), model.scores(test));
  }

  private static boolean[] positive(Table t) {
    CategoricalColumn label = t.categorical(LABEL);
    boolean[] out = new boolean[t.rowCount()];
    for (int r = 0; r < out.length; r++) {
      out[r] = POSITIVE.equals(label.value(r));
    }
    return out;
  }

  private static Result spawn(String model, int budget, int threads, String data, String strided,
      Map<String, String> opts) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + System.getProperty("bench.child.heap", "4g"));
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-DOPT_OUT_TRACKING=true");
    cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
    cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
    String jul = System.getProperty("java.util.logging.config.file");
    if (jul != null) {
      cmd.add("-Djava.util.logging.config.file=" + jul);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchMain.class.getName());
    cmd.addAll(List.of("tabddpm", "--child", model, "--budget", Integer.toString(budget),
        "--data", data, "--strided", strided, "--batch-tabddpm",
        opts.getOrDefault("batch-tabddpm", "1024")));
    System.err.printf(Locale.ROOT, "%n== %s, %d s budget, %d thread(s), load %s ==%n", model,
        budget, threads, load());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
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
      throw new IllegalStateException("benchmark run " + model + "/" + budget + " failed (exit "
          + code + ")");
    }
    return result;
  }

  /** Stops training once the budget is spent (by failing the epoch after it). */
  private static final class Budget implements TrainingListener {
    final double seconds;
    double trained;
    int epochs;
    String profile = "";

    Budget(double seconds) {
      this.seconds = seconds;
    }

    @Override
    public void epoch(EpochStats s) {
      trained = s.elapsedSeconds();
      epochs = s.epoch();
      if (s.epoch() % 10 == 0) {
        System.err.printf(Locale.ROOT, "  epoch %d, %.1f s, %s%n", s.epoch(), s.elapsedSeconds(),
            s.losses());
      }
      if (trained >= seconds) {
        throw new BudgetSpent();
      }
    }

    @Override
    public void message(String text) {
      if (text.contains("ms per step")) {
        profile = text;
      }
      if (!text.contains("checkpoint after epoch")) {
        System.err.println("  " + text);
      }
    }
  }

  /** Thrown by {@link Budget} to end training. */
  private static final class BudgetSpent extends RuntimeException {
    BudgetSpent() {
      super("training budget spent", null, false, false);
    }
  }

  private static void child(Map<String, String> opts) throws IOException {
    String model = opts.get("child");
    int budget = Integer.parseInt(opts.get("budget"));
    Split split = split(opts.get("data"));
    Table real = split.train();
    int batch = model.equals("tabddpm") ? Integer.parseInt(opts.get("batch-tabddpm")) : 500;
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    Path checkpoints = Files.createTempDirectory("synthehr-bench-");
    String loadAtStart = load();
    try {
      Budget listener = new Budget(budget);
      ModelConfig config = new ModelConfig(model, 1_000_000, batch, "cpu", 1, options);
      try {
        ModelKinds.create(config).fit(real, new TrainingContext(Seeds.of(7), listener,
            checkpoints, false)).close();
        throw new IllegalStateException("a million epochs within the budget?");
      } catch (BudgetSpent spent) {
        // Expected: the checkpoint of the last epoch holds the model.
      }
      ModelConfig done = new ModelConfig(model, listener.epochs, batch, "cpu", 0, options);
      try (FittedSynthesizer m = ModelKinds.create(done).fit(real, new TrainingContext(
          Seeds.of(7), TrainingListener.silent(), checkpoints, true))) {
        long stepsPerEpoch = (real.rowCount() + batch - 1) / batch;
        List<Sampling> sampling = new ArrayList<>();
        m.sample(SampleRequest.of(2_000, 1));
        sampling.add(evaluate(m, 0, split));
        for (String s : opts.get("strided").split(",")) {
          int steps = Integer.parseInt(s);
          if (steps > 0 && m instanceof FittedTabDdpm) {
            sampling.add(evaluate(m, steps, split));
          }
        }
        long steps = stepsPerEpoch * listener.epochs;
        Result r = new Result(model, budget, listener.trained, listener.epochs, steps,
            steps / listener.trained, real.rowCount() * (double) listener.epochs
                / listener.trained, sampling, BenchRecord.peakRssMb(), listener.profile,
            loadAtStart + " -> " + load());
        System.out.println("RESULT " + Json.mapper().writer()
            .without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
      }
    } finally {
      FileTrees.deleteRecursively(checkpoints);
    }
  }

  private static Sampling evaluate(FittedSynthesizer m, int steps, Split split) {
    long t0 = System.nanoTime();
    SampleRequest request = SampleRequest.of(SAMPLE_ROWS, 11);
    Table synthetic = steps == 0 ? m.sample(request)
        : ((FittedTabDdpm) m).sample(request, steps, 0.0);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double quality = QualityScore.score(split.train(), synthetic).overall();
    Map<String, Double> auc = new LinkedHashMap<>();
    Table train = synthetic.head(split.train().rowCount());
    for (ClassifierKind k : CLASSIFIERS) {
      auc.put(k.id(), tstr(k, train, split.test()));
    }
    System.err.printf(Locale.ROOT, "  %s sampling (%s steps): 100k rows in %.2f s, quality %.4f,"
        + " TSTR AUC %s%n", m.kind(), steps == 0 ? "default" : steps, seconds, quality, auc);
    return new Sampling(steps, seconds, quality, auc);
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void record(Split split, Map<String, Double> trtr, List<Result> results,
      int threads, String loadBefore, String loadAfter, String args) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Data: diabetes130, 18 columns of diabetes30k, patients"
        + " split 80/20 by patient_nbr: %,d training rows (seeded subset of %,d training"
        + " patients' encounters), %,d test rows (%,d held-out patients). Label: readmitted = <30."
        + " Engine threads %d per run. Load average before %s, after %s.", split.train()
        .rowCount(), split.trainPatients(), split.test().rowCount(), split.testPatients(),
        threads, loadBefore, loadAfter));
    lines.add("");
    lines.add(String.format(Locale.ROOT, "TRTR AUC (trained on the 30k real rows): XGBoost %.4f,"
        + " logistic %.4f. Target: TabDDPM TSTR >= 0.95 x TRTR = %.4f (XGBoost).",
        trtr.get("xgboost"), trtr.get("logistic"), 0.95 * trtr.get("xgboost")));
    lines.add("");
    lines.add("| model | budget s | trained s | epochs | steps/s | train rows/s | sample 100k s"
        + " (rows/s) | quality | TSTR AUC XGBoost (/TRTR) | TSTR AUC logistic | peak RSS MB |"
        + " load |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      Sampling s = r.sampling().get(0);
      lines.add(String.format(Locale.ROOT, "| %s | %d | %.0f | %d | %.1f | %,.0f | %.2f (%,.0f)"
          + " | %.4f | %.4f (%.3f) | %.4f | %.0f | %s |", r.model(), r.budgetSeconds(),
          r.trainedSeconds(), r.epochs(), r.stepsPerSecond(), r.rowsPerSecondTraining(),
          s.seconds(), SAMPLE_ROWS / s.seconds(), s.quality(), s.auc().get("xgboost"),
          s.auc().get("xgboost") / trtr.get("xgboost"), s.auc().get("logistic"), r.peakRssMb(),
          r.load()));
    }
    for (Result r : results) {
      if (r.sampling().size() > 1) {
        lines.add("");
        lines.add(String.format(Locale.ROOT, "TabDDPM (%d s budget): strided vs full sampling of"
            + " 100k rows (DDIM eta 0 for the Gaussian part, exact multinomial jumps):",
            r.budgetSeconds()));
        lines.add("");
        lines.add("| sampling steps | sample 100k s | quality | TSTR AUC XGBoost | TSTR AUC"
            + " logistic |");
        lines.add("|---|---|---|---|---|");
        for (Sampling s : r.sampling()) {
          lines.add(String.format(Locale.ROOT, "| %s | %.2f | %.4f | %.4f | %.4f |",
              s.steps() == 0 ? "default" : Integer.toString(s.steps()), s.seconds(), s.quality(),
              s.auc().get("xgboost"), s.auc().get("logistic")));
        }
      }
    }
    // The budget ends a run by interrupting its training loop, before the loop reports its
    // per-step profile, so runs usually have none: list only the ones that do.
    List<String> profiles = results.stream().filter(r -> !r.profile().isEmpty())
        .map(r -> String.format(Locale.ROOT, "- %s (%d s): %s", r.model(), r.budgetSeconds(),
            r.profile())).toList();
    if (!profiles.isEmpty()) {
      lines.add("");
      lines.add("Time per training step:");
      lines.add("");
      lines.addAll(profiles);
    }
    BenchRecord.append("TabDDPM vs CTGAN and TVAE at equal wall-clock, diabetes130 by patient",
        ("bin/bench tabddpm " + args).trim(), lines);
  }
}
