package org.synthehr.core.longitudinal;

import java.nio.file.Path;
import java.util.List;
import org.synthehr.core.config.ConfigLoader;

/**
 * A YAML file declaring the time-varying variables to model, with units and per-step aggregation.
 * Variables of the input not listed here are ignored (and counted in the ingest summary).
 *
 * <pre>
 * variables:
 *   - {name: HR, unit: bpm}
 *   - {name: Urine, unit: mL, aggregation: sum}
 * </pre>
 *
 * @param variables declared variables, in model order
 */
public record VariablesFile(List<Declared> variables) {

  public VariablesFile {
    variables = variables == null ? List.of() : List.copyOf(variables);
  }

  /**
   * One declared variable.
   *
   * @param name the variable's name in the input
   * @param unit unit of measure, or null
   * @param aggregation per-step aggregation, or null for the grid's default
   * @param description what it is, for people (not used by the toolkit)
   */
  public record Declared(String name, String unit, Aggregation aggregation, String description) {}

  /** Reads and checks a variables file; errors name the file and key. */
  public static VariablesFile load(Path file) {
    return ConfigLoader.load(file, VariablesFile.class, List.of());
  }
}
