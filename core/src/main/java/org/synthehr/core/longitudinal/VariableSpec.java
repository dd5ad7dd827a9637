package org.synthehr.core.longitudinal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One time-varying variable of a cohort (a vital sign, a lab).
 *
 * @param name the variable's name as in the input (e.g. {@code HR})
 * @param unit unit of measure when known (written to the measurement table), or null
 * @param aggregation how measurements within one grid step are combined
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariableSpec(String name, String unit, Aggregation aggregation) {

  public VariableSpec {
    Objects.requireNonNull(name, "name");
    aggregation = aggregation == null ? Aggregation.MEAN : aggregation;
  }

  /** A variable averaged per step, unit unknown. */
  public static VariableSpec of(String name) {
    return new VariableSpec(name, null, Aggregation.MEAN);
  }
}
