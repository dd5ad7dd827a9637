package org.synthehr.evaluator.longitudinal;

import java.util.List;
import java.util.Map;
import org.synthehr.core.longitudinal.PlausibilityReport;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;

/**
 * The plausibility rule violations of a model's raw output (before the rules were applied to what
 * was released), as rates, with the real holdout's own rates as the baseline.
 */
public final class PlausibilityMetrics {
  private PlausibilityMetrics() {}

  public static List<MetricResult> of(PlausibilityReport raw, PlausibilityReport real) {
    return List.of(
        rate("plausibility.out_of_range", raw.outOfBounds(), raw.values(), real.outOfBounds(),
            real.values(), "Share of raw synthetic values outside their variable's plausible range"
                + " (learned from real data)", raw),
        rate("plausibility.after_end", raw.afterEnd(), raw.values(), real.afterEnd(),
            real.values(), "Share of raw synthetic values charted after the record's end (death"
                + " or discharge); removed from the output", raw),
        rate("plausibility.too_frequent", raw.tooFrequent(), raw.patients(), real.tooFrequent(),
            real.patients(), "Patient-variable pairs charted more often than any real patient,"
                + " per patient; thinned in the output", raw));
  }

  private static MetricResult rate(String id, long n, long of, long realN, long realOf,
      String description, PlausibilityReport raw) {
    return MetricResult.of(id, "plausibility", of == 0 ? 0 : (double) n / of,
        Direction.LOWER_IS_BETTER, description)
        .withBaseline(realOf == 0 ? null : (double) realN / realOf)
        .withDetails(Map.of("count", n, "of", of, "patients", raw.patients()));
  }
}
