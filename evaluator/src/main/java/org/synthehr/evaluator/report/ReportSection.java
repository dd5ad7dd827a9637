package org.synthehr.evaluator.report;

import java.util.List;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * One section of the HTML report. Each metric of a report goes to the first section that accepts
 * it; metrics no section accepts are shown in a generic table per report group, so new groups (e.g.
 * privacy attacks) appear without any change here, and a module that wants charts for its group adds
 * its own section ({@link HtmlReport#with}).
 */
public interface ReportSection {
  /** The section heading. */
  String title();

  /** Whether this section shows the metric. */
  boolean accepts(MetricResult metric);

  /** The metrics (of those accepted) that belong in the summary table at the top. */
  List<MetricResult> headline(List<MetricResult> accepted);

  /**
   * Writes the section's body (heading excluded) from the metrics it accepted; writes nothing when
   * it has nothing beyond the summary rows.
   */
  void render(List<MetricResult> accepted, Report report, StringBuilder out);
}
