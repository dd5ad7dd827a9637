package org.synthehr.spark.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.io.AtomicOutput;
import org.synthehr.generator.ClassBalance;
import org.synthehr.generator.Condition;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.sampling.DistributedSampler;

/** Samples a saved model across Spark tasks into a Parquet dataset. */
public final class SampleJob {
  private SampleJob() {}

  /**
   * Samples.
   *
   * @param modelDir the saved model
   * @param rows rows to draw (must be positive)
   * @param conditions conditions, {@code column=value} text
   * @param classBalance share of each label class (empty: the model's own proportions)
   * @param outDir the Parquet output directory
   */
  public static Path run(SparkSession spark, JobConfig config, Path modelDir, long rows,
      List<String> conditions, Map<String, Double> classBalance, Path outDir, boolean overwrite,
      Console console) {
    if (rows <= 0) {
      throw new InvalidConfigException("How many rows? Set sample.rows in the config or pass"
          + " --rows N (sample.rows: 0 means 'as many as training' only inside a pipeline).");
    }
    try (FittedSynthesizer model = ModelKinds.load(modelDir);
        AtomicOutput out = AtomicOutput.begin(outDir, overwrite)) {
      conditions.forEach(c -> Condition.parse(c, model.schema()));
      if (!classBalance.isEmpty()) {
        ClassBalance.of(model.schema(), classBalance);
      }
      console.step(1, 1, String.format(Locale.ROOT, "sample %,d rows from %s (%s) in blocks of %,d",
          rows, modelDir, model.kind(), config.sample().blockRows()));
      DistributedSampler.sample(spark, modelDir, model.schema(), rows, config.sample().blockRows(),
          config.sample().partitions(), config.seed(), conditions, classBalance).write()
          .mode(SaveMode.Overwrite)
          .parquet(out.dir().toString());
      out.commit();
      console.line("Wrote " + out.target());
      return out.target();
    }
  }
}
