package org.synthehr.evaluator.report;

import static org.synthehr.core.html.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.html.Html;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * One card per column, worst first (largest KS or TVD): the real and synthetic histograms with the
 * holdout as tick marks, the distance against its baseline, and missing values, moments, coverage
 * and invented categories.
 */
final class ColumnsSection implements ReportSection {
  @Override
  public String title() {
    return "Columns";
  }

  @Override
  public boolean accepts(MetricResult m) {
    return m.id().startsWith("fidelity.column.") || m.id().startsWith("fidelity.shape.");
  }

  @Override
  public List<MetricResult> headline(List<MetricResult> accepted) {
    return List.of();
  }

  @Override
  public void render(List<MetricResult> accepted, Report report, StringBuilder out) {
    Map<String, Map<String, MetricResult>> byColumn = new LinkedHashMap<>();
    List<MetricResult> distances = new ArrayList<>();
    for (MetricResult m : accepted) {
      String[] parts = m.id().split("\\.", 4);
      if (parts.length < 4 || !parts[1].equals("column")) {
        continue;
      }
      byColumn.computeIfAbsent(parts[3], k -> new LinkedHashMap<>()).put(parts[2], m);
      if (parts[2].equals("ks") || parts[2].equals("tvd")) {
        distances.add(m);
      }
    }
    if (distances.isEmpty()) {
      return;
    }
    distances.sort(Comparator.comparingDouble((MetricResult m) -> -(Verdict.comparable(m)
        - (m.baseline() == null ? 0 : m.baseline()))));
    out.append("<p class='lead'>Marginal distribution of every column, the least faithful first:"
        + " ordered by how far the Kolmogorov-Smirnov statistic (numeric columns) or total variation"
        + " distance (categorical columns) exceeds the holdout's, which shows how far real data"
        + " drifts by chance. Bars show the share of observed values; ticks show the holdout.</p>");
    out.append(HtmlReport.legend(true));
    out.append("<div class='cards'>");
    for (MetricResult d : distances) {
      String column = String.valueOf(d.details().get("column"));
      card(column, d, byColumn.get(column), out);
    }
    out.append("</div>");
  }

  private static void card(String column, MetricResult distance, Map<String, MetricResult> all,
      StringBuilder out) {
    boolean numeric = distance.id().contains(".ks.");
    Map<String, Object> hist = Details.map(distance.details().get("histogram"));
    List<String> labels = Details.strings(hist.get("labels"));
    List<Svg.Series> series = new ArrayList<>();
    series.add(new Svg.Series("real", Svg.REAL, Details.doubles(hist.get("real")), false));
    series.add(new Svg.Series("synthetic", Svg.SYNTHETIC, Details.doubles(hist.get("synthetic")),
        false));
    if (hist.containsKey("holdout")) {
      series.add(new Svg.Series("holdout", Svg.HOLDOUT, Details.doubles(hist.get("holdout")),
          true));
    }
    out.append("<div class='card' id='col-").append(Html.anchor(column)).append("'><div class='card-head'>")
        .append("<h3>").append(esc(column)).append("</h3><span class='kind'>")
        .append(esc(distance.details().getOrDefault("kind", ""))).append("</span>")
        .append(Verdict.of(distance).chip()).append("</div>");
    out.append("<div class='figures'>").append(numeric ? "KS " : "TVD ")
        .append("<b>").append(Html.num(distance.value())).append("</b>");
    if (distance.baseline() != null) {
      Object matched = distance.details().get("at_holdout_size");
      out.append(" <span class='muted'>(");
      if (matched instanceof Number n) {
        out.append(Html.num(n.doubleValue())).append(" at holdout size; ");
      }
      out.append("holdout ").append(Html.num(distance.baseline())).append(")</span>");
    }
    MetricResult w = all.get("wasserstein");
    if (w != null) {
      out.append(" · Wasserstein <b>").append(Html.num(w.value())).append("</b> sd");
    }
    MetricResult cov = all.get("coverage");
    if (cov != null) {
      out.append(" · coverage <b>").append(Html.pct(cov.value())).append("</b>");
    }
    MetricResult inv = all.get("invented");
    if (inv != null && inv.value() > 0) {
      out.append(" · <span class='warn-text'>not in real data <b>").append(Html.pct(inv.value()))
          .append("</b></span>");
    }
    out.append("</div>");
    if (labels.isEmpty()) {
      out.append("<p class='muted'>No observed values.</p>");
    } else if (numeric) {
      out.append(Svg.columnChart(labels, series, 600));
    } else {
      out.append(Svg.barChart(labels, series, 600, true));
    }
    out.append("<div class='stats'>");
    Map<String, Object> missing = Details.map(distance.details().get("missing_rate"));
    out.append("missing: real ").append(Html.pct(Details.number(missing.get("real"))))
        .append(", synthetic ").append(Html.pct(Details.number(missing.get("synthetic"))));
    if (numeric) {
      Map<String, Object> mean = Details.map(distance.details().get("mean"));
      Map<String, Object> std = Details.map(distance.details().get("std"));
      out.append(" · mean ").append(Html.num(Details.number(mean.get("real")))).append(" vs ")
          .append(Html.num(Details.number(mean.get("synthetic")))).append(" · sd ")
          .append(Html.num(Details.number(std.get("real")))).append(" vs ")
          .append(Html.num(Details.number(std.get("synthetic"))));
    }
    if (inv != null && inv.value() > 0) {
      List<String> examples = new ArrayList<>(Details.map(inv.details().get("values")).keySet());
      if (!examples.isEmpty()) {
        out.append("<br>invented values: ").append(esc(String.join(", ",
            examples.subList(0, Math.min(6, examples.size())))));
      }
    }
    out.append("</div></div>");
  }
}
