package org.synthehr.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One figure of a report: every fidelity, utility and privacy metric, and every release-policy row,
 * is one of these.
 *
 * @param id stable dotted identifier, e.g. {@code fidelity.shape.age} or {@code privacy.dcr.share}
 * @param group section of the report ("fidelity", "utility", "privacy", "policy")
 * @param value the figure
 * @param interval confidence interval, or null
 * @param direction which way is better
 * @param baseline the figure for real-vs-real data (what "as good as new real data" scores), or null
 * @param threshold the policy threshold it was checked against, or null
 * @param passed whether it passed the threshold, or null when no policy applies
 * @param description one sentence a reader understands
 * @param details extra structured figures (per-category counts, histograms), or empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricResult(
    String id, String group, double value, Interval interval, Direction direction, Double baseline,
    Double threshold, Boolean passed, String description, Map<String, Object> details) {

  public MetricResult {
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** A plain figure with direction and description. */
  public static MetricResult of(String id, String group, double value, Direction direction,
      String description) {
    return new MetricResult(id, group, value, null, direction, null, null, null, description, null);
  }

  /** The same figure with a baseline. */
  public MetricResult withBaseline(Double newBaseline) {
    return new MetricResult(id, group, value, interval, direction, newBaseline, threshold, passed,
        description, details);
  }

  /** The same figure with an interval. */
  public MetricResult withInterval(Interval newInterval) {
    return new MetricResult(id, group, value, newInterval, direction, baseline, threshold, passed,
        description, details);
  }

  /** The same figure with details. */
  public MetricResult withDetails(Map<String, Object> newDetails) {
    return new MetricResult(id, group, value, interval, direction, baseline, threshold, passed,
        description, newDetails);
  }

  /** The same figure checked against a threshold. */
  public MetricResult withCheck(double newThreshold, boolean pass) {
    return new MetricResult(id, group, value, interval, direction, baseline, newThreshold, pass,
        description, details);
  }
}
