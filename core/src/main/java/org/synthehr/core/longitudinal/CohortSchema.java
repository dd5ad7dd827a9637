package org.synthehr.core.longitudinal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.synthehr.core.schema.TableSchema;

/**
 * What a cohort holds: the static attributes (one row per patient, identifiers excluded), the
 * time-varying variables, the time grid, and which static attribute is the outcome label.
 *
 * @param statics schema of the static attributes (no identifier columns: ids are kept apart)
 * @param variables the time-varying variables, in model order
 * @param grid the time grid
 * @param label the static column holding the outcome (e.g. in-hospital death), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CohortSchema(TableSchema statics, List<VariableSpec> variables, TimeGrid grid,
    String label) {

  public CohortSchema {
    Objects.requireNonNull(statics, "statics");
    Objects.requireNonNull(grid, "grid");
    variables = List.copyOf(variables);
    Set<String> seen = new HashSet<>();
    for (VariableSpec v : variables) {
      if (!seen.add(v.name())) {
        throw new IllegalArgumentException("duplicate variable '" + v.name() + "'");
      }
    }
    if (label != null && statics.find(label).isEmpty()) {
      throw new IllegalArgumentException("label '" + label + "' is not a static column");
    }
    if (statics.columns().stream().anyMatch(c -> !c.kind().isModelled())) {
      throw new IllegalArgumentException("static schema must hold modelled columns only");
    }
  }

  /** Number of variables. */
  @JsonIgnore
  public int variableCount() {
    return variables.size();
  }

  /** Number of grid steps. */
  @JsonIgnore
  public int steps() {
    return grid.steps();
  }

  /** Position of a variable, or -1. */
  public int indexOf(String variable) {
    for (int k = 0; k < variables.size(); k++) {
      if (variables.get(k).name().equals(variable)) {
        return k;
      }
    }
    return -1;
  }

  /** Variable names in order. */
  @JsonIgnore
  public List<String> variableNames() {
    return variables.stream().map(VariableSpec::name).toList();
  }
}
