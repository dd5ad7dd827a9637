package org.synthehr.evaluator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

class TrajectoryReportPageTest {
  @Test
  void aSelfContainedPageWithFanChartsAndTwins() {
    Cohort real = Cohorts.sample().training();
    Cohort other = Cohorts.sample().holdout();
    List<MetricResult> metrics = TrajectoryFidelity.all(real, other, null);
    Report report = new Report("test <report>", Map.of("patients", real.size()), metrics,
        Provenance.capture(1, "x", Map.of(), Map.of()));
    String html = TrajectoryReportPage.html(report, real, other, other.head(3),
        List.of(other.head(3), other.head(3), other.head(3)), 24);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<svg") && html.contains("polygon"), "fan charts");
    assertTrue(html.contains("trajectory.marginals"));
    assertTrue(html.contains("test &lt;report&gt;"), "titles are escaped");
    assertTrue(html.contains("Digital twins"));
    assertFalse(html.contains("<script") || html.contains("http://") && !html.contains(
        "http://www.w3.org/2000/svg"), "no scripts or external resources");
    for (String id : real.ids()) {
      assertFalse(html.contains(">" + id + "<"), "no real patient ids in the page");
    }
  }
}
