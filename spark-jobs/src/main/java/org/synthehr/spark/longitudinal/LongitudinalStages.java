package org.synthehr.spark.longitudinal;

import static org.apache.spark.sql.functions.col;

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
import org.synthehr.core.longitudinal.PlausibilityReport;
import org.synthehr.core.longitudinal.omop.OmopConfig;
import org.synthehr.core.longitudinal.omop.OmopExport;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.table.TableBuilder;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.HadoopConf;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.sampling.DistributedSampler;
import org.synthehr.spark.training.TrainingStage;
import org.synthehr.spark.training.TrajectoryTrainingTask;

/**
 * The stages of the longitudinal path that {@code pipeline}, {@code train}, {@code sample} and
 * {@code evaluate} share, so a chain of the three commands runs the very code the pipeline runs:
 * read and split the cohort, train in a Spark task, sample into the OMOP-shaped tables plus the
 * cohort grid that evaluation reads back.
 */
final class LongitudinalStages {
  /** The synthetic patients in the model's own form (statics and grid), for evaluation. */
  static final String GRID = "grid";
  /** The raw model output's plausibility violations, summed over the sampling blocks. */
  static final String VIOLATIONS = "raw_violations.json";

  private LongitudinalStages() {}

  /** The cohort, read from the config's input files onto the grid and split by patient. */
  static PreparedCohort read(FileStore store, LongitudinalJobConfig config,
      TreeMap<String, String> locations, Console console) {
    PreparedCohort cohort = PreparedCohort.read(store, config, locations);
    CohortReader.Result read = cohort.read();
    console.detail(read.summary().describe(read.cohort().schema()));
    OmopExport.check(config.omop() == null ? OmopConfig.minimal() : config.omop(),
        read.cohort().schema().statics());
    cohort.requireEnough();
    return cohort;
  }

  /**
   * Trains the model in a Spark task ({@link TrajectoryTrainingTask}) under the layout's resource
   * profile; the task reads the training cohort from the input files itself and publishes the
   * model to {@code modelDir}. Returns the seconds spent training.
   */
  static double train(SparkSession spark, FileStore store, PreparedCohort.Plan plan,
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

  /**
   * What sampling wrote.
   *
   * @param patients synthetic patients
   * @param measurements synthetic measurements
   * @param raw the raw model output's plausibility violations
   * @param seconds time spent
   */
  record Sampled(long patients, long measurements, PlausibilityReport raw, double seconds) {}

  /**
   * Samples {@code patients} synthetic patients across Spark tasks into {@code synthetic}: the
   * OMOP-shaped {@code person}, {@code visit_occurrence} and {@code measurement} tables, the
   * cohort {@code grid} and the raw violations, and its README.
   */
  static Sampled sample(SparkSession spark, FileStore store, Path modelDir, CohortSchema schema,
      LongitudinalJobConfig config, long patients, Path synthetic) {
    OmopConfig omop = config.omop() == null ? OmopConfig.minimal() : config.omop();
    long t1 = System.nanoTime();
    Dataset<Row> rows = CohortSampler.sample(spark, new DistributedSampler.ModelLocation(
        modelDir.toString(), new HadoopConf(store.conf())), schema, patients,
        config.sample().blockPatients(), config.sample().partitions(), config.seed(), omop)
        .cache();
    write(rows, CohortSampler.PERSON, new Path(synthetic, "person"));
    write(rows, CohortSampler.VISIT, new Path(synthetic, "visit_occurrence"));
    write(rows, CohortSampler.MEASUREMENT, new Path(synthetic, "measurement"));
    write(rows, CohortSampler.GRID, new Path(synthetic, GRID));
    long measurements = spark.read().parquet(new Path(synthetic, "measurement").toString())
        .count();
    PlausibilityReport raw = violations(rows);
    rows.unpersist();
    store.writeJson(new Path(synthetic, VIOLATIONS), raw);
    store.writeString(new Path(synthetic, "README.md"), readme(config, patients, measurements));
    return new Sampled(patients, measurements, raw, (System.nanoTime() - t1) / 1e9);
  }

  /** The raw violations a sampling run recorded. */
  static PlausibilityReport violations(FileStore store, Path synthetic) {
    return store.readJson(new Path(synthetic, VIOLATIONS), PlausibilityReport.class);
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

  /** The first {@code max} synthetic patients (by person id) of a grid table, as a cohort. */
  static Cohort grid(SparkSession spark, Path synthetic, CohortSchema schema, int max) {
    List<Row> grid = spark.read().parquet(new Path(synthetic, GRID).toString())
        .filter(col("person_id").leq(max)).orderBy("person_id").collectAsList();
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
      gridRow(r.getList(2), r.getList(3), statics, values, p, p + 1L);
    }
    return new Cohort(schema, ids, statics.build(), values, ends);
  }

  /**
   * One patient of a grid table (the form {@link CohortSampler} and {@link TwinSampler} write):
   * its static attributes into {@code statics}, its values (null = not charted) into row
   * {@code p} of {@code values}.
   */
  static void gridRow(List<String> st, List<Float> v, TableBuilder statics, float[] values,
      int p, long rowNumber) {
    statics.addRow(st.toArray(String[]::new), rowNumber);
    int cells = v.size();
    for (int i = 0; i < cells; i++) {
      Float x = v.get(i);
      values[p * cells + i] = x == null ? Float.NaN : x;
    }
  }

  static Provenance provenance(FileStore store, LongitudinalJobConfig config,
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

  static void writeRunFiles(FileStore store, Path dir, String command,
      LongitudinalConfigLoader.Loaded loaded, Provenance provenance, Map<String, Object> figures) {
    store.writeString(new Path(dir, "config.resolved.yaml"), "# Resolved from " + loaded.file()
        + (loaded.overrides().isEmpty() ? "" : " with --set " + String.join(" --set ",
            loaded.overrides())) + "\n" + loaded.resolvedYaml());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("command", command);
    run.put("kind", LongitudinalJobConfig.KIND);
    run.put("config_file", loaded.file().toString());
    run.put("overrides", loaded.overrides());
    run.put("figures", figures);
    run.put("provenance", provenance);
    store.writeJson(new Path(dir, "run.json"), run);
  }

  private static String readme(LongitudinalJobConfig config, long patients, long measurements) {
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
        + measurements + " |\n"
        + "| `grid/` | the same patients in the model's form: static attributes and the hourly grid"
        + " of values (what `synth evaluate` reads) | " + patients + " |\n\n"
        + "Concept ids are standard where known (gender 8507/8532, type 32817 \"EHR\"),"
        + " otherwise 0 with the source value. See report.html for how faithful, useful and"
        + " plausible the data are, and config.resolved.yaml for how they were made.\n";
  }
}
