package org.synthehr.spark.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.fs.AtomicDir;
import org.synthehr.spark.fs.FileStore;

/** validate → split → train, into {@code output.dir} with {@code model/}. */
public final class TrainJob {
  private static final int STEPS = 3;

  private TrainJob() {}

  /** Trains and returns the output directory, as a user reads it. */
  public static String run(SparkSession spark, JobConfigLoader.Loaded loaded, boolean overwrite,
      boolean resume, Console console) {
    JobConfig config = loaded.config();
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path target = store.resolve(config.output().dir());
    try (AtomicDir out = AtomicDir.begin(store, target, overwrite)) {
      PreparedData data = PreparedData.prepare(spark, config, console, 1, STEPS);
      try {
        Provenance provenance = Training.provenance(store, config, loaded.resolvedYaml(),
            spark.version());
        console.step(3, STEPS, "train " + config.model().kind());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.putAll(Training.train(spark, store, config, loaded.resolvedYaml(), data,
            new Path(out.dir(), "model"), Checkpoints.dirFor(target), resume, provenance,
            console));
        figures.put("training_rows", data.trainingRows());
        figures.put("training_rows_used", Math.min(data.trainingRows(),
            config.split().maxTrainRows()));
        figures.put("holdout_rows", data.holdoutRows());
        figures.put("seconds", console.elapsed());
        RunFiles.write(store, out.dir(), "train", loaded, data.ingested().schema().schema(),
            provenance, figures);
        out.commit();
        Checkpoints.clear(store, target);
        console.line("Wrote " + FileStore.display(target) + "/model");
        return FileStore.display(target);
      } finally {
        data.ingested().text().unpersist();
      }
    }
  }
}
