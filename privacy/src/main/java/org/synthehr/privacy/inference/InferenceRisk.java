package org.synthehr.privacy.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.privacy.stats.SuccessRate;

/**
 * The outcome of an Anonymeter-style attack: the attack's success rate on training records, the
 * same attack's success rate on control records (real records the generator never saw: what the
 * synthetic data teaches about the population, not about the patients), a naive baseline, and the
 * risk {@code (attack - control) / (1 - control)}.
 *
 * @param id metric id, e.g. {@code privacy.attribute_inference.readmitted.risk}
 * @param description what was attacked, for the report
 * @param attack success on training records
 * @param control success on control records
 * @param baseline success of random guessing from the synthetic data
 * @param risk the risk with its interval
 * @param details extra figures (columns used, query counts)
 */
public record InferenceRisk(String id, String description, SuccessRate attack, SuccessRate control,
    SuccessRate baseline, SuccessRate.RiskEstimate risk, Map<String, Object> details) {

  /** Computes the risk from the three rates. */
  public static InferenceRisk of(String id, String description, SuccessRate attack,
      SuccessRate control, SuccessRate baseline, Map<String, Object> details) {
    return new InferenceRisk(id, description, attack, control, baseline,
        SuccessRate.risk(attack, control), details);
  }

  /** The report row: the risk, with the three rates in its details. */
  public MetricResult metric() {
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.put("attack_rate", attack.value());
    d.put("attack_rate_error", attack.error());
    d.put("control_rate", control.value());
    d.put("control_rate_error", control.error());
    d.put("baseline_rate", baseline.value());
    d.put("attacks", attack.trials());
    d.put("attack_better_than_baseline", attack.value() - attack.error()
        > baseline.value() + baseline.error());
    return MetricResult.of(id, "privacy", risk.value(), Direction.LOWER_IS_BETTER, description)
        .withBaseline(0.0).withInterval(risk.interval()).withDetails(d);
  }
}
