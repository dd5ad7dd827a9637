package org.synthehr.spark.training;

import java.util.Locale;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;

/**
 * How a stage of independent model trainings is laid out on the cluster so that no executor JVM
 * ever runs two of them at once.
 *
 * <p>Why: DJL's PyTorch engine lets one gradient collector collect at a time per JVM and keeps one
 * random generator per JVM (seeded by each training), so two trainings in one JVM either crash
 * ("A PtGradientCollector is already collecting") or mix their noise and lose reproducibility.
 * Spark decides what shares a JVM, so Spark's scheduling is where this is designed out:
 *
 * <ul>
 *   <li><b>One executor JVM</b> ({@code local}, {@code local[N]}, {@code local[*]}): the trainings
 *       form one task that runs them one after another. Stage-level scheduling is not available in
 *       local mode (Spark rejects task resource profiles there), and nothing could run two
 *       trainings in that one JVM anyway; PyTorch's own threads use the cores.
 *   <li><b>A cluster</b> (standalone, {@code local-cluster}, YARN, Kubernetes): one task per
 *       training under a stage-level {@link ResourceProfile} whose tasks claim all of an executor's
 *       cores (and one GPU when the model trains on GPU), so each executor runs one training at a
 *       time while the others train in parallel.
 * </ul>
 *
 * @param partitions number of training tasks
 * @param taskCpus cores each training task claims (0 when no profile is used)
 * @param taskGpus GPUs each training task claims (0 or 1)
 * @param reason one line for the console on why this layout was chosen
 */
public record TrainingLayout(int partitions, int taskCpus, int taskGpus, String reason) {

  /**
   * The layout for {@code trainings} trainings of a model on {@code device} under {@code conf}.
   *
   * @param conf the running application's configuration (master, executor cores)
   * @param smallestExecutorCores the cores of the smallest executor registered now (0 if none is
   *     known); a training task must fit on it, or Spark could never schedule it
   */
  public static TrainingLayout of(SparkConf conf, int smallestExecutorCores, int trainings,
      String device) {
    if (trainings < 1) {
      throw new IllegalArgumentException("no trainings to lay out");
    }
    String master = conf.get("spark.master", "local[*]");
    boolean gpu = device != null && device.toLowerCase(Locale.ROOT).startsWith("gpu");
    if (isSingleJvm(master)) {
      return new TrainingLayout(1, 0, 0, trainings == 1
          ? "training in one task in this JVM (" + master + ": no separate executors)"
          : String.format(Locale.ROOT, "%d trainings one after another in one task (%s has one"
              + " JVM, which trains one model at a time)", trainings, master));
    }
    int cores = executorCores(conf, smallestExecutorCores);
    return new TrainingLayout(trainings, cores, gpu ? 1 : 0, String.format(Locale.ROOT,
        "%s claiming %d executor core%s%s", trainings == 1 ? "one training task"
            : trainings + " training tasks, each", cores, cores == 1 ? "" : "s",
        gpu ? " and 1 GPU" : ""));
  }

  /** The stage-level profile the training tasks run under, if this layout uses one. */
  public Optional<ResourceProfile> profile() {
    if (taskCpus == 0) {
      return Optional.empty();
    }
    TaskResourceRequests task = new TaskResourceRequests().cpus(taskCpus);
    if (taskGpus > 0) {
      task.resource("gpu", taskGpus);
    }
    return Optional.of(new ResourceProfileBuilder().require(task).build());
  }

  static boolean isSingleJvm(String master) {
    return master.equals("local") || master.startsWith("local[");
  }

  /**
   * Cores of one executor: {@code spark.executor.cores} when set, else those of the smallest
   * executor registered (standalone gives an executor all of its worker's cores by default).
   * Counting task slots instead (default parallelism / executors) would ask too many while some
   * executors are still registering, and a task asking more cores than any executor has is never
   * scheduled: the run would hang.
   */
  private static int executorCores(SparkConf conf, int smallestExecutorCores) {
    if (conf.contains("spark.executor.cores")) {
      return Math.max(1, conf.getInt("spark.executor.cores", 1));
    }
    return Math.max(1, smallestExecutorCores);
  }
}
