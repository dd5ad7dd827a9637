package org.synthehr.spark.privacy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.table.Table;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.privacy.attack.ShadowPlan;
import org.synthehr.privacy.attack.ShadowTrainer;
import org.synthehr.spark.training.TrainingStage;

/**
 * Runs the shadow trainings of the shadow-model attack as a Spark training stage
 * ({@link TrainingStage}: parallel across executors, one training at a time per executor JVM). The
 * pool and the configuration are broadcast once; a training gets its plan (row indices, sample
 * size, seed), so its result depends only on the plan, not on which executor runs it, beside which
 * other shadows, or how often it is retried.
 */
public final class SparkShadowTrainer implements ShadowTrainer {
  private final SparkSession spark;
  private final ModelConfig model;

  /**
   * @param spark the session whose executors train the shadows
   * @param model the generator configuration under attack
   */
  public SparkShadowTrainer(SparkSession spark, ModelConfig model) {
    this.spark = spark;
    this.model = model;
  }

  @Override
  public List<Table> trainAndSample(Table pool, List<ShadowPlan> plans) {
    if (plans.isEmpty()) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ShadowTask> task = jsc.broadcast(ShadowTask.of(pool, model));
    // Plans travel as plain arrays (records are not Serializable).
    int[][] rows = new int[plans.size()][];
    int[] sampleRows = new int[plans.size()];
    long[] seeds = new long[plans.size()];
    for (int i = 0; i < plans.size(); i++) {
      rows[i] = plans.get(i).trainingRows();
      sampleRows[i] = plans.get(i).sampleRows();
      seeds[i] = plans.get(i).seed();
    }
    try {
      List<String[][]> samples = TrainingStage.run(spark, plans.size(), model.device(),
          i -> task.value().run(rows[i], sampleRows[i], seeds[i]));
      List<Table> out = new ArrayList<>(samples.size());
      for (String[][] s : samples) {
        out.add(ShadowTask.table(pool.schema(), s, "shadow sample"));
      }
      return out;
    } finally {
      task.destroy();
    }
  }
}
