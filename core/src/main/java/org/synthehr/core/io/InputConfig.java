package org.synthehr.core.io;

import java.util.List;

/**
 * Where a dataset is and how to read it: the {@code input:} section of a job config.
 *
 * @param path CSV (.csv, .csv.gz, .tsv) or Parquet (file or directory) to read
 * @param schema optional schema file (YAML) whose columns override inference
 * @param missingValues tokens meaning "missing" in every column, besides the empty string
 * @param dropColumns columns to ignore entirely
 * @param label the outcome column (overrides the schema file's)
 * @param entityKey the patient column; train/holdout are split by it (overrides the schema file's)
 * @param delimiter the CSV field delimiter, one character (null: detect it from the header line;
 *     {@code .tsv} means tab)
 * @param encoding the CSV files' character encoding, a Java charset name (null: UTF-8)
 */
public record InputConfig(
    String path, String schema, List<String> missingValues, List<String> dropColumns, String label,
    String entityKey, String delimiter, String encoding) {

  public InputConfig {
    missingValues = missingValues == null ? List.of() : List.copyOf(missingValues);
    dropColumns = dropColumns == null ? List.of() : List.copyOf(dropColumns);
    // Checked when the config is loaded, so a bad value fails before any work, naming the key.
    CsvOptions.fromConfig(delimiter, encoding, "input");
  }

  /** An input with the CSV delimiter detected and UTF-8 text. */
  public InputConfig(String path, String schema, List<String> missingValues,
      List<String> dropColumns, String label, String entityKey) {
    this(path, schema, missingValues, dropColumns, label, entityKey, null, null);
  }

  /** Reads a file with every choice inferred. */
  public static InputConfig of(String path) {
    return new InputConfig(path, null, List.of(), List.of(), null, null);
  }

  /** The same input with another path. */
  public InputConfig withPath(String newPath) {
    return new InputConfig(newPath, schema, missingValues, dropColumns, label, entityKey,
        delimiter, encoding);
  }

  /** How to read this input's CSV files (and every other CSV file the job reads). */
  public CsvOptions csv() {
    return CsvOptions.fromConfig(delimiter, encoding, "input");
  }
}
