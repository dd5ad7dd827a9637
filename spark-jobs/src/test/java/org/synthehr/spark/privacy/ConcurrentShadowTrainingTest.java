package org.synthehr.spark.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synthehr.core.io.Json;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.privacy.attack.ShadowPlan;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.config.SparkConfig;

/**
 * Shadow trainings of deep models, several per attack, run to completion whatever the number of
 * task threads of the (single) executor JVM, and give exactly what the same plans give one after
 * another on the driver. DJL lets one gradient collector collect at a time per JVM and seeds one
 * PyTorch generator per JVM, so two trainings sharing a JVM would crash or mix their noise.
 */
class ConcurrentShadowTrainingTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"tvae, local[2]", "ctgan, local[4]", "tabddpm, local[*]", "dp-ctgan, local[3]"})
  void deepShadowsTrainConcurrentlyAndMatchASequentialRun(String kind, String master) {
    Table pool = TestData.diabetesSample().select(TestData.CONTRACT_COLUMNS).modelled().head(400);
    ModelConfig model = ModelConfig.of(kind).withEpochs(2).withBatchSize(100);
    if (kind.equals("dp-ctgan")) {
      // Secure DP noise is not reproducible by design; seeded noise makes the comparison exact.
      model = model.withOptions(Json.mapper().valueToTree(Map.of("dp", Map.of("epsilon", 10, "noise", "seeded"))));
    }
    SplittableRandom rnd = new SplittableRandom(7);
    List<ShadowPlan> plans = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      int[] rows = rnd.ints(0, pool.rowCount()).distinct().limit(200).sorted().toArray();
      plans.add(new ShadowPlan(rows, 50, rnd.nextLong()));
    }
    SparkSession spark = SparkSessions.create("concurrent-shadows",
        new SparkConfig(master, Map.of()));
    List<Table> fromSpark;
    try {
      fromSpark = new SparkShadowTrainer(spark, model).trainAndSample(pool, plans);
    } finally {
      spark.stop();
    }
    assertEquals(plans.size(), fromSpark.size());
    ShadowTask sequential = ShadowTask.of(pool, model);
    for (int s = 0; s < plans.size(); s++) {
      ShadowPlan p = plans.get(s);
      String[][] expected = sequential.run(p.trainingRows(), p.sampleRows(), p.seed());
      String[][] actual = ShadowTask.cells(fromSpark.get(s));
      assertEquals(expected.length, actual.length);
      for (int r = 0; r < expected.length; r++) {
        assertArrayEquals(expected[r], actual[r], kind + " shadow " + s + " row " + r);
      }
    }
  }
}
