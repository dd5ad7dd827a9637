package org.synthehr.spark.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.spark.ingest.DataSplit;
import org.synthehr.spark.ingest.SparkTables;

/** Reads (a seeded subsample of) a synthetic Parquet dataset back into a table of a given schema. */
final class SyntheticReader {
  private SyntheticReader() {}

  static Table read(SparkSession spark, Path dir, TableSchema schema, long rows, int maxRows,
      long seed) {
    if (!Files.exists(dir)) {
      throw new InvalidInputException(Problem.ofInput(dir.toString(), "does not exist",
          "run 'synth sample' first, or pass the synthetic data's path"));
    }
    Dataset<Row> ds = spark.read().parquet(dir.toString());
    List<String> have = List.of(ds.columns());
    List<String> missing = schema.names().stream().filter(n -> !have.contains(n)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidInputException(Problem.ofInput(dir.toString(), "lacks the columns "
          + String.join(", ", missing) + " of the real data",
          "evaluate synthetic data that has the same columns as the real data"));
    }
    Dataset<Row> text = SparkTables.asText(ds, schema.names());
    long count = rows > 0 ? rows : text.count();
    return SparkTables.collect(DataSplit.atMost(text, count, maxRows, seed), schema, dir.toString());
  }
}
