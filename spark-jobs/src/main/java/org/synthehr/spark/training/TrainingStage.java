package org.synthehr.spark.training;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.status.api.v1.ExecutorSummary;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs independent model trainings (shadow models of an attack, members of a sweep) as a Spark
 * stage laid out by {@link TrainingLayout}, so an executor JVM never trains two models at once.
 * Each training's result depends only on its index (its plan and seeds), never on which task,
 * executor or retry ran it, so the results equal those of a sequential run.
 */
public final class TrainingStage {
  private TrainingStage() {}

  /**
   * Runs {@code training} for indices {@code 0..count-1} and returns the results in index order.
   *
   * @param device the model's device setting ({@code cpu}, {@code gpu}, {@code gpu:N})
   * @param training what one training does, given its index (shipped to the executors)
   */
  public static <R extends Serializable> List<R> run(SparkSession spark, int count, String device,
      Function<Integer, R> training) {
    if (count == 0) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TrainingLayout layout = layout(spark, count, device);
    List<Integer> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(i);
    }
    JavaRDD<Integer> tasks = jsc.parallelize(ids, layout.partitions());
    if (layout.profile().isPresent()) {
      tasks = tasks.withResources(layout.profile().get());
    }
    List<Tuple2<Integer, R>> done = tasks.mapPartitions((Iterator<Integer> it) -> {
      // One after another inside the task: this is what keeps a JVM to one training at a time.
      List<Tuple2<Integer, R>> out = new ArrayList<>();
      while (it.hasNext()) {
        int i = it.next();
        out.add(new Tuple2<>(i, training.call(i)));
      }
      return out.iterator();
    }).collect();
    List<R> results = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      results.add(null);
    }
    for (Tuple2<Integer, R> d : done) {
      results.set(d._1(), d._2());
    }
    return results;
  }

  /**
   * Runs one training whose data is a Spark dataset: the rows reach the training task as its
   * partition (all partitions coalesced into one, without a shuffle), so they never pass through
   * the driver. The task runs under the layout's resource profile (the executor's cores, and one
   * GPU when the model trains on GPU).
   *
   * @param training what the task does with the rows (shipped to the executor)
   */
  public static <R extends Serializable> R runOnRows(SparkSession spark, Dataset<Row> rows,
      String device, Function<Iterator<Row>, R> training) {
    TrainingLayout layout = layout(spark, 1, device);
    JavaRDD<Row> one = rows.toJavaRDD().coalesce(1);
    if (layout.profile().isPresent()) {
      one = one.withResources(layout.profile().get());
    }
    one.setName("training data");
    List<R> done = one.mapPartitions((Iterator<Row> it) -> List.of(training.call(it)).iterator())
        .collect();
    return done.get(0);
  }

  /** The layout {@link #run} uses for {@code count} trainings in this session. */
  public static TrainingLayout layout(SparkSession spark, int count, String device) {
    return TrainingLayout.of(spark.sparkContext().getConf(), smallestExecutorCores(spark), count,
        device);
  }

  /**
   * The cores of the smallest executor registered (0 in local mode, or when none registered
   * within a minute), from Spark's own record of the executors it was given.
   */
  static int smallestExecutorCores(SparkSession spark) {
    if (TrainingLayout.isSingleJvm(spark.sparkContext().getConf().get("spark.master", "local"))) {
      return 0;
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      int smallest = Integer.MAX_VALUE;
      for (ExecutorSummary e : CollectionConverters.asJava(
          spark.sparkContext().statusStore().executorList(true))) {
        if (!"driver".equals(e.id()) && e.totalCores() > 0) {
          smallest = Math.min(smallest, e.totalCores());
        }
      }
      if (smallest != Integer.MAX_VALUE) {
        return smallest;
      }
      if (System.nanoTime() > deadline) {
        return 0;
      }
      try {
        Thread.sleep(500); // executors still registering (the application just started)
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }
}
