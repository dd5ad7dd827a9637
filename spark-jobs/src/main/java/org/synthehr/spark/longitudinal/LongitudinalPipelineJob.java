package org.synthehr.spark.longitudinal;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
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
import org.synthehr.generator.trajectory.FittedTrajectorySynthesizer;
import org.synthehr.generator.trajectory.TwinForecast;
import org.synthehr.generator.trajectory.TwinRequest;
import org.synthehr.spark.fs.AtomicDir;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.HadoopConf;
import org.synthehr.spark.jobs.Checkpoints;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.sampling.DistributedSampler;
import org.synthehr.spark.sampling.ModelBundle;
import org.synthehr.spark.training.TrainingStage;
import org.synthehr.spark.training.TrajectoryTrainingTask;

/**
 * The longitudinal pipeline: read the cohort onto its grid → split by patient → train the
 * trajectory model → sample synthetic patients across Spark tasks into OMOP-shaped Parquet tables →
 * forecast digital twins of holdout patients → evaluate, into one output directory that appears
 * only when everything succeeded: {@code model/}, {@code synthetic/person},
 * {@code synthetic/visit_occurrence}, {@code synthetic/measurement}, {@code report.json},
 * {@code report.html}, {@code config.resolved.yaml} and {@code run.json}, then {@code _SUCCESS}.
 *
 * <p>Every path (the input files, output.dir, the model, the checkpoints beside the output) may be
 * a local path or a URI of any Hadoop filesystem ({@link FileStore}), so the job runs on a cluster
 * whose executors share no disk with the driver: the driver reads the cohort from local copies of
 * the input files (it needs the holdout for evaluation), the model is trained in a Spark task that
 * reads the same files itself, and the sampling tasks load the model from the run's filesystem.
 */
public final class LongitudinalPipelineJob {
  private static final int STEPS = 7;

  private LongitudinalPipelineJob() {}

  /**
   * What the pipeline produced.
   *
   * @param output the output directory (a local path, or the URI of another filesystem)
   * @param report the report written
   * @param patients synthetic patients written
   * @param measurements synthetic measurements written
   */
  public record Result(String output, Report report, long patients, long measurements) {}

  /** Runs the pipeline. */
  public static Result run(SparkSession spark, LongitudinalConfigLoader.Loaded loaded,
      boolean overwrite, boolean resume, Console console) {
    LongitudinalJobConfig config = loaded.config();
    Seeds seeds = config.seeds();
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path target = store.resolve(config.output().dir());
    OmopConfig omop = config.omop() == null ? OmopConfig.minimal() : config.omop();
    try (AtomicDir out = AtomicDir.begin(store, target, overwrite)) {
      console.step(1, STEPS, "read " + (config.input().eventsPath() != null
          ? config.input().eventsPath() : config.input().visitsPath()));
      TreeMap<String, String> locations = CohortFiles.locate(store, config.input());
      PreparedCohort cohort = PreparedCohort.read(store, config, locations);
      CohortReader.Result read = cohort.read();
      console.detail(read.summary().describe(read.cohort().schema()));
      OmopExport.check(omop, read.cohort().schema().statics());
      cohort.requireEnough();
      CohortSplit split = cohort.split();
      Cohort train = cohort.train();
      console.step(2, STEPS, String.format(Locale.ROOT, "split by patient: %,d training (%,d"
          + " used), %,d holdout", split.training().size(), train.size(),
          split.holdout().size()));
      Provenance provenance = provenance(store, config, loaded.resolvedYaml(), spark.version());
      console.step(3, STEPS, "train " + config.model().kind());
      Path modelDir = new Path(out.dir(), "model");
      double trainSeconds = train(spark, store, new PreparedCohort.Plan(loaded.resolvedYaml(),
          locations), config, modelDir, Checkpoints.dirFor(target), resume, provenance, console);
      try (FittedTrajectorySynthesizer model = ModelBundle.loadTrajectory(store, modelDir)) {
        long patients = config.sample().patients() > 0 ? config.sample().patients() : train.size();
        console.step(4, STEPS, String.format(Locale.ROOT, "sample %,d patients in blocks of %,d",
            patients, config.sample().blockPatients()));
        long t1 = System.nanoTime();
        Dataset<Row> rows = CohortSampler.sample(spark, new DistributedSampler.ModelLocation(
            modelDir.toString(), new HadoopConf(store.conf())), model.schema(), patients,
            config.sample().blockPatients(), config.sample().partitions(), config.seed(), omop)
            .cache();
        Path synthetic = new Path(out.dir(), "synthetic");
        write(rows, CohortSampler.PERSON, new Path(synthetic, "person"));
        write(rows, CohortSampler.VISIT, new Path(synthetic, "visit_occurrence"));
        write(rows, CohortSampler.MEASUREMENT, new Path(synthetic, "measurement"));
        long measurements = spark.read().parquet(new Path(synthetic, "measurement").toString())
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
        store.writeJson(new Path(out.dir(), "report.json"), report);
        store.writeString(new Path(out.dir(), "report.html"), TrajectoryReportPage.html(report,
            holdout, syn, twinOf, twins == null ? null : twins.samples(), cut));
        store.writeString(new Path(synthetic, "README.md"), dataCard(config, patients,
            measurements));
        writeRunFiles(store, out.dir(), loaded, provenance, summary);
        out.commit();
        Checkpoints.clear(store, target);
        String shown = FileStore.display(target);
        console.step(7, STEPS, String.format(Locale.ROOT, "wrote %s (model/, synthetic/ person,"
            + " visit_occurrence, measurement, report.json, report.html) in %s", shown,
            Console.duration(console.elapsed())));
        return new Result(shown, report, patients, measurements);
      }
    }
  }

  /**
   * Trains the model in a Spark task ({@link TrajectoryTrainingTask}) under the layout's resource
   * profile; the task reads the training cohort from the input files itself and publishes the
   * model to {@code modelDir}. Returns the seconds spent training.
   */
  private static double train(SparkSession spark, FileStore store, PreparedCohort.Plan plan,
      LongitudinalJobConfig config, Path modelDir, Path checkpointDir, boolean resume,
      Provenance provenance, Console console) {
    if (!resume) {
      // Checkpoints of an earlier run must not be taken for this run's by a retried task.
      store.delete(checkpointDir);
    }
    String device = config.model().device();
    console.detail(TrainingStage.layout(spark, 1, device).reason());
    TrajectoryTrainingTask task = new TrajectoryTrainingTask(plan, modelDir, checkpointDir,
        resume, provenance, console.quiet(), new HadoopConf(store.conf()));
    double seconds = TrainingStage.run(spark, 1, device, i -> task.run()).get(0);
    console.detail(String.format(Locale.ROOT, "trained in %s; model written to %s",
        Console.duration(seconds), FileStore.display(modelDir)));
    return seconds;
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

  private static Provenance provenance(FileStore store, LongitudinalJobConfig config,
      String resolvedYaml, String sparkVersion) {
    Map<String, String> inputs = new TreeMap<>();
    for (String p : new String[] {config.input().staticPath(), config.input().eventsPath(),
        config.input().visitsPath(), config.input().outcomesPath(), config.input().variables()}) {
      if (p != null) {
        inputs.put(p, store.fingerprint(store.resolve(p)));
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

  private static void writeRunFiles(FileStore store, Path dir,
      LongitudinalConfigLoader.Loaded loaded, Provenance provenance, Map<String, Object> figures) {
    store.writeString(new Path(dir, "config.resolved.yaml"), "# Resolved from " + loaded.file()
        + (loaded.overrides().isEmpty() ? "" : " with --set " + String.join(" --set ",
            loaded.overrides())) + "\n" + loaded.resolvedYaml());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("command", "pipeline");
    run.put("kind", LongitudinalJobConfig.KIND);
    run.put("config_file", loaded.file().toString());
    run.put("overrides", loaded.overrides());
    run.put("figures", figures);
    run.put("provenance", provenance);
    store.writeJson(new Path(dir, "run.json"), run);
  }
}
