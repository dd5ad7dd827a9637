package org.synthehr.spark.jobs;

import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.HadoopConf;
import org.synthehr.spark.training.TrainingStage;
import org.synthehr.spark.training.TrainingTask;

/**
 * Trains the configured model in a Spark task ({@link TrainingTask}) on an executor, and leaves it
 * with its provenance in the model directory on the run's filesystem. The driver only plans.
 */
public final class Training {
  private Training() {}

  /**
   * Trains and saves.
   *
   * @param resolvedYaml the run's resolved config (the task rebuilds the config from it)
   * @param data the prepared input (its training rows go to the task as a partition)
   * @param modelDir where the model goes (replaced)
   * @param checkpointDir where checkpoints go (kept across runs for --resume)
   * @return the figures of the training (disclosure-control counts, seconds)
   */
  public static Map<String, Long> train(SparkSession spark, FileStore store, JobConfig config,
      String resolvedYaml, PreparedData data, Path modelDir, Path checkpointDir, boolean resume,
      Provenance provenance, Console console) {
    if (!resume) {
      // Checkpoints of an earlier run must not be taken for this run's by a retried task.
      store.delete(checkpointDir);
    }
    console.detail(TrainingStage.layout(spark, 1, config.model().device()).reason());
    TrainingTask task = new TrainingTask(resolvedYaml, data.ingested().schema().schema(),
        data.ingested().source(), config.split().maxTrainRows(), modelDir, checkpointDir, resume,
        provenance, console.quiet(), new HadoopConf(store.conf()));
    Map<String, Long> figures = TrainingStage.runOnRows(spark, data.trainingText(),
        config.model().device(), rows -> new java.util.HashMap<>(task.run(rows)));
    console.detail(String.format(Locale.ROOT, "model written to %s", FileStore.display(modelDir)));
    return figures;
  }

  /** Provenance of a run. */
  public static Provenance provenance(FileStore store, JobConfig config, String resolvedYaml,
      String sparkVersion) {
    Path input = store.resolve(config.input().path());
    return Provenance.capture(config.seed(), resolvedYaml,
        Map.of(config.input().path(), store.fingerprint(input)),
        Map.of("spark", sparkVersion, "synthehr", Provenance.currentVersion()));
  }
}
