package org.synthehr.core.schema;

import java.nio.file.Path;
import java.util.List;
import org.synthehr.core.config.ConfigLoader;

/**
 * An explicit schema written by the user (YAML). Every column it lists overrides inference; columns it
 * does not list are inferred. Unknown keys are rejected.
 *
 * <pre>
 * missing_values: ["?"]
 * label: readmitted
 * entity_key: patient_nbr
 * columns:
 *   - {name: encounter_id, kind: identifier}
 *   - {name: age, kind: ordinal, categories: ["[0-10)", "[10-20)"]}
 * </pre>
 *
 * @param columns declared columns
 * @param label label column, or null
 * @param entityKey patient key column, or null
 * @param timeIndex time column for longitudinal data, or null
 * @param missingValues tokens meaning "missing" in every column
 */
public record SchemaFile(
    List<ColumnSpec> columns, String label, String entityKey, String timeIndex,
    List<String> missingValues) {

  public SchemaFile {
    columns = columns == null ? List.of() : List.copyOf(columns);
    missingValues = missingValues == null ? List.of() : List.copyOf(missingValues);
  }

  /** An empty declaration: everything inferred. */
  public static SchemaFile none() {
    return new SchemaFile(List.of(), null, null, null, List.of());
  }

  /** Reads and checks a schema file; errors name the file and the key. */
  public static SchemaFile load(Path file) {
    return ConfigLoader.load(file, SchemaFile.class, List.of());
  }

  /** The same declarations as a schema file (e.g. to save the resolved schema for reuse). */
  public static SchemaFile of(TableSchema schema) {
    return new SchemaFile(schema.columns(), schema.label(), schema.entityKey(), schema.timeIndex(),
        schema.missingValues());
  }
}
