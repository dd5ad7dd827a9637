package org.synthehr.core.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One column of a {@link TableSchema}.
 *
 * @param name column name as in the input header
 * @param kind semantic kind
 * @param storage how values are stored in output; defaults from the kind
 * @param categories for ordinal columns the order of the categories; for other discrete columns an
 *     optional closed set of allowed values; empty when learned from data
 * @param missingValues extra tokens meaning "missing" for this column only (e.g. "-1")
 * @param unit unit of measure, when known (written to outputs for analysts)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ColumnSpec(
    String name, ColumnKind kind, StorageType storage, List<String> categories,
    List<String> missingValues, String unit) {

  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    storage = storage == null ? StorageType.defaultFor(kind) : storage;
    categories = categories == null ? List.of() : List.copyOf(categories);
    missingValues = missingValues == null ? List.of() : List.copyOf(missingValues);
  }

  /** A column of the given kind with default storage and nothing else declared. */
  public static ColumnSpec of(String name, ColumnKind kind) {
    return new ColumnSpec(name, kind, null, null, null, null);
  }

  /** The same column with another kind (storage re-derived). */
  public ColumnSpec withKind(ColumnKind newKind) {
    return new ColumnSpec(name, newKind, null, categories, missingValues, unit);
  }

  /** The same column with a category order / closed set. */
  public ColumnSpec withCategories(List<String> newCategories) {
    return new ColumnSpec(name, kind, storage, newCategories, missingValues, unit);
  }
}
