package org.synthehr.core.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The columns of a table with their semantic kinds, plus which column is the label and, for
 * longitudinal data, the entity key (patient) and time index.
 *
 * @param columns columns in table order
 * @param label the outcome column utility metrics predict, or null
 * @param entityKey the column identifying the patient (used to split train/holdout), or null
 * @param timeIndex the column giving the time of a row in longitudinal data, or null
 * @param missingValues tokens meaning "missing" in every column (in addition to the empty string)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TableSchema(
    List<ColumnSpec> columns, String label, String entityKey, String timeIndex,
    List<String> missingValues) {

  public TableSchema {
    columns = List.copyOf(columns);
    missingValues = missingValues == null ? List.of() : List.copyOf(missingValues);
    Set<String> seen = new java.util.HashSet<>();
    for (ColumnSpec c : columns) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("duplicate column '" + c.name() + "' in schema");
      }
    }
  }

  /** A schema with only columns. */
  public static TableSchema of(List<ColumnSpec> columns) {
    return new TableSchema(columns, null, null, null, null);
  }

  /** The column with this name, if present. */
  public Optional<ColumnSpec> find(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The column with this name; fails if absent (a programming error at this point). */
  public ColumnSpec column(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("no column '" + name + "'"));
  }

  /** Position of a column, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Column names in order. */
  @JsonIgnore
  public List<String> names() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  /** The columns generators learn and emit: everything but identifiers and free text. */
  @JsonIgnore
  public TableSchema modelled() {
    return filter(c -> c.kind().isModelled());
  }

  /** A schema with only the columns that pass the filter; label/key/time kept only if they survive. */
  public TableSchema filter(Predicate<ColumnSpec> keep) {
    List<ColumnSpec> kept = columns.stream().filter(keep).toList();
    Set<String> names = new java.util.HashSet<>();
    kept.forEach(c -> names.add(c.name()));
    return new TableSchema(kept, names.contains(label) ? label : null,
        names.contains(entityKey) ? entityKey : null, names.contains(timeIndex) ? timeIndex : null,
        missingValues);
  }

  /** The same schema with some columns replaced (matched by name). */
  public TableSchema replace(Map<String, ColumnSpec> replacements) {
    List<ColumnSpec> out = new ArrayList<>(columns.size());
    for (ColumnSpec c : columns) {
      out.add(replacements.getOrDefault(c.name(), c));
    }
    return new TableSchema(out, label, entityKey, timeIndex, missingValues);
  }

  /** The same schema with another label. */
  public TableSchema withLabel(String newLabel) {
    return new TableSchema(columns, newLabel, entityKey, timeIndex, missingValues);
  }

  /** The same schema with another entity key. */
  public TableSchema withEntityKey(String newKey) {
    return new TableSchema(columns, label, newKey, timeIndex, missingValues);
  }

  /** Columns by name, in order. */
  @JsonIgnore
  public Map<String, ColumnSpec> byName() {
    Map<String, ColumnSpec> m = new LinkedHashMap<>();
    columns.forEach(c -> m.put(c.name(), c));
    return m;
  }
}
