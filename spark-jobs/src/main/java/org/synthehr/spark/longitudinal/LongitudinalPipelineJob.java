package org.synthehr.spark.longitudinal;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.AtomicOutput;
import org.synthehr.core.io.Json;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortReader;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.longitudinal.CohortSplit;
import org.synthehr.core.longitudinal.PlausibilityReport;
import org.synthehr.core.longitudinal.omop.OmopConfig;
import org.synthehr.core.longitudinal.omop.OmopExport;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.Report;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.TableBuilder;
import org.synthehr.evaluator.timeseries.LongitudinalEvaluation;
import org.synthehr.evaluator.timeseries.TrajectoryReportPage;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.trajectory.FittedTrajectorySynthesizer;
import org.synthehr.generator.trajectory.TrajectoryKinds;
import org.synthehr.generator.trajectory.TwinForecast;
import org.synthehr.generator.trajectory.TwinRequest;
import org.synthehr.spark.jobs.Console;

/**
 * The longitudinal pipeline: read the cohort onto its grid → split by patient → train the
 * trajectory model → sample synthetic patients across Spark tasks into OMOP-shaped Parquet tables →
 * forecast digital twins of holdout patients → evaluate, into one output directory that appears
 * only when everything succeeded: {@code model/}, {@code synthetic/person},
 * {@code synthetic/visit_occurrence}, {@code synthetic/measurement}, {@code report.json},
 * {@code report.html}, {@code config.resolved.yaml} and {@code run.json}.
 */
public final class LongitudinalPipelineJob {
  private static final int STEPS = 7;

  private LongitudinalPipelineJob() {}

  /**
   * What the pipeline produced.
   *
   * @param output the output directory
   * @param report the report written
   * @param patients synthetic patients written
   * @param measurements synthetic measurements written
   */
  public record Result(Path output, Report report, long patients, long measurements) {}

  /** Runs the pipeline. */
  public static Result run(SparkSession spark, LongitudinalConfigLoader.Loaded loaded,
      boolean overwrite, boolean resume, Console console) {
    LongitudinalJobConfig config = loaded.config();
    Seeds seeds = config.seeds();
    Path target = Path.of(config.output().dir());
    OmopConfig omop = config.omop() == null ? OmopConfig.minimal() : config.omop();
    try (AtomicOutput out = AtomicOutput.begin(target, overwrite)) {
      console.step(1, STEPS, "read " + (config.input().eventsPath() != null
          ? config.input().eventsPath() : config.input().visitsPath()));
      CohortReader.Result read = CohortReader.read(config.input(), config.grid());
      console.detail(read.summary().describe(read.cohort().schema()));
      OmopExport.check(omop, read.cohort().schema().statics());
      CohortSplit split = CohortSplit.byPatient(read.cohort(), config.split().holdoutFraction(),
          seeds.seed("split"));
      Cohort train = CohortSplit.atMost(split.training(), config.split().maxTrainPatients(),
          seeds.seed("train.subsample"));
      if (train.size() < 10 || split.holdout().size() < 5) {
        throw new InvalidInputException(Problem.ofInput("input", "only " + train.size()
            + " training and " + split.holdout().size() + " holdout patients",
            "use a cohort of at least a few dozen patients or change split.holdout_fraction"));
      }
      console.step(2, STEPS, String.format(Locale.ROOT, "split by patient: %,d training (%,d"
          + " used), %,d holdout", split.training().size(), train.size(),
          split.holdout().size()));
      Provenance provenance = provenance(config, loaded.resolvedYaml(), spark.version());
      console.step(3, STEPS, "train " + config.model().kind());
      Path modelDir = out.dir().resolve("model");
      long t0 = System.nanoTime();
      try (FittedTrajectorySynthesizer model = TrajectoryKinds.create(config.model()).fit(train,
          new TrainingContext(seeds.child("train"), console, checkpointDir(target), resume))) {
        model.save(modelDir);
        Json.write(modelDir.resolve("provenance.json"), provenance);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        console.detail(String.format(Locale.ROOT, "trained in %s", Console.duration(trainSeconds)));
        long patients = config.sample().patients() > 0 ? config.sample().patients() : train.size();
        console.step(4, STEPS, String.format(Locale.ROOT, "sample %,d patients in blocks of %,d",
            patients, config.sample().blockPatients()));
        long t1 = System.nanoTime();
        Dataset<Row> rows = CohortSampler.sample(spark, modelDir, model.schema(), patients,
            config.sample().blockPatients(), config.sample().partitions(), config.seed(), omop)
            .cache();
        Path synthetic = out.dir().resolve("synthetic");
        write(rows, CohortSampler.PERSON, synthetic.resolve("person"));
        write(rows, CohortSampler.VISIT, synthetic.resolve("visit_occurrence"));
        write(rows, CohortSampler.MEASUREMENT, synthetic.resolve("measurement"));
        long measurements = spark.read().parquet(synthetic.resolve("measurement").toString())
            .count();
        PlausibilityReport raw = violations(rows);
        Cohort syn = collectGrid(rows, model.schema(), config.evaluate().maxPatients());
        rows.unpersist();
        double sampleSeconds = (System.nanoTime() - t1) / 1e9;
        console.detail(String.format(Locale.ROOT, "%,d patients, %,d measurements in %s; raw"
            + " model output: %s", patients, measurements, Console.duration(sampleSeconds),
            raw.describe()));
        LongitudinalJobConfig.Twins tw = config.evaluate().twins();
        Cohort twinOf = null;
        TwinForecast twins = null;
        int cut = Math.min(tw.historySteps(), model.schema().steps() - 1);
        int horizon = Math.min(tw.horizonSteps(), model.schema().steps() - cut);
        if (tw.patients() > 0) {
          twinOf = CohortSplit.atMost(inStayAt(split.holdout(), cut), tw.patients(),
              seeds.seed("twins.patients"));
          console.step(5, STEPS, String.format(Locale.ROOT, "digital twins: %d futures of %,d"
              + " holdout patients after step %d", tw.samples(), twinOf.size(), cut));
          twins = twinOf.size() == 0 ? null : model.sampleTwins(new TwinRequest(twinOf, cut,
              horizon, tw.samples(), seeds.seed("twins")));
        } else {
          console.step(5, STEPS, "digital twins: skipped (evaluate.twins.patients = 0)");
        }
        console.step(6, STEPS, "evaluate");
        Cohort realTrain = CohortSplit.atMost(train, config.evaluate().maxPatients(),
            seeds.seed("evaluate.train"));
        Cohort holdout = CohortSplit.atMost(split.holdout(), config.evaluate().maxPatients(),
            seeds.seed("evaluate.holdout"));
        LongitudinalEvaluation.Result eval = LongitudinalEvaluation.evaluate(
            new LongitudinalEvaluation.Inputs(realTrain, holdout, syn, raw,
                twins == null ? null : twins.samples(), twinOf, cut, horizon, tw.interval(),
                config.evaluate().tstrTarget(), config.evaluate().maxDiscriminative()),
            seeds.child("evaluate"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model_kind", config.model().kind());
        summary.put("training_patients", train.size());
        summary.put("holdout_patients", split.holdout().size());
        summary.put("synthetic_patients", patients);
        summary.put("synthetic_measurements", measurements);
        summary.put("training_seconds", trainSeconds);
        summary.put("sampling_seconds", sampleSeconds);
        summary.putAll(eval.summary());
        Report report = new Report("Longitudinal synthetic data report: " + config.model().kind(),
            summary, eval.metrics(), provenance);
        eval.metrics().forEach(m -> console.detail(String.format(Locale.ROOT, "%-36s %.4f%s%s",
            m.id(), m.value(), m.baseline() == null ? "" : String.format(Locale.ROOT,
                " (baseline %.4f)", m.baseline()), m.passed() == null ? "" : m.passed()
                ? " pass" : " FAIL")));
        Json.write(out.dir().resolve("report.json"), report);
        writeText(out.dir().resolve("report.html"), TrajectoryReportPage.html(report, holdout,
            syn, twinOf, twins == null ? null : twins.samples(), cut));
        writeText(synthetic.resolve("README.md"), dataCard(config, patients, measurements));
        writeRunFiles(out.dir(), loaded, provenance, summary);
        out.commit();
        org.synthehr.core.io.AtomicOutput.deleteRecursively(checkpointDir(target));
        console.step(7, STEPS, String.format(Locale.ROOT, "wrote %s (model/, synthetic/ person,"
            + " visit_occurrence, measurement, report.json, report.html) in %s", out.target(),
            Console.duration(console.elapsed())));
        return new Result(out.target(), report, patients, measurements);
      }
    }
  }

  private static void write(Dataset<Row> rows, String kind, Path dir) {
    rows.filter(col("kind").equalTo(kind)).select(kind + ".*").write().mode(SaveMode.ErrorIfExists)
        .parquet(dir.toString());
  }

  private static PlausibilityReport violations(Dataset<Row> rows) {
    PlausibilityReport sum = PlausibilityReport.empty();
    for (Row r : rows.filter(col("kind").equalTo(CohortSampler.VIOLATIONS))
        .select(CohortSampler.VIOLATIONS + ".*").collectAsList()) {
      sum = sum.plus(new PlausibilityReport(r.getLong(0), r.getLong(1), r.getLong(2),
          r.getLong(3), r.getLong(4)));
    }
    return sum;
  }

  /** The first patients (by person id) back in grid form, for evaluation. */
  static Cohort collectGrid(Dataset<Row> rows, CohortSchema schema, int max) {
    List<Row> grid = rows.filter(col("kind").equalTo(CohortSampler.GRID)
        .and(col("grid.person_id").leq(max))).select(CohortSampler.GRID + ".*")
        .orderBy("person_id").collectAsList();
    int n = grid.size();
    int cells = schema.steps() * schema.variableCount();
    String[] ids = new String[n];
    int[] ends = new int[n];
    float[] values = new float[n * cells];
    TableBuilder statics = new TableBuilder(schema.statics(), "synthetic grid rows");
    for (int p = 0; p < n; p++) {
      Row r = grid.get(p);
      ids[p] = "S" + r.getLong(0);
      ends[p] = r.getInt(1);
      List<String> st = r.getList(2);
      statics.addRow(st.toArray(String[]::new), p + 1L);
      List<Float> v = r.getList(3);
      for (int i = 0; i < cells; i++) {
        Float x = v.get(i);
        values[p * cells + i] = x == null ? Float.NaN : x;
      }
    }
    return new Cohort(schema, ids, statics.build(), values, ends);
  }

  static Cohort inStayAt(Cohort c, int cut) {
    List<Integer> rows = new ArrayList<>();
    for (int p = 0; p < c.size(); p++) {
      if (c.end(p) > cut) {
        rows.add(p);
      }
    }
    return c.take(rows.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Checkpoints live beside the output (not in it) so they survive a failed run. */
  static Path checkpointDir(Path output) {
    Path abs = output.toAbsolutePath().normalize();
    return abs.resolveSibling("." + abs.getFileName() + ".checkpoints");
  }

  private static Provenance provenance(LongitudinalJobConfig config, String resolvedYaml,
      String sparkVersion) {
    Map<String, String> inputs = new TreeMap<>();
    for (String p : new String[] {config.input().staticPath(), config.input().eventsPath(),
        config.input().visitsPath(), config.input().outcomesPath(), config.input().variables()}) {
      if (p != null) {
        inputs.put(p, Provenance.fingerprint(Path.of(p)));
      }
    }
    return Provenance.capture(config.seed(), resolvedYaml, inputs, Map.of("spark", sparkVersion,
        "synthehr", Provenance.currentVersion()));
  }

  private static String dataCard(LongitudinalJobConfig config, long patients, long measurements) {
    return "# Synthetic data: every row is generated\n\n"
        + "These tables were sampled from a " + config.model().kind() + " model trained on "
        + "real patient trajectories. No row describes a real patient: person ids are synthetic"
        + " (1.." + patients + ") and every `person_source_value` starts with `synthetic-`."
        + " Dates are placed on the calendar from " + (config.omop() == null ? "2012-01-01"
            : config.omop().anchorDate()) + "; times within a stay follow the model.\n\n"
        + "| table | shape | rows |\n|---|---|---|\n"
        + "| `person/` | OMOP CDM v5.4 `person` (subset of columns) | " + patients + " |\n"
        + "| `visit_occurrence/` | one ICU stay per person (`visit_concept_id` 32037) | "
        + patients + " |\n"
        + "| `measurement/` | OMOP CDM v5.4 `measurement`: one row per charted value;"
        + " `measurement_source_value` names the variable, `unit_source_value` its unit | "
        + measurements + " |\n\n"
        + "Concept ids are standard where known (gender 8507/8532, type 32817 \"EHR\"),"
        + " otherwise 0 with the source value. See report.html for how faithful, useful and"
        + " plausible the data are, and config.resolved.yaml for how they were made.\n";
  }

  private static void writeRunFiles(Path dir, LongitudinalConfigLoader.Loaded loaded,
      Provenance provenance, Map<String, Object> figures) {
    writeText(dir.resolve("config.resolved.yaml"), "# Resolved from " + loaded.file()
        + (loaded.overrides().isEmpty() ? "" : " with --set " + String.join(" --set ",
            loaded.overrides())) + "\n" + loaded.resolvedYaml());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("command", "pipeline");
    run.put("kind", LongitudinalJobConfig.KIND);
    run.put("config_file", loaded.file().toString());
    run.put("overrides", loaded.overrides());
    run.put("figures", figures);
    run.put("provenance", provenance);
    Json.write(dir.resolve("run.json"), run);
  }

  private static void writeText(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
