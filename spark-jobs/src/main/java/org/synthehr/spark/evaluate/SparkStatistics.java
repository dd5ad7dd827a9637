package org.synthehr.spark.evaluate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.evaluator.stats.CellReader;
import org.synthehr.evaluator.stats.EncodedRow;
import org.synthehr.evaluator.stats.NumericStatistics;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.TableStatistics;

/**
 * Counts the sufficient statistics of a dataset with Spark: every partition counts its rows into a
 * {@link TableStatistics} (the plan is broadcast) and the partials are merged with a tree
 * aggregation, so a table of any size is evaluated without collecting its rows. The figures equal
 * those of {@link TableStatistics#of} on the same rows.
 */
public final class SparkStatistics {
  private SparkStatistics() {}

  /**
   * The statistics of a dataset whose columns are the plan's, in order.
   *
   * @param source the data's path, for messages
   */
  public static TableStatistics count(Dataset<Row> ds, StatisticsPlan plan, String source) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ds.sparkSession().sparkContext());
    Broadcast<StatisticsPlan> shared = jsc.broadcast(plan);
    FlatMapFunction<Iterator<Row>, TableStatistics> partition = rows -> {
      StatisticsPlan p = shared.value();
      CellReader reader = new CellReader(p);
      EncodedRow encoded = new EncodedRow(p);
      TableStatistics stats = TableStatistics.empty(p);
      int n = p.columns().size();
      while (rows.hasNext()) {
        Row row = rows.next();
        for (int i = 0; i < n; i++) {
          reader.read(i, row.get(i), encoded);
        }
        stats.add(p, encoded);
      }
      return List.of(stats).iterator();
    };
    JavaRDD<TableStatistics> partials = ds.toJavaRDD().mapPartitions(partition);
    TableStatistics stats = partials.getNumPartitions() == 0 ? TableStatistics.empty(plan)
        : partials.treeReduce(TableStatistics::merge, 2);
    shared.destroy();
    checkNumbers(stats, plan, source);
    return stats;
  }

  /** Values of numeric columns that are not numbers: one problem per column, with an example. */
  static void checkNumbers(TableStatistics stats, StatisticsPlan plan, String source) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < plan.columns().size(); i++) {
      if (stats.column(i) instanceof NumericStatistics s && s.invalid() > 0) {
        problems.add(Problem.ofColumn(source, plan.column(i).name(), s.invalid() + " value(s) such"
            + " as '" + s.invalidExample() + "' are not " + (plan.column(i).kind()
                == org.synthehr.core.schema.ColumnKind.DATETIME ? "dates" : "numbers")
            + ", but the real data's column is " + plan.column(i).kind().id(), "correct the data,"
            + " or declare the column with another kind in the schema file"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
