package org.synthehr.spark.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;
import org.synthehr.generator.dp.DpAccounting;

/**
 * The differential-privacy figures of a model trained with DP (its accountant's epsilon at delta,
 * and what the guarantee does not cover), as report metrics: {@code privacy.dp.epsilon} is what a
 * release policy's {@code max_epsilon} checks.
 */
public final class DpFigures {
  private DpFigures() {}

  /** The metrics of the accounting, or none for a model trained without DP. */
  public static List<MetricResult> of(Optional<DpAccounting> accounting) {
    if (accounting.isEmpty()) {
      return List.of();
    }
    DpAccounting a = accounting.get();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mechanism", a.mechanism());
    details.put("privacy_unit", a.privacyUnit());
    details.put("epsilon_budget", a.epsilonBudget());
    details.put("noise_multiplier", a.noiseMultiplier());
    details.put("max_grad_norm", a.maxGradNorm());
    details.put("sampling_rate", a.samplingRate());
    details.put("steps", a.steps());
    details.put("training_rows", a.trainingRows());
    details.put("secure_noise", a.secureNoise());
    details.put("accountant", a.accountant());
    details.put("outside_guarantee", a.outsideGuarantee());
    List<MetricResult> out = new ArrayList<>();
    out.add(MetricResult.of("privacy.dp.epsilon", "privacy", a.epsilonSpent(),
        Direction.LOWER_IS_BETTER, "epsilon of the DP training at delta = " + a.delta()
            + " (per " + a.privacyUnit() + "); the statistics listed under outside_guarantee"
            + " are not covered").withDetails(details));
    out.add(MetricResult.of("privacy.dp.delta", "privacy", a.delta(), Direction.LOWER_IS_BETTER,
        "delta of the DP guarantee (1/n by default)"));
    return out;
  }

  /** The report with the DP figures added to its metrics and summary. */
  public static Report addTo(Report report, Optional<DpAccounting> accounting) {
    List<MetricResult> dp = of(accounting);
    if (dp.isEmpty()) {
      return report;
    }
    List<MetricResult> metrics = new ArrayList<>(report.metrics());
    metrics.addAll(dp);
    Map<String, Object> summary = new LinkedHashMap<>(report.summary());
    dp.forEach(m -> summary.put(m.id(), m.value()));
    summary.put("privacy.dp.outside_guarantee", accounting.orElseThrow().outsideGuarantee());
    return new Report(report.title(), summary, metrics, report.provenance());
  }
}
