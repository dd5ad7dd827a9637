package org.synthehr.spark.evaluate;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.CsvOptions;
import org.synthehr.core.io.DataFormat;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.LocalCopy;
import org.synthehr.spark.ingest.SparkCsv;
import org.synthehr.spark.ingest.SparkTables;

/**
 * Opens a table to evaluate (synthetic data from any tool, or a holdout file) as a Spark dataset of
 * the columns the real data has, in the real data's order: Parquet (a file or a directory of parts)
 * keeps its typed cells, CSV/TSV (a file, optionally gzipped, or a directory of CSV parts) gives
 * text. Extra columns are ignored; missing
 * ones are an error that lists them.
 */
public final class TableSource {
  private TableSource() {}

  /** The named columns of a file or directory; CSV as UTF-8 with the delimiter detected. */
  public static Dataset<Row> open(SparkSession spark, Path path, List<String> columns,
      String role) {
    return open(spark, path.toString(), columns, role, CsvOptions.DEFAULT);
  }

  /** As {@link #open(SparkSession, String, List, String, CsvOptions)} for a local path. */
  public static Dataset<Row> open(SparkSession spark, Path path, List<String> columns,
      String role, CsvOptions csv) {
    return open(spark, path.toString(), columns, role, csv);
  }

  /**
   * The named columns of a file or directory on any filesystem.
   *
   * @param location a local path or a URI ({@code hdfs://}, {@code s3a://})
   * @param role what the data is, for messages ("synthetic data", "holdout")
   * @param csv how to read CSV (the job's {@code input.delimiter} and {@code input.encoding})
   */
  public static Dataset<Row> open(SparkSession spark, String location, List<String> columns,
      String role, CsvOptions csv) {
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path path = store.resolve(location);
    if (!store.exists(path)) {
      throw new InvalidInputException(Problem.ofInput(location, "does not exist",
          "pass the path of the " + role + " (a Parquet file or directory, or a CSV file)"));
    }
    List<org.apache.hadoop.fs.Path> csvFiles = store.isDirectory(path)
        ? store.list(path).stream().filter(f -> SparkCsv.isCsvName(Path.of(f.getName()))).toList()
        : DataFormat.of(Path.of(path.getName())) == DataFormat.CSV ? List.of(path) : List.of();
    Dataset<Row> ds;
    if (!csvFiles.isEmpty()) {
      // The driver reads the header and sniffs the dialect from the first part (its head, when
      // it is on another filesystem); Spark reads the data where it is.
      try (LocalCopy first = LocalCopy.of(store, csvFiles.get(0), LocalCopy.HEAD_BYTES)) {
        // Every cell as text, under the names the core reader gives (no byte order mark).
        List<String> header = SparkCsv.header(first.path(), csv);
        ds = SparkCsv.reader(spark, List.of(first.path()), csv)
            .schema(SparkTables.stringSchema(header)).csv(path.toString());
      }
    } else {
      ds = spark.read().parquet(path.toString());
    }
    List<String> have = List.of(ds.columns());
    List<String> missing = columns.stream().filter(c -> !have.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidInputException(Problem.ofInput(location, "the " + role + " lacks the"
          + " column(s) " + String.join(", ", missing) + " that the real data has", "evaluate data"
          + " with the same column names as the real data (extra columns are ignored), or drop"
          + " those columns from the real data with input.drop_columns"));
    }
    return ds.select(columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
  }
}
