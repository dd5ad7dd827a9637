package org.synthehr.evaluator.report;

import static org.synthehr.core.html.Html.esc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.html.HouseStyle;
import org.synthehr.core.html.Html;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * Renders a {@link Report} as one self-contained HTML page (inline CSS and SVG, no script, nothing
 * fetched at view time): a summary table of the headline figures against their real-data baselines,
 * then a section per kind of figure. The page is a function of the report alone, so it can be
 * re-rendered from {@code report.json}. Metrics of groups no section knows (e.g. privacy) get a
 * generic table; {@link #with} adds a dedicated section.
 */
public final class HtmlReport {
  private final List<ReportSection> sections;

  private HtmlReport(List<ReportSection> sections) {
    this.sections = List.copyOf(sections);
  }

  /** The fidelity, detection, utility and fairness sections. */
  public static HtmlReport standard() {
    return new HtmlReport(List.of(new QualitySection(), new ColumnsSection(), new PairsSection(),
        new DetectionSection(), new UtilitySection(), new FairnessSection()));
  }

  /**
   * A report of these sections only (metrics they do not accept get the generic table of their
   * group), for pages of other shapes of data, such as the longitudinal report.
   */
  public static HtmlReport of(ReportSection... sections) {
    return new HtmlReport(List.of(sections));
  }

  /** The same report with another section (placed before the generic ones). */
  public HtmlReport with(ReportSection section) {
    List<ReportSection> all = new ArrayList<>(sections);
    all.add(section);
    return new HtmlReport(all);
  }

  /** The page. */
  public String render(Report report) {
    Map<ReportSection, List<MetricResult>> assigned = new LinkedHashMap<>();
    sections.forEach(s -> assigned.put(s, new ArrayList<>()));
    Map<String, GenericSection> generic = new LinkedHashMap<>();
    for (MetricResult m : report.metrics()) {
      ReportSection target = sections.stream().filter(s -> s.accepts(m)).findFirst().orElse(null);
      if (target == null) {
        String group = m.group() == null ? "" : m.group();
        target = generic.computeIfAbsent(group, GenericSection::new);
        assigned.computeIfAbsent(target, k -> new ArrayList<>());
      }
      assigned.get(target).add(m);
    }
    List<String[]> nav = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (var e : assigned.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      StringBuilder part = new StringBuilder();
      e.getKey().render(e.getValue(), report, part);
      if (part.length() == 0) {
        continue;
      }
      String anchor = Html.anchor(e.getKey().title());
      nav.add(new String[] {anchor, e.getKey().title()});
      body.append("<section id='").append(anchor).append("'><h2>").append(esc(e.getKey().title()))
          .append("</h2>").append(part).append("</section>");
    }
    StringBuilder out = new StringBuilder(body.length() + 20_000);
    out.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>")
        .append("<meta name='viewport' content='width=device-width, initial-scale=1'>")
        .append("<title>").append(esc(report.title())).append("</title><style>").append(HouseStyle.css())
        .append("</style></head><body><header><div class='wrap'><h1>")
        .append(esc(report.title())).append("</h1>").append(facts(report)).append("</div></header>")
        .append("<nav><div class='wrap'><a href='#summary'>Summary</a>");
    nav.forEach(n -> out.append("<a href='#").append(n[0]).append("'>").append(esc(n[1]))
        .append("</a>"));
    out.append("</div></nav><main class='wrap'>");
    summary(assigned, out);
    out.append(body);
    out.append("</main><footer class='wrap'>").append(footer(report)).append("</footer>")
        .append("</body></html>\n");
    return out.toString();
  }

  private static void summary(Map<ReportSection, List<MetricResult>> assigned, StringBuilder out) {
    out.append("<section id='summary'><h2>Summary</h2><p class='lead'>Each figure compares the"
        + " synthetic data with the real training data. The <b>real baseline</b> is the same figure"
        + " for the holdout: real records the generator never saw. Synthetic data as good as new"
        + " real data scores about the baseline. Distances shrink as samples grow, so where the"
        + " synthetic data has more rows than the holdout, the figure is also given <i>at holdout"
        + " size</i> (on a random subset as large as the holdout) and that is what the verdict"
        + " compares.</p>");
    out.append("<table class='metrics summary'><thead><tr><th>Figure</th><th class='n'>Synthetic"
        + "</th><th class='n'>95% interval</th><th class='n'>Real baseline</th><th>Better</th>"
        + "<th></th></tr></thead><tbody>");
    for (var e : assigned.entrySet()) {
      for (MetricResult m : e.getKey().headline(e.getValue())) {
        out.append("<tr><td><div class='name'>").append(esc(MetricNames.of(m)))
            .append("</div><div class='desc'>").append(esc(m.description()))
            .append("</div></td><td class='n big'>").append(MetricNames.value(m))
            .append(atHoldoutSize(m)).append("</td><td class='n'>")
            .append(GenericSection.interval(m)).append("</td><td class='n'>")
            .append(Html.num(m.baseline())).append("</td><td>")
            .append(GenericSection.direction(m)).append("</td><td>")
            .append(m.passed() != null ? GenericSection.check(m) : Verdict.of(m).chip())
            .append("</td></tr>");
      }
    }
    out.append("</tbody></table></section>");
  }

  /** The figure on as many synthetic rows as the holdout has, when it was measured. */
  static String atHoldoutSize(MetricResult m) {
    Object v = m.details().get("at_holdout_size");
    if (!(v instanceof Number n)) {
      return "";
    }
    return "<div class='matched' title='the same figure on as many synthetic rows as the holdout"
        + " has, which is what compares with the baseline'>" + Html.num(n.doubleValue())
        + " at holdout size</div>";
  }

  private static String facts(Report report) {
    StringBuilder s = new StringBuilder("<div class='facts'>");
    for (var e : report.summary().entrySet()) {
      Object v = e.getValue();
      if (v instanceof Number || v instanceof String) {
        if (e.getKey().endsWith("rows") || e.getKey().endsWith("rows_evaluated")
            || e.getKey().endsWith("_patients") || e.getKey().endsWith("_measurements")
            || e.getKey().equals("model_kind") || e.getKey().equals("utility_outcome")) {
          s.append("<span><b>").append(esc(v instanceof Number n && n.doubleValue() >= 1000
              ? String.format(java.util.Locale.ROOT, "%,d", n.longValue()) : v))
              .append("</b> ").append(esc(e.getKey().replace('_', ' '))).append("</span>");
        }
      }
    }
    return s.append("</div>").toString();
  }

  private static String footer(Report report) {
    StringBuilder s = new StringBuilder();
    if (report.provenance() != null) {
      var p = report.provenance();
      s.append(esc(p.tool())).append(' ').append(esc(p.toolVersion())).append(" · created ")
          .append(esc(p.createdAt())).append(" · seed ").append(p.seed()).append(" · config sha256 ")
          .append(esc(p.configSha256() == null ? "–" : p.configSha256().substring(0,
              Math.min(12, p.configSha256().length()))));
    }
    s.append("<br>Every figure, with its interval and baseline, is also in report.json next to this"
        + " file. Charts are inline SVG: the page needs no network.");
    return s.toString();
  }

  /** The colour legend for real, synthetic and holdout. */
  static String legend(boolean holdoutAsTick) {
    return "<div class='legend'><span><i style='background:" + Svg.REAL + "'></i>real (training)"
        + "</span><span><i style='background:" + Svg.SYNTHETIC + "'></i>synthetic</span><span>"
        + (holdoutAsTick ? "<i class='tick-mark'></i>" : "<i style='background:" + Svg.HOLDOUT
            + "'></i>") + "holdout (real baseline)</span></div>";
  }
}
