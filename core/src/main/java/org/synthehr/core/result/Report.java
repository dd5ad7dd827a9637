package org.synthehr.core.result;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.synthehr.core.provenance.Provenance;

/**
 * What {@code report.json} holds: headline figures, every metric, and the provenance of the run.
 *
 * @param title what was evaluated
 * @param summary headline figures by name (overall score, shape, trend, ...)
 * @param metrics every metric, in report order
 * @param provenance what produced the data evaluated
 */
public record Report(String title, Map<String, Object> summary, List<MetricResult> metrics,
    Provenance provenance) {

  public Report {
    summary = Map.copyOf(summary);
    metrics = List.copyOf(metrics);
  }

  /** The metric with this id, if present. */
  public Optional<MetricResult> metric(String id) {
    return metrics.stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
