package org.synthehr.evaluator.report;

import java.util.List;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/** The REFERENCE.md quality score (overall, shape, trend): summary rows only. */
final class QualitySection implements ReportSection {
  @Override
  public String title() {
    return "Quality score";
  }

  @Override
  public boolean accepts(MetricResult m) {
    return m.id().startsWith("fidelity.quality.");
  }

  @Override
  public List<MetricResult> headline(List<MetricResult> accepted) {
    return accepted;
  }

  @Override
  public void render(List<MetricResult> accepted, Report report, StringBuilder out) {
    // The three figures are in the summary table; nothing more to show.
  }
}
