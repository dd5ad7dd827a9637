package org.synthehr.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;

/** The tabular file formats the toolkit reads and writes, chosen from the path. */
public enum DataFormat {
  CSV,
  PARQUET;

  /**
   * CSV for .csv/.csv.gz/.txt/.tsv/.tsv.gz, Parquet for .parquet and for directories (Spark
   * output).
   */
  public static DataFormat of(Path path) {
    String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".parquet") || Files.isDirectory(path)) {
      return PARQUET;
    }
    if (n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".txt") || n.endsWith(".tsv")
        || n.endsWith(".tsv.gz")) {
      return CSV;
    }
    throw new InvalidInputException(Problem.ofInput(path.toString(),
        "has an unknown format (expected .csv, .csv.gz, .parquet or a Parquet directory)",
        "rename the file or convert it to CSV or Parquet"));
  }

  /** Opens rows from a path in its format; CSV as UTF-8 with the delimiter detected. */
  public static RowSource open(Path path) {
    return open(path, CsvOptions.DEFAULT);
  }

  /** Opens rows from a path in its format; CSV with the given options (Parquet ignores them). */
  public static RowSource open(Path path, CsvOptions csv) {
    return switch (of(path)) {
      case CSV -> CsvRowSource.open(path, csv);
      case PARQUET -> ParquetRowSource.open(path);
    };
  }
}
