package org.synthehr.evaluator.report;

import static org.synthehr.core.html.Html.esc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.html.Html;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/** One table per subgroup column: shares, shape similarity, TRTR/TSTR AUC, ratio and the flag. */
final class FairnessSection implements ReportSection {
  @Override
  public String title() {
    return "Subgroups";
  }

  @Override
  public boolean accepts(MetricResult m) {
    return m.id().startsWith("fairness.");
  }

  @Override
  public List<MetricResult> headline(List<MetricResult> accepted) {
    return accepted.stream().filter(m -> m.id().equals("fairness.flagged")).toList();
  }

  @Override
  public void render(List<MetricResult> accepted, Report report, StringBuilder out) {
    Map<String, Map<String, Map<String, MetricResult>>> byColumn = new LinkedHashMap<>();
    MetricResult flagged = null;
    for (MetricResult m : accepted) {
      if (m.id().equals("fairness.flagged")) {
        flagged = m;
        continue;
      }
      String column = String.valueOf(m.details().get("column"));
      String group = String.valueOf(m.details().get("group"));
      String figure = m.id().substring(m.id().lastIndexOf('.') + 1);
      byColumn.computeIfAbsent(column, k -> new LinkedHashMap<>())
          .computeIfAbsent(group, k -> new LinkedHashMap<>()).put(figure, m);
    }
    if (byColumn.isEmpty()) {
      return;
    }
    out.append("<p class='lead'>The same figures within each subgroup. Shape is the mean"
        + " column-shape similarity (1 − KS or 1 − TVD) inside the subgroup, with the holdout's in"
        + " brackets. AUCs come from the first utility model, tested on the subgroup's holdout rows.");
    if (flagged != null) {
      Map<String, Object> d = flagged.details();
      out.append(" A subgroup is flagged when its TSTR/TRTR ratio is below the overall ratio (")
          .append(Html.num(Details.number(d.get("overall_ratio")))).append(") by more than ")
          .append(Html.num(Details.number(d.get("margin")))).append(".");
    }
    out.append("</p>");
    for (var col : byColumn.entrySet()) {
      out.append("<h3>").append(esc(col.getKey())).append("</h3><table class='metrics'><thead><tr>")
          .append("<th>Group</th><th class='n'>Real rows</th><th class='n'>Real share</th>")
          .append("<th class='n'>Synthetic share</th><th class='n'>Shape</th>")
          .append("<th class='n'>TRTR AUC</th><th class='n'>TSTR AUC</th>")
          .append("<th class='n'>Ratio</th><th></th></tr></thead><tbody>");
      for (var g : col.getValue().entrySet()) {
        Map<String, MetricResult> f = g.getValue();
        MetricResult share = f.get("share");
        MetricResult shape = f.get("shape");
        MetricResult tstr = f.get("tstr_auc");
        MetricResult ratio = f.get("auc_ratio");
        Map<String, Object> d = share == null ? Map.of() : share.details();
        double realRows = Details.number(d.get("real_rows"));
        out.append("<tr").append(ratio != null && Boolean.FALSE.equals(ratio.passed())
            ? " class='flag'" : "").append("><td>").append(esc(g.getKey()))
            .append("</td><td class='n'>").append(String.format(java.util.Locale.ROOT, "%,.0f", realRows))
            .append("</td>");
        out.append("<td class='n'>").append(Html.pct(Details.number(d.get("real_share"))))
            .append("</td><td class='n'>")
            .append(Html.pct(Details.number(d.get("synthetic_share")))).append("</td>");
        out.append("<td class='n'>").append(shape == null ? "–" : Html.num(shape.value())
            + " <span class='muted'>(" + Html.num(shape.baseline()) + ")</span>").append("</td>");
        out.append("<td class='n'>").append(tstr == null ? "–" : Html.num(tstr.baseline()))
            .append("</td><td class='n'>").append(tstr == null ? "–" : Html.num(tstr.value())
                + interval(tstr)).append("</td><td class='n'>")
            .append(ratio == null ? "–" : Html.num(ratio.value())).append("</td><td>")
            .append(ratio == null ? "<span class='muted'>too few test rows</span>"
                : GenericSection.check(ratio)).append("</td></tr>");
      }
      out.append("</tbody></table>");
    }
  }

  private static String interval(MetricResult m) {
    return m.interval() == null ? "" : " <span class='muted'>[" + Html.num(m.interval().low())
        + ", " + Html.num(m.interval().high()) + "]</span>";
  }
}
