package org.synthehr.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.core.io.Json;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortInputConfig;
import org.synthehr.core.longitudinal.CohortReader;
import org.synthehr.core.longitudinal.CohortSplit;
import org.synthehr.core.longitudinal.GridConfig;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;
import org.synthehr.core.seed.Seeds;
import org.synthehr.evaluator.longitudinal.LongitudinalEvaluation;
import org.synthehr.evaluator.longitudinal.TrajectoryReportPage;
import org.synthehr.generator.EpochStats;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.TrainingListener;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.generator.longitudinal.SampledCohort;
import org.synthehr.generator.longitudinal.TrajectoryDiffusionSynthesizer;
import org.synthehr.generator.longitudinal.TrajectoryKinds;
import org.synthehr.generator.longitudinal.TwinForecast;
import org.synthehr.generator.longitudinal.TwinRequest;
import org.synthehr.generator.model.ModelConfig;

/**
 * Trajectory models on the full PhysioNet 2012 set A (4,000 ICU stays, hourly 48-hour grid), split
 * 80/20 by patient: training time, sampling speed, TSTR vs TRTR AUC for in-hospital death,
 * discriminative and predictive scores, and digital-twin coverage and CRPS (history 24 h, horizon
 * 24 h). Usage: {@code bin/bench longitudinal [kind] [epochs] [key=value ...]} (epochs: 300 for
 * diffusion, 40 for the GAN), where keys are
 * model options or {@code batch_size}, {@code twin_patients}, {@code twin_samples},
 * {@code train_patients}, {@code repeats} (synthetic samples the TSTR and discriminative figures
 * are averaged over, default 3), {@code model_dir} (saves the trained model there, or loads the
 * one it holds) and {@code recalibrate=true} (with a saved model: fit its calibration and realism
 * critic again with this code, to score a change to either without training).
 */
final class LongitudinalBenchmark implements Benchmark {
  @Override
  public String name() {
    return "longitudinal";
  }

  @Override
  public String description() {
    return "trajectory-diffusion / trajectory-gan on full physionet2012-a: TSTR, discriminative,"
        + " twins";
  }

  @Override
  public void run(String[] args) throws IOException {
    String kind = args.length > 0 ? args[0] : "trajectory-diffusion";
    // The defaults are the epochs of the best measured runs (BENCHMARKS.md).
    int epochs = args.length > 1 ? Integer.parseInt(args[1])
        : kind.equals("trajectory-gan") ? 40 : 300;
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    int batch = 64;
    int twinPatients = 400;
    int twinSamples = 20;
    int trainPatients = Integer.MAX_VALUE;
    int repeats = 3;
    Path modelDir = null;
    boolean recalibrate = false;
    String data = "../shared/datasets/physionet2012-a/";
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      switch (kv[0]) {
        case "batch_size" -> batch = Integer.parseInt(kv[1]);
        case "twin_patients" -> twinPatients = Integer.parseInt(kv[1]);
        case "twin_samples" -> twinSamples = Integer.parseInt(kv[1]);
        case "train_patients" -> trainPatients = Integer.parseInt(kv[1]);
        case "repeats" -> repeats = Integer.parseInt(kv[1]);
        case "model_dir" -> modelDir = Path.of(kv[1]);
        case "recalibrate" -> recalibrate = Boolean.parseBoolean(kv[1]);
        case "data" -> data = kv[1].endsWith("/") ? kv[1] : kv[1] + "/";
        default -> options.set(kv[0], ConfigLoader.yamlMapper().readTree(kv[1]));
      }
    }
    String load0 = load();
    CohortInputConfig in = new CohortInputConfig(CohortInputConfig.Layout.LONG,
        data + "set-a_static.csv", "configs/physionet2012.static.schema.yaml",
        data + "set-a_timeseries.csv.gz", null, "record_id", "minutes", null, "parameter", "value",
        null, data + "Outcomes-a.csv", "RecordID", "In-hospital_death", null, List.of("-1"),
        "configs/physionet2012.variables.yaml");
    long t0 = System.nanoTime();
    CohortReader.Result read = CohortReader.read(in, GridConfig.hourly48());
    double readSeconds = (System.nanoTime() - t0) / 1e9;
    System.err.println(read.summary().describe(read.cohort().schema()));
    Seeds seeds = Seeds.of(42);
    CohortSplit split = CohortSplit.byPatient(read.cohort(), 0.2, seeds.seed("split"));
    Cohort train = CohortSplit.atMost(split.training(), trainPatients, seeds.seed("subsample"));
    Cohort holdout = split.holdout();
    ModelConfig config = new ModelConfig(kind, epochs, batch, "cpu", 0, options);
    long t1 = System.nanoTime();
    boolean trained = modelDir == null || !Files.exists(modelDir);
    if (recalibrate && trained) {
      System.err.println("recalibrate=true fits the calibration of a saved model again: set"
          + " model_dir=DIR to a directory holding one (a run with model_dir saves it there)");
      System.exit(2);
    }
    // The context training used, so an unchanged calibration comes out the same.
    TrainingContext context = new TrainingContext(seeds.child("train"), new Progress(), null,
        false);
    try (FittedTrajectorySynthesizer model = trained
        ? TrajectoryKinds.create(config).fit(train, context)
        : loaded(modelDir, recalibrate, train, context)) {
      double trainSeconds = (System.nanoTime() - t1) / 1e9;
      if (trained && modelDir != null) {
        model.save(modelDir);
      }
      System.err.printf(Locale.ROOT, "sampling %,d synthetic patients...%n", train.size());
      long t2 = System.nanoTime();
      SampledCohort sampled = model.sampleCohort(train.size(), seeds.seed("sample"));
      double sampleSeconds = (System.nanoTime() - t2) / 1e9;
      int cut = 24;
      int horizon = 24;
      Cohort twinPool = inStayAt(holdout, cut);
      Cohort twinOf = CohortSplit.atMost(twinPool, twinPatients, seeds.seed("twins.patients"));
      System.err.printf(Locale.ROOT, "sampling %d twins for each of %,d holdout patients...%n",
          twinSamples, twinOf.size());
      long t3 = System.nanoTime();
      TwinForecast twins = model.sampleTwins(new TwinRequest(twinOf, cut, horizon, twinSamples,
          seeds.seed("twins")));
      double twinSeconds = (System.nanoTime() - t3) / 1e9;
      System.err.println("evaluating (TSTR, discriminative and predictive scores, twins)...");
      LongitudinalEvaluation.Result r = LongitudinalEvaluation.evaluate(
          new LongitudinalEvaluation.Inputs(train, holdout, sampled.cohort(),
              sampled.rawViolations(), twins.samples(), twinOf, cut, horizon, 0.8, 0.9, 1000),
          seeds.child("evaluate"));
      List<List<MetricResult>> samples = new ArrayList<>(List.of(r.metrics()));
      for (int i = 2; i <= repeats; i++) {
        System.err.printf(Locale.ROOT, "repeat %d/%d: sampling and scoring %,d more patients...%n",
            i, repeats, train.size());
        Cohort again = model.sampleCohort(train.size(), seeds.seed("sample.repeat" + i)).cohort();
        samples.add(LongitudinalEvaluation.perSample(train, holdout, again, 1000, 0.9,
            seeds.child("evaluate.repeat" + i)));
      }
      Report report = new Report("Longitudinal benchmark: " + kind + " on physionet2012-a",
          r.summary(), r.metrics(), Provenance.capture(42, config.toString(), Map.of(),
              Map.of()));
      Path out = Path.of("bench/target/longitudinal-" + kind);
      Files.createDirectories(out);
      Json.write(out.resolve("report.json"), report);
      Files.writeString(out.resolve("report.html"), TrajectoryReportPage.html(report, holdout,
          sampled.cohort(), twinOf, twins.samples(), cut));
      String load1 = load();
      BenchRecord.append("Longitudinal: " + kind + " on physionet2012-a (" + epochs + " epochs)",
          "bin/bench longitudinal " + String.join(" ", args), List.of(
              String.format(Locale.ROOT, "Split by patient: %,d training (%,d used), %,d holdout;"
                  + " hourly grid of 48 steps, 37 variables; options %s, batch %d.",
                  split.training().size(), train.size(), holdout.size(), options, batch),
              "",
              "| figure | value | baseline / target |",
              "|---|---|---|",
              row(r, "utility.tstr_auc", "TSTR AUC in-hospital death (random forest)", "TRTR"),
              row(r, "utility.tstr_trtr_ratio", "TSTR / TRTR (random forest)", "target >= 0.9"),
              row(r, "utility.tstr_auc_logistic", "TSTR AUC (logistic regression)", "TRTR"),
              row(r, "utility.tstr_trtr_ratio_logistic", "TSTR / TRTR (logistic)", "target"),
              row(r, "trajectory.discriminative", "discriminative score (random forest)",
                  "holdout vs training; target <= 0.15"),
              row(r, "trajectory.discriminative_logistic", "discriminative score (logistic)", ""),
              repeated(samples, "utility.tstr_trtr_ratio", "TSTR / TRTR (random forest)",
                  "target >= 0.9"),
              repeated(samples, "utility.tstr_trtr_ratio_logistic", "TSTR / TRTR (logistic)", ""),
              repeated(samples, "trajectory.discriminative", "discriminative score (random forest)",
                  "target <= 0.15"),
              repeated(samples, "trajectory.discriminative_logistic",
                  "discriminative score (logistic)", ""),
              outcomeShare(r),
              row(r, "trajectory.predictive_mae", "predictive score (MAE in SDs, TSTR)", "TRTR"),
              row(r, "twins.coverage", "twin 80% interval coverage (" + twinOf.size()
                  + " holdout patients x " + twinSamples + " twins)", "target 0.70-0.90"),
              row(r, "twins.crps", "twin CRPS (in SDs)", "last value carried forward"),
              row(r, "twins.outcome_auc", "twin death risk AUC", ""),
              row(r, "trajectory.marginals", "marginals by time bin (1-KS)", "holdout"),
              row(r, "trajectory.observation_rate_diff", "charting-rate difference", "holdout"),
              row(r, "trajectory.autocorrelation_diff", "autocorrelation difference", "holdout"),
              row(r, "trajectory.cross_correlation_diff", "cross-correlation difference",
                  "holdout"),
              row(r, "plausibility.after_end", "raw values after record end (share)", "real"),
              row(r, "plausibility.too_frequent", "raw too-frequent charting per patient",
                  "real"),
              String.format(Locale.ROOT, "| read + grid the data | %.1f s | |", readSeconds),
              trained ? String.format(Locale.ROOT, "| training | %.0f s (%.2f s/epoch) | |",
                  trainSeconds, trainSeconds / epochs) : "| training | loaded from " + modelDir
                  + (recalibrate ? String.format(Locale.ROOT, "; loaded, calibration and critic"
                  + " fitted again with this code in %.0f s", trainSeconds) : "") + " | |",
              String.format(Locale.ROOT, "| sampling %,d patients | %.1f s (%.1f patients/s) | |",
                  train.size(), sampleSeconds, train.size() / sampleSeconds),
              String.format(Locale.ROOT, "| %,d twins | %.1f s | |", twinOf.size() * twinSamples,
                  twinSeconds),
              String.format(Locale.ROOT, "| peak RSS | %.0f MB | |", BenchRecord.peakRssMb()),
              "",
              "Load average (1/5/15 min) at start: " + load0 + "; at end: " + load1 + ". Report: "
                  + out.resolve("report.html") + "."));
    }
  }

  /** A saved model, with its calibration fitted again by this code if asked. */
  private static FittedTrajectorySynthesizer loaded(Path dir, boolean recalibrate, Cohort train,
      TrainingContext context) {
    FittedTrajectorySynthesizer saved = TrajectoryKinds.load(dir);
    if (!recalibrate) {
      return saved;
    }
    try (saved) {
      return TrajectoryDiffusionSynthesizer.recalibrated(saved, train, context);
    }
  }

  private static String row(LongitudinalEvaluation.Result r, String id, String label,
      String baseline) {
    MetricResult m = r.metrics().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
    if (m == null) {
      return "| " + label + " | n/a | |";
    }
    String b = m.baseline() == null ? baseline : String.format(Locale.ROOT, "%.3f (%s)",
        m.baseline(), baseline);
    if (m.passed() != null) {
      b += m.passed() ? " - pass" : " - FAIL";
    }
    return String.format(Locale.ROOT, "| %s | %.3f | %s |", label, m.value(), b);
  }

  /** The outcome's share among synthetic patients against the training cohort's. */
  private static String outcomeShare(LongitudinalEvaluation.Result r) {
    MetricResult m = r.metrics().stream().filter(x -> x.id().equals("utility.tstr_auc"))
        .findFirst().orElse(null);
    if (m == null || !m.details().containsKey("synthetic_positive_share")) {
      return "| in-hospital death share | n/a | |";
    }
    return String.format(Locale.ROOT, "| in-hospital death share | %.3f | %.3f (training) |",
        ((Number) m.details().get("synthetic_positive_share")).doubleValue(),
        ((Number) m.details().get("real_positive_share")).doubleValue());
  }

  /** A figure's mean over synthetic samples (each with its own classifier seeds), with its range. */
  private static String repeated(List<List<MetricResult>> samples, String id, String label,
      String target) {
    double[] v = samples.stream().flatMap(List::stream).filter(x -> x.id().equals(id))
        .mapToDouble(MetricResult::value).toArray();
    if (v.length < 2) {
      return "| " + label + ", one sample only | n/a | |";
    }
    double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
    double lo = java.util.Arrays.stream(v).min().orElse(Double.NaN);
    double hi = java.util.Arrays.stream(v).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "| %s, mean of %d samples | %.3f (%.3f-%.3f) | %s |", label,
        v.length, mean, lo, hi, target);
  }

  /** Patients whose record still runs at the cut (a twin forecasts a stay in progress). */
  static Cohort inStayAt(Cohort c, int cut) {
    List<Integer> rows = new ArrayList<>();
    for (int p = 0; p < c.size(); p++) {
      if (c.end(p) > cut) {
        rows.add(p);
      }
    }
    return c.take(rows.stream().mapToInt(Integer::intValue).toArray());
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + "/"
          + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[1] + "/"
          + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[2];
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage());
    }
  }

  /** Prints epochs to standard error. */
  private static final class Progress implements TrainingListener {
    @Override
    public void epoch(EpochStats s) {
      System.err.printf(Locale.ROOT, "epoch %d/%d %s %.0f rows/s elapsed %.0fs ETA %.0fs%n",
          s.epoch(), s.epochs(), s.losses(), s.rowsPerSecond(), s.elapsedSeconds(),
          s.etaSeconds());
    }

    @Override
    public void message(String text) {
      System.err.println(text);
    }
  }
}
