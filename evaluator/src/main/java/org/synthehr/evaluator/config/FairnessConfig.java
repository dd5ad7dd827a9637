package org.synthehr.evaluator.config;

import java.util.List;
import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code evaluate.fairness:} fidelity and utility per subgroup.
 *
 * @param columns columns whose values (discrete) or quartile bands (numeric) form the subgroups
 * @param margin a subgroup is flagged when its TSTR/TRTR AUC ratio is below the overall ratio by
 *     more than this
 * @param minRows real rows a category needs to be reported as a subgroup (and holdout rows its
 *     utility figures need)
 */
public record FairnessConfig(List<String> columns, double margin, int minRows) {
  public FairnessConfig {
    columns = columns == null ? List.of() : List.copyOf(columns);
    if (!(margin >= 0 && margin < 1)) {
      throw new InvalidConfigException("evaluate.fairness.margin must be in [0, 1), got " + margin
          + ".");
    }
    if (minRows < 1) {
      throw new InvalidConfigException("evaluate.fairness.min_rows must be positive, got " + minRows
          + ".");
    }
  }

  /** The defaults (no subgroup columns). */
  public static FairnessConfig defaults() {
    return new FairnessConfig(List.of(), 0.05, 50);
  }
}
