package org.synthehr.spark.longitudinal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.error.OutputExistsException;
import org.synthehr.core.io.Json;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortInputConfig;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.Report;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.fs.AtomicDir;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.jobs.Checkpoints;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.jobs.ValidateJob;
import org.synthehr.spark.sampling.ModelBundle;

/**
 * {@code train}, {@code sample} and {@code evaluate} for longitudinal configs: the pipeline's
 * stages one at a time, with the tabular commands' options, outputs and atomicity. The chain
 * train → sample → evaluate runs the pipeline's own code on the same seeds, so it gives the
 * pipeline's figures.
 */
public final class LongitudinalCommands {
  private LongitudinalCommands() {}

  /** Reads, splits and trains; writes output.dir with model/, config.resolved.yaml, run.json. */
  public static String train(SparkSession spark, LongitudinalConfigLoader.Loaded loaded,
      boolean overwrite, boolean resume, Console console) {
    LongitudinalJobConfig config = loaded.config();
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path target = store.resolve(config.output().dir());
    try (AtomicDir out = AtomicDir.begin(store, target, overwrite)) {
      console.step(1, 3, "read and split the cohort");
      TreeMap<String, String> locations = CohortFiles.locate(store, config.input());
      PreparedCohort cohort = LongitudinalStages.read(store, config, locations, console);
      Provenance provenance = LongitudinalStages.provenance(store, config, loaded.resolvedYaml(),
          spark.version());
      console.step(2, 3, "train " + config.model().kind() + " on " + cohort.train().size()
          + " patients");
      double seconds = LongitudinalStages.train(spark, store, new PreparedCohort.Plan(
          loaded.resolvedYaml(), locations), config, new Path(out.dir(), "model"),
          Checkpoints.dirFor(target), resume, provenance, console);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("model_kind", config.model().kind());
      figures.put("training_patients", cohort.train().size());
      figures.put("holdout_patients", cohort.split().holdout().size());
      figures.put("training_seconds", seconds);
      LongitudinalStages.writeRunFiles(store, out.dir(), "train", loaded, provenance, figures);
      out.commit();
      Checkpoints.clear(store, target);
      console.step(3, 3, "wrote " + FileStore.display(target) + "/model");
      return FileStore.display(new Path(target, "model"));
    }
  }

  /**
   * Samples synthetic patients from a saved model into {@code out} (default
   * output.dir/synthetic): the OMOP-shaped tables, the grid and the raw violations.
   *
   * @param model the model directory, or null for output.dir/model
   * @param patients how many, or null for sample.patients (else as many as the model trained on)
   */
  public static String sample(SparkSession spark, LongitudinalConfigLoader.Loaded loaded,
      String model, Long patients, String out, boolean overwrite, Console console) {
    LongitudinalJobConfig config = loaded.config();
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path modelDir = at(store, config, model, "model");
    Path target = at(store, config, out, "synthetic");
    long n = patients != null ? patients : config.sample().patients() > 0
        ? config.sample().patients() : trainedOn(store, modelDir, at(store, config, null,
            "run.json"));
    try (FittedTrajectorySynthesizer m = ModelBundle.loadTrajectory(store, modelDir);
        AtomicDir dir = AtomicDir.begin(store, target, overwrite)) {
      console.step(1, 2, String.format(Locale.ROOT, "sample %,d patients in blocks of %,d", n,
          config.sample().blockPatients()));
      LongitudinalStages.Sampled s = LongitudinalStages.sample(spark, store, modelDir, m.schema(),
          config, n, dir.dir());
      dir.commit();
      console.step(2, 2, String.format(Locale.ROOT, "wrote %s: %,d patients, %,d measurements in"
          + " %s; raw model output: %s", FileStore.display(target), n, s.measurements(),
          Console.duration(s.seconds()), s.raw().describe()));
      return FileStore.display(target);
    }
  }

  /**
   * Evaluates synthetic patients written by {@code sample} (or the pipeline) against the config's
   * cohort: twins of holdout patients from the model, every metric, report.json and report.html
   * in output.dir (or the directory of {@code report}).
   */
  public static Report evaluate(SparkSession spark, LongitudinalConfigLoader.Loaded loaded,
      String synthetic, String model, String report, boolean overwrite, Console console) {
    LongitudinalJobConfig config = loaded.config();
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path syntheticDir = at(store, config, synthetic, "synthetic");
    Path modelDir = at(store, config, model, "model");
    Path reportFile = at(store, config, report, "report.json");
    Path dir = reportFile.getParent();
    if (!store.isDirectory(new Path(syntheticDir, LongitudinalStages.GRID))) {
      throw new InvalidConfigException("--synthetic " + FileStore.display(syntheticDir)
          + " holds no grid/ table: evaluate reads synthetic patients as 'synth sample' or"
          + " 'synth pipeline' writes them. Fix: point --synthetic at such a directory.");
    }
    if (!overwrite && store.exists(reportFile)) {
      throw new OutputExistsException(FileStore.display(reportFile));
    }
    console.step(1, 4, "read and split the cohort");
    PreparedCohort cohort = LongitudinalStages.read(store, config,
        CohortFiles.locate(store, config.input()), console);
    try (FittedTrajectorySynthesizer m = ModelBundle.loadTrajectory(store, modelDir)) {
      console.step(2, 4, "read the synthetic patients in " + FileStore.display(syntheticDir));
      Cohort syn = LongitudinalStages.grid(spark, syntheticDir, m.schema(),
          config.evaluate().maxPatients());
      long patients = spark.read().parquet(new Path(syntheticDir, LongitudinalStages.GRID)
          .toString()).count();
      long measurements = spark.read().parquet(new Path(syntheticDir, "measurement").toString())
          .count();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("model_kind", m.kind());
      summary.put("training_patients", cohort.train().size());
      summary.put("holdout_patients", cohort.split().holdout().size());
      summary.put("synthetic_patients", patients);
      summary.put("synthetic_measurements", measurements);
      Provenance provenance = LongitudinalStages.provenance(store, config, loaded.resolvedYaml(),
          spark.version());
      store.mkdirs(dir);
      Report r = LongitudinalAssessment.run(store, dir, config, m, cohort, syn,
          LongitudinalStages.violations(store, syntheticDir), summary, provenance, console, 3, 4);
      console.detail("wrote " + FileStore.display(new Path(dir, "report.json")) + " and"
          + " report.html");
      return r;
    }
  }

  /**
   * Checks the cohort: the static file profiled and explained column by column as the tabular
   * {@code validate} does, then the measurements read onto the grid (every problem at once), each
   * variable's coverage, and the split. Writes nothing.
   */
  public static void validate(SparkSession spark, LongitudinalConfigLoader.Loaded loaded,
      Console console) {
    LongitudinalJobConfig config = loaded.config();
    CohortInputConfig in = config.input();
    if (in.staticPath() != null) {
      console.line("Static attributes: " + in.staticPath());
      java.util.List<String> a = new java.util.ArrayList<>();
      a.add("input.path=" + Json.toString(in.staticPath()).strip());
      if (in.staticSchema() != null) {
        a.add("input.schema=" + Json.toString(in.staticSchema()).strip());
      }
      a.add("input.missing_values=" + Json.toString(in.missingValues()).replaceAll("\\s+", " "));
      // Validation writes nothing; a tabular config is complete only with an output.dir.
      a.add("output.dir=" + Json.toString(config.output().dir()).strip());
      ValidateJob.run(spark, JobConfigLoader.fromAssignments(a, loaded.file()), null, false,
          console);
    }
    console.line("Measurements: " + (in.eventsPath() != null ? in.eventsPath()
        : in.visitsPath()));
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    PreparedCohort cohort = LongitudinalStages.read(store, config,
        CohortFiles.locate(store, config.input()), console);
    Cohort c = cohort.read().cohort();
    for (int k = 0; k < c.variables(); k++) {
      int patients = 0;
      long values = 0;
      for (int p = 0; p < c.size(); p++) {
        int mine = 0;
        for (int t = 0; t < c.steps(); t++) {
          mine += c.observed(p, t, k) ? 1 : 0;
        }
        patients += mine > 0 ? 1 : 0;
        values += mine;
      }
      console.detail(String.format(Locale.ROOT, "%-16s charted for %5.1f%% of patients, %,9d"
          + " grid values", c.schema().variables().get(k).name(), 100.0 * patients
          / Math.max(1, c.size()), values));
    }
    console.line(String.format(Locale.ROOT, "OK: %,d patients on %d steps of %d min; split by"
        + " patient: %,d training (%,d used), %,d holdout. Nothing was written.", c.size(),
        c.steps(), c.schema().grid().stepMinutes(), cohort.split().training().size(),
        cohort.train().size(), cohort.split().holdout().size()));
  }

  /** The path the user gave, else {@code name} inside output.dir. */
  private static Path at(FileStore store, LongitudinalJobConfig config, String given,
      String name) {
    return store.resolve(given != null ? given
        : config.output().dir().replaceAll("/+$", "") + "/" + name);
  }

  private static long trainedOn(FileStore store, Path modelDir, Path run) {
    if (store.isFile(run)) {
      JsonNode n = store.readJson(run, JsonNode.class).path("figures").path("training_patients");
      if (n.isNumber()) {
        return n.asLong();
      }
    }
    throw new InvalidConfigException("how many patients? sample.patients is 0 and "
        + FileStore.display(run) + " does not say how many the model at "
        + FileStore.display(modelDir) + " trained on. Fix: pass --patients N.");
  }
}
