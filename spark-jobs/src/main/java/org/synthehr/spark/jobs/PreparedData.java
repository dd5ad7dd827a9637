package org.synthehr.spark.jobs;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.ingest.DataSplit;
import org.synthehr.spark.ingest.SparkIngest;
import org.synthehr.spark.ingest.SparkTables;

/**
 * The input after ingest and split: the training table (what the model learns from) and the holdout
 * table (what it never sees), on the driver.
 *
 * @param ingested the ingested input
 * @param trainingText the training rows as Spark text rows, for the training task (read them with
 *     {@code SparkTables.table(rows, schema, source, split.max_train_rows)})
 * @param training the training rows the evaluation reads, on the driver (a seeded subsample of at
 *     most evaluate.max_rows of them)
 * @param holdout holdout rows (capped at evaluate.max_rows)
 * @param trainingRows training rows in the whole input
 * @param holdoutRows holdout rows in the whole input
 */
public record PreparedData(SparkIngest.Ingested ingested, Dataset<Row> trainingText,
    Table training, Table holdout,
    long trainingRows, long holdoutRows) {

  /** Ingests, validates and splits the input. */
  public static PreparedData prepare(SparkSession spark, JobConfig config, Console console,
      int step, int steps) {
    console.step(step, steps, "validate " + config.input().path());
    SparkIngest.Ingested in = SparkIngest.ingest(spark, config.input());
    console.detail(in.schema().summary(in.source()));
    TableSchema schema = in.schema().schema();
    long seed = config.seeds().seed("split");
    double fraction = config.split().holdoutFraction();
    Dataset<Row> train = DataSplit.training(in.text(), schema, fraction, seed);
    Dataset<Row> hold = DataSplit.holdout(in.text(), schema, fraction, seed);
    long trainRows = train.count();
    long holdRows = hold.count();
    console.step(step + 1, steps, String.format(Locale.ROOT,
        "split %s: %,d training rows, %,d holdout rows (%.0f%% held out)",
        schema.entityKey() == null ? "by row" : "by " + schema.entityKey(), trainRows, holdRows,
        100 * fraction));
    if (trainRows < 10) {
      throw new org.synthehr.core.error.InvalidInputException(
          org.synthehr.core.error.Problem.ofInput(in.source(), "only " + trainRows
              + " rows are left for training", "use more data or a smaller split.holdout_fraction"));
    }
    long cap = config.split().maxTrainRows();
    Dataset<Row> trainingText = DataSplit.atMost(train, trainRows, cap,
        config.seeds().seed("train.subsample"));
    // The driver keeps only what the evaluation reads (evaluate.max_rows per side); the model
    // gets all its training rows in its Spark task, so a large input never has to fit here.
    long evaluated = config.evaluate().maxRows();
    Table training = SparkTables.collect(DataSplit.atMost(trainingText, Math.min(trainRows, cap),
        evaluated, config.seeds().seed("evaluate.training")), schema, in.source(), evaluated);
    Table holdout = SparkTables.collect(DataSplit.atMost(hold, holdRows,
        config.evaluate().maxRows(), config.seeds().seed("holdout.subsample")), schema, in.source(),
        config.evaluate().maxRows());
    if (Math.min(trainRows, cap) > evaluated) {
      console.detail(String.format(Locale.ROOT, "evaluating against a seeded subsample of %,d"
          + " training rows (evaluate.max_rows)", training.rowCount()));
    }
    if (cap < trainRows) {
      console.detail(String.format(Locale.ROOT, "training on a seeded subsample of at most %,d"
          + " rows (split.max_train_rows)", cap));
    }
    return new PreparedData(in, trainingText, training, holdout, trainRows, holdRows);
  }
}
