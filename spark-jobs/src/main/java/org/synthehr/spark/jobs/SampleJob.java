package org.synthehr.spark.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.generator.ClassBalance;
import org.synthehr.generator.Condition;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.fs.AtomicDir;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.HadoopConf;
import org.synthehr.spark.sampling.DistributedSampler;
import org.synthehr.spark.sampling.ModelBundle;

/** Samples a saved model across Spark tasks into a Parquet dataset. */
public final class SampleJob {
  private SampleJob() {}

  /**
   * Samples.
   *
   * @param modelPath the saved model (a local path or a URI)
   * @param rows rows to draw (must be positive)
   * @param conditions conditions, {@code column=value} text
   * @param classBalance share of each label class (empty: the model's own proportions)
   * @param outPath the Parquet output directory (a local path or a URI)
   * @return the output directory as a user reads it
   */
  public static String run(SparkSession spark, JobConfig config, String modelPath, long rows,
      List<String> conditions, Map<String, Double> classBalance, String outPath,
      boolean overwrite, Console console) {
    if (rows <= 0) {
      throw new InvalidConfigException("How many rows? Set sample.rows in the config or pass"
          + " --rows N (sample.rows: 0 means 'as many as training' only inside a pipeline).");
    }
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path modelDir = store.resolve(modelPath);
    try (FittedSynthesizer model = ModelBundle.load(store, modelDir);
        AtomicDir out = AtomicDir.begin(store, store.resolve(outPath), overwrite)) {
      conditions.forEach(c -> Condition.parse(c, model.schema()));
      if (!classBalance.isEmpty()) {
        ClassBalance.of(model.schema(), classBalance);
      }
      console.step(1, 1, String.format(Locale.ROOT, "sample %,d rows from %s (%s) in blocks of %,d",
          rows, FileStore.display(modelDir), model.kind(), config.sample().blockRows()));
      DistributedSampler.sample(spark, new DistributedSampler.ModelLocation(modelDir.toString(),
          new HadoopConf(store.conf())), model.schema(), rows, config.sample().blockRows(),
          config.sample().partitions(), config.seed(), conditions, classBalance).write()
          .mode(SaveMode.Overwrite)
          .parquet(out.dir().toString());
      out.commit();
      console.line("Wrote " + FileStore.display(out.target()));
      return FileStore.display(out.target());
    }
  }
}
