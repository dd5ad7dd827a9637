package org.synthehr.spark.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.privacy.attack.ShadowPlan;
import org.synthehr.privacy.disclosure.TrainingRowHashes;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.config.SparkConfig;
import org.synthehr.spark.sampling.DistributedSampler;

/**
 * Shadow trainings run as Spark tasks give exactly what the same plan gives on the driver, and the
 * sampling tasks drop copies of training rows using only their broadcast fingerprints.
 */
class SparkShadowTrainerTest {
  private static SparkSession spark;
  private static Table pool;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.create("shadow-test", new SparkConfig("local[2]", Map.of()));
    pool = TestData.diabetesSample().select(TestData.CONTRACT_COLUMNS).modelled().head(600);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void shadowTasksReproduceTheDriversTraining() {
    ModelConfig copula = ModelConfig.of("copula");
    SplittableRandom rnd = new SplittableRandom(1);
    List<ShadowPlan> plans = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      int[] rows = rnd.ints(0, pool.rowCount()).distinct().limit(300).sorted().toArray();
      plans.add(new ShadowPlan(rows, 200, rnd.nextLong()));
    }
    List<Table> fromSpark = new SparkShadowTrainer(spark, copula).trainAndSample(pool, plans);
    assertEquals(3, fromSpark.size());
    ShadowTask task = ShadowTask.of(pool, copula);
    for (int s = 0; s < 3; s++) {
      ShadowPlan p = plans.get(s);
      String[][] local = task.run(p.trainingRows(), p.sampleRows(), p.seed());
      String[][] remote = ShadowTask.cells(fromSpark.get(s));
      assertEquals(200, remote.length);
      for (int r = 0; r < local.length; r++) {
        assertArrayEquals(local[r], remote[r], "shadow " + s + " row " + r);
      }
    }
    assertTrue(!java.util.Arrays.deepEquals(ShadowTask.cells(fromSpark.get(0)),
        ShadowTask.cells(fromSpark.get(1))), "different plans give different shadows");
  }

  @Test
  void samplingTasksRemoveCopiesOfTrainingRowsAndCountThem() {
    Path modelDir = dir.resolve("model");
    try (FittedSynthesizer model = ModelKinds.create(ModelConfig.of("copula"))
        .fit(pool, TrainingContext.of(3))) {
      model.save(modelDir);
      // Pretend block 0's reference draw is the training data: every one of its rows is a copy.
      Table block0 = DistributedSampler.block(model, 0, 900, 300, 42, List.of());
      TrainingRowHashes copies = TrainingRowHashes.of(block0);
      long[] removed = new long[1];
      Table filtered = DistributedSampler.block(model, 0, 900, 300, 42, List.of(), copies,
          removed);
      assertEquals(300, removed[0]);
      assertEquals(300, filtered.rowCount(), "top-up draws refill the block");
      assertEquals(0, copies.removeCopies(filtered).removed());

      DistributedSampler.Sampled s = DistributedSampler.sample(spark,
          DistributedSampler.ModelLocation.local(modelDir), model.schema(),
          900, 300, 2, 42, List.of(), copies);
      Table written = org.synthehr.spark.ingest.SparkTables.collect(
          org.synthehr.spark.ingest.SparkTables.asText(s.rows(), model.schema().names()),
          model.schema(), "sampled");
      assertEquals(900, written.rowCount());
      assertEquals(0, copies.removeCopies(written).removed());
      assertEquals(300, s.copiesRemoved());
    }
  }
}
