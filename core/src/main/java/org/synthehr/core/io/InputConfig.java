package org.synthehr.core.io;

import java.util.List;

/**
 * Where a dataset is and how to read it: the {@code input:} section of a job config.
 *
 * @param path CSV (.csv, .csv.gz) or Parquet (file or directory) to read
 * @param schema optional schema file (YAML) whose columns override inference
 * @param missingValues tokens meaning "missing" in every column, besides the empty string
 * @param dropColumns columns to ignore entirely
 * @param label the outcome column (overrides the schema file's)
 * @param entityKey the patient column; train/holdout are split by it (overrides the schema file's)
 */
public record InputConfig(
    String path, String schema, List<String> missingValues, List<String> dropColumns, String label,
    String entityKey) {

  public InputConfig {
    missingValues = missingValues == null ? List.of() : List.copyOf(missingValues);
    dropColumns = dropColumns == null ? List.of() : List.copyOf(dropColumns);
  }

  /** Reads a file with every choice inferred. */
  public static InputConfig of(String path) {
    return new InputConfig(path, null, List.of(), List.of(), null, null);
  }

  /** The same input with another path. */
  public InputConfig withPath(String newPath) {
    return new InputConfig(newPath, schema, missingValues, dropColumns, label, entityKey);
  }
}
