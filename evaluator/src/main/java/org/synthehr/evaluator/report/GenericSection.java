package org.synthehr.evaluator.report;

import static org.synthehr.core.html.Html.esc;

import java.util.List;
import java.util.Locale;
import org.synthehr.core.html.Html;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * A table of every metric of one report group: value, interval, baseline, direction, and the policy
 * check when there is one. Used for groups no dedicated section claims.
 */
public final class GenericSection implements ReportSection {
  /** Metrics of a group shown in the summary table. */
  public static final int HEADLINE = 6;

  private final String group;

  public GenericSection(String group) {
    this.group = group;
  }

  @Override
  public String title() {
    return group.isEmpty() ? "Other figures"
        : group.substring(0, 1).toUpperCase(Locale.ROOT) + group.substring(1);
  }

  @Override
  public boolean accepts(MetricResult metric) {
    return group.equals(metric.group());
  }

  @Override
  public List<MetricResult> headline(List<MetricResult> accepted) {
    return accepted.subList(0, Math.min(HEADLINE, accepted.size()));
  }

  @Override
  public void render(List<MetricResult> accepted, Report report, StringBuilder out) {
    table(accepted, out);
  }

  /** The standard metric table. */
  public static void table(List<MetricResult> metrics, StringBuilder out) {
    out.append("<table class='metrics'><thead><tr><th>Figure</th><th class='n'>Value</th>")
        .append("<th class='n'>Interval</th><th class='n'>Real baseline</th><th>Better</th>")
        .append("<th>Check</th></tr></thead><tbody>");
    for (MetricResult m : metrics) {
      out.append("<tr><td><div class='desc'>").append(esc(m.description())).append("</div>")
          .append("<code>").append(esc(m.id())).append("</code></td><td class='n'>")
          .append(MetricNames.value(m)).append("</td><td class='n'>").append(interval(m))
          .append("</td><td class='n'>").append(Html.num(m.baseline())).append("</td><td>")
          .append(direction(m)).append("</td><td>").append(check(m)).append("</td></tr>");
    }
    out.append("</tbody></table>");
  }

  static String interval(MetricResult m) {
    return m.interval() == null ? "–" : Html.num(m.interval().low()) + " – "
        + Html.num(m.interval().high());
  }

  static String direction(MetricResult m) {
    return m.direction() == null ? "" : switch (m.direction()) {
      case HIGHER_IS_BETTER -> "higher";
      case LOWER_IS_BETTER -> "lower";
      case CLOSER_TO_BASELINE -> "near baseline";
    };
  }

  static String check(MetricResult m) {
    if (m.passed() == null) {
      return "";
    }
    return m.passed() ? "<span class='chip ok'>pass</span>"
        : "<span class='chip bad'>fail</span> <span class='muted'>threshold "
            + Html.num(m.threshold()) + "</span>";
  }
}
