package org.synthehr.evaluator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.html.Html;
import org.synthehr.core.io.Json;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.Evaluator;
import org.synthehr.evaluator.config.DetectionConfig;
import org.synthehr.evaluator.config.EvaluationSettings;
import org.synthehr.evaluator.config.FairnessConfig;
import org.synthehr.evaluator.config.SupportConfig;
import org.synthehr.evaluator.config.UtilityConfig;
import org.synthehr.evaluator.model.ClassifierKind;
import org.synthehr.evaluator.testing.Tables;

class HtmlReportTest {
  private static Report report;
  private static int columns;

  @BeforeAll
  static void evaluate() {
    Table t = Tables.diabetes();
    // A category whose text is markup: the page must show it, not interpret it.
    List<Column> cols = new ArrayList<>(t.columns());
    int race = t.schema().indexOf("race");
    CategoricalColumn c = (CategoricalColumn) cols.get(race);
    List<String> dict = new ArrayList<>(c.dictionary());
    dict.set(dict.indexOf("Caucasian"), "<b>Caucasian</b>");
    cols.set(race, new CategoricalColumn("race", c.codes(), dict));
    t = new Table(t.schema(), cols);
    columns = t.columnCount();
    EvaluationSettings s = new EvaluationSettings(30, 0.95, 2048,
        new DetectionConfig(true, ClassifierKind.LOGISTIC, 300, 0.3), new SupportConfig(true, 200),
        new UtilityConfig(true, "readmitted", List.of("<30"), List.of(ClassifierKind.LOGISTIC),
            1000, 1000, 200),
        new FairnessConfig(List.of("gender"), 0.05, 30));
    Evaluator.Outcome o = Evaluator.evaluate(Evaluator.inMemory(Tables.rows(t, 0, 1000),
        Tables.rows(t, 1000, 1500), Tables.shuffled(Tables.rows(t, 1500, 3000), 1), s), s,
        Seeds.of(1), x -> { });
    List<MetricResult> metrics = new ArrayList<>(o.metrics());
    metrics.add(MetricResult.of("privacy.mia.auc", "privacy", 0.52, Direction.LOWER_IS_BETTER,
        "Membership-inference AUC").withBaseline(0.5).withCheck(0.6, true));
    report = new Report("Report of <test> data", o.summary(), metrics, null);
  }

  private static int count(String html, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void everySectionAndChartIsThereAndNothingIsFetched() {
    String html = HtmlReport.standard().render(report);
    for (String id : List.of("summary", "columns", "column-pairs", "detection-and-coverage",
        "utility", "subgroups", "privacy")) {
      assertTrue(html.contains("<section id='" + id + "'>"), id);
    }
    // One histogram per column, three heatmaps, detection and utility intervals, two curves,
    // importances.
    assertTrue(count(html, "<svg ") >= columns + 3 + 2 + 2 + 1, "charts: " + count(html, "<svg "));
    assertEquals(3, count(html, "aria-label='(real|synthetic|difference)'"));
    assertFalse(html.contains("<script"));
    assertFalse(Pattern.compile("(src|href)=['\"]?(https?:)?//").matcher(html).find());
    assertFalse(html.contains("<b>Caucasian</b>"));
    assertTrue(html.contains("&lt;b&gt;Caucasian&lt;/b&gt;"));
    assertTrue(html.contains("Report of &lt;test&gt; data"));
    // The summary starts the page, with the headline figures.
    int summary = html.indexOf("<section id='summary'>");
    assertTrue(summary > 0 && summary < html.indexOf("<section id='columns'>"));
    assertTrue(html.indexOf("Quality score", summary) < html.indexOf("<section id='columns'>"));
    assertTrue(html.contains("Membership-inference AUC"));
  }

  @Test
  void columnsComeWorstFirst() {
    String html = HtmlReport.standard().render(report);
    List<Double> excess = new ArrayList<>();
    Matcher m = Pattern.compile("<div class='card' id='col-([a-z0-9-]+)'").matcher(html);
    while (m.find()) {
      String anchor = m.group(1);
      MetricResult d = report.metrics().stream().filter(x -> (x.id().startsWith(
          "fidelity.column.ks.") || x.id().startsWith("fidelity.column.tvd.")) && Html.anchor(
              String.valueOf(x.details().get("column"))).equals(anchor)).findFirst().orElseThrow();
      excess.add(Verdict.comparable(d) - d.baseline());
    }
    assertEquals(columns, excess.size());
    for (int i = 1; i < excess.size(); i++) {
      assertTrue(excess.get(i - 1) >= excess.get(i), excess.toString());
    }
  }

  @Test
  void rendersTheSameFromReportJson(@TempDir Path dir) {
    Path json = dir.resolve("report.json");
    Path html = ReportFiles.write(json, report, HtmlReport.standard());
    assertEquals(dir.resolve("report.html"), html);
    Report back = Json.read(json, Report.class);
    assertEquals(HtmlReport.standard().render(report), HtmlReport.standard().render(back));
    assertTrue(Files.exists(html));
  }

  @Test
  void anotherModuleCanAddASection() {
    ReportSection privacy = new ReportSection() {
      @Override
      public String title() {
        return "Privacy attacks";
      }

      @Override
      public boolean accepts(MetricResult m) {
        return m.group().equals("privacy");
      }

      @Override
      public List<MetricResult> headline(List<MetricResult> accepted) {
        return accepted;
      }

      @Override
      public void render(List<MetricResult> accepted, Report r, StringBuilder out) {
        out.append("<p>").append(accepted.size()).append(" attack(s)</p>");
      }
    };
    String html = HtmlReport.standard().with(privacy).render(report);
    assertTrue(html.contains("<section id='privacy-attacks'><h2>Privacy attacks</h2><p>1 attack(s)"));
    assertFalse(html.contains("<section id='privacy'>"));
    Map<String, Object> summary = report.summary();
    assertTrue(summary.containsKey("overall_score"));
  }
}
