package org.synthehr.spark.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.TaskResourceProfile;
import org.junit.jupiter.api.Test;

/** Training stages never put two trainings in one executor JVM, whatever the master. */
class TrainingLayoutTest {

  @Test
  void aSingleJvmRunsTheTrainingsInOneTaskWithoutAProfile() {
    for (String master : new String[] {"local", "local[2]", "local[4]", "local[*]", "local[2,3]"}) {
      TrainingLayout l = TrainingLayout.of(new SparkConf().set("spark.master", master), 0, 5, "cpu");
      assertEquals(1, l.partitions(), master);
      assertTrue(l.profile().isEmpty(), master);
    }
  }

  @Test
  void aClusterRunsOneTaskPerTrainingClaimingAWholeExecutor() {
    SparkConf conf = new SparkConf().set("spark.master", "spark://127.0.0.1:7077")
        .set("spark.executor.cores", "4");
    TrainingLayout l = TrainingLayout.of(conf, 2, 5, "cpu");
    assertEquals(5, l.partitions());
    ResourceProfile p = l.profile().orElseThrow();
    assertTrue(p instanceof TaskResourceProfile, "a task profile works without dynamic allocation");
    assertEquals(4.0, p.taskResources().get("cpus").get().amount());
    assertTrue(p.taskResources().get("gpu").isEmpty());
  }

  @Test
  void withoutExecutorCoresSetATrainingClaimsTheSmallestExecutorsCores() {
    SparkConf conf = new SparkConf().set("spark.master", "spark://127.0.0.1:7077");
    assertEquals(3, TrainingLayout.of(conf, 3, 2, "cpu").taskCpus());
    // While no executor is known yet, one core: a task that fits any executor, never one that
    // no executor can take (the run would hang).
    assertEquals(1, TrainingLayout.of(conf, 0, 2, "cpu").taskCpus());
  }

  @Test
  void gpuTrainingsClaimOneGpuEach() {
    SparkConf conf = new SparkConf().set("spark.master", "yarn").set("spark.executor.cores", "8");
    TrainingLayout l = TrainingLayout.of(conf, 4, 3, "gpu:0");
    assertEquals(1.0, l.profile().orElseThrow().taskResources().get("gpu").get().amount());
    assertEquals(8, l.taskCpus());
  }
}
