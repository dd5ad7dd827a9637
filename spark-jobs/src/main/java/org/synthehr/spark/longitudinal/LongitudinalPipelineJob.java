package org.synthehr.spark.longitudinal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSplit;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.Report;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.spark.fs.AtomicDir;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.jobs.Checkpoints;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.sampling.ModelBundle;

/**
 * The longitudinal pipeline: read the cohort onto its grid → split by patient → train the
 * trajectory model → sample synthetic patients across Spark tasks into OMOP-shaped Parquet tables →
 * forecast digital twins of holdout patients → evaluate, into one output directory that appears
 * only when everything succeeded: {@code model/}, {@code synthetic/person},
 * {@code synthetic/visit_occurrence}, {@code synthetic/measurement}, {@code synthetic/grid},
 * {@code report.json},
 * {@code report.html}, {@code config.resolved.yaml} and {@code run.json}, then {@code _SUCCESS}.
 *
 * <p>Every path (the input files, output.dir, the model, the checkpoints beside the output) may be
 * a local path or a URI of any Hadoop filesystem ({@link FileStore}), so the job runs on a cluster
 * whose executors share no disk with the driver: the driver reads the cohort from local copies of
 * the input files (it needs the holdout for evaluation), the model is trained in a Spark task that
 * reads the same files itself, and the sampling tasks load the model from the run's filesystem.
 * The stages are {@link LongitudinalStages} and {@link LongitudinalAssessment}, which {@code train},
 * {@code sample} and {@code evaluate} run one at a time.
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
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path target = store.resolve(config.output().dir());
    try (AtomicDir out = AtomicDir.begin(store, target, overwrite)) {
      console.step(1, STEPS, "read " + (config.input().eventsPath() != null
          ? config.input().eventsPath() : config.input().visitsPath()));
      TreeMap<String, String> locations = CohortFiles.locate(store, config.input());
      PreparedCohort cohort = LongitudinalStages.read(store, config, locations, console);
      CohortSplit split = cohort.split();
      Cohort train = cohort.train();
      console.step(2, STEPS, String.format(Locale.ROOT, "split by patient: %,d training (%,d"
          + " used), %,d holdout", split.training().size(), train.size(),
          split.holdout().size()));
      Provenance provenance = LongitudinalStages.provenance(store, config, loaded.resolvedYaml(),
          spark.version());
      console.step(3, STEPS, "train " + config.model().kind());
      Path modelDir = new Path(out.dir(), "model");
      double trainSeconds = LongitudinalStages.train(spark, store, new PreparedCohort.Plan(
          loaded.resolvedYaml(), locations), config, modelDir, Checkpoints.dirFor(target), resume,
          provenance, console);
      try (FittedTrajectorySynthesizer model = ModelBundle.loadTrajectory(store, modelDir)) {
        long patients = config.sample().patients() > 0 ? config.sample().patients() : train.size();
        console.step(4, STEPS, String.format(Locale.ROOT, "sample %,d patients in blocks of %,d",
            patients, config.sample().blockPatients()));
        Path synthetic = new Path(out.dir(), "synthetic");
        LongitudinalStages.Sampled sampled = LongitudinalStages.sample(spark, store, modelDir,
            model.schema(), config, patients, synthetic);
        console.detail(String.format(Locale.ROOT, "%,d patients, %,d measurements in %s; raw"
            + " model output: %s", patients, sampled.measurements(),
            Console.duration(sampled.seconds()), sampled.raw().describe()));
        // Evaluation reads the patients back from the grid table, as 'synth evaluate' does.
        Cohort syn = LongitudinalStages.grid(spark, synthetic, model.schema(),
            config.evaluate().maxPatients());
        Map<String, Object> summary = summary(config, train.size(), split.holdout().size(),
            sampled);
        summary.put("training_seconds", trainSeconds);
        Report report = LongitudinalAssessment.run(store, out.dir(), config, model, cohort, syn,
            sampled.raw(), summary, provenance, console, 5, STEPS);
        LongitudinalStages.writeRunFiles(store, out.dir(), "pipeline", loaded, provenance,
            report.summary());
        out.commit();
        Checkpoints.clear(store, target);
        String shown = FileStore.display(target);
        console.step(7, STEPS, String.format(Locale.ROOT, "wrote %s (model/, synthetic/ person,"
            + " visit_occurrence, measurement, grid, report.json, report.html) in %s", shown,
            Console.duration(console.elapsed())));
        return new Result(shown, report, patients, sampled.measurements());
      }
    }
  }

  /** The figures of a run's summary that sampling knows. */
  static Map<String, Object> summary(LongitudinalJobConfig config, long training, long holdout,
      LongitudinalStages.Sampled sampled) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("model_kind", config.model().kind());
    summary.put("training_patients", training);
    summary.put("holdout_patients", holdout);
    summary.put("synthetic_patients", sampled.patients());
    summary.put("synthetic_measurements", sampled.measurements());
    summary.put("sampling_seconds", sampled.seconds());
    return summary;
  }
}
