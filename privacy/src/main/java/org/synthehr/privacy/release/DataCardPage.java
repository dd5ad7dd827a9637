package org.synthehr.privacy.release;

import static org.synthehr.core.html.Html.esc;

import java.util.List;
import java.util.Map;
import org.synthehr.core.html.HouseStyle;
import org.synthehr.core.html.Html;

/**
 * {@code datacard.html}: the data card and the release decision on one self-contained, printable
 * page (inline CSS, no script, nothing fetched). It is a function of {@code datacard.json}, the
 * approvals and the manifest hash only, so {@code synth release verify} renders it again and
 * compares: an edited page is caught although it is outside the manifest.
 */
public final class DataCardPage {
  /** The page's file name in a bundle. */
  public static final String FILE = "datacard.html";

  private DataCardPage() {}

  /** The page. */
  public static String render(DataCard card, List<ApprovalEntry> approvals, String manifestSha256) {
    StringBuilder out = new StringBuilder(40_000);
    out.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>")
        .append("<meta name='viewport' content='width=device-width, initial-scale=1'><title>")
        .append(esc("Data card: " + card.title())).append("</title><style>")
        .append(HouseStyle.css()).append("</style></head><body class='datacard'><header><div")
        .append(" class='wrap'><div class='kicker'>Data card · synthetic ").append(esc(card.shape()))
        .append(" data</div><h1>").append(esc(card.title())).append("</h1><div class='facts'>");
    card.source().counts().forEach((k, v) -> out.append("<span><b>").append(Html.count(v))
        .append("</b> ").append(esc(k.replace('_', ' '))).append("</span>"));
    out.append("<span><b>").append(esc(card.generation().modelKind())).append("</b> model</span>")
        .append("<span>prepared <b>").append(esc(card.preparedAt().substring(0, 10)))
        .append("</b></span></div></div></header><main class='wrap'>");
    ReleaseStatus.of(card, approvals).banner(out);
    section(out, "What this data is", "<ul>" + items(card.whatItIs()) + "</ul><h3>What it is not"
        + "</h3><ul>" + items(card.whatItIsNot()) + "</ul>");
    section(out, "Uses", "<div class='two'><div><h3>Intended</h3><ul>"
        + items(card.intendedUses()) + "</ul></div><div><h3>Prohibited</h3><ul class='no'>"
        + items(card.prohibitedUses()) + "</ul></div></div>");
    section(out, "How it was made", made(card));
    section(out, "How faithful, useful, fair and private", figures(card));
    section(out, "Release policy", policy(card.policy()));
    section(out, "Known limitations", card.limitations().isEmpty() ? "<p>None measured.</p>"
        : "<ol>" + items(card.limitations()) + "</ol>");
    section(out, "Release decision", ReleaseStatus.history(approvals));
    section(out, "Tables and columns", tables(card));
    out.append("</main><footer class='wrap'>Prepared by synthehr ")
        .append(esc(String.valueOf(card.generation().toolVersion()))).append(" · manifest sha256 ")
        .append("<code>").append(esc(manifestSha256)).append("</code>")
        .append(card.contact() == null ? "" : " · contact " + esc(card.contact()))
        .append("<br>Check that these files are the ones approved: <code>synth release verify")
        .append(" BUNDLE</code>. The figures come from report.json in this bundle; report.html")
        .append(" has every chart.</footer></body></html>\n");
    return out.toString();
  }

  private static void section(StringBuilder out, String title, String body) {
    out.append("<section id='").append(Html.anchor(title)).append("'><h2>").append(esc(title))
        .append("</h2>").append(body).append("</section>");
  }

  private static String made(DataCard card) {
    DataCard.Generation g = card.generation();
    StringBuilder s = new StringBuilder("<dl class='kv'>");
    kv(s, "Model", g.modelKind());
    kv(s, "Seed", String.valueOf(g.seed()));
    if (g.epochs() != null) {
      kv(s, "Epochs, batch size", g.epochs() + ", " + g.batchSize());
    }
    kv(s, "Privacy guarantee", g.guarantee());
    if (g.dp() != null) {
      for (Map.Entry<String, Object> e : g.dp().entrySet()) {
        kv(s, "DP " + e.getKey().replace('_', ' '), e.getValue() instanceof Double d
            ? Html.num(d) : String.valueOf(e.getValue()));
      }
    }
    if (!g.notCovered().isEmpty()) {
      s.append("<dt>Not covered by the guarantee</dt><dd><ul>").append(items(g.notCovered()))
          .append("</ul></dd>");
    }
    s.append("<dt>Disclosure controls</dt><dd><ul>").append(items(g.disclosureControls()))
        .append("</ul></dd>");
    kv(s, "Source data", card.source().dataset());
    card.source().fingerprints().forEach((file, hash) -> kv(s, "Fingerprint of " + file, hash));
    kv(s, "Config sha256", g.configSha256() + " (config.resolved.yaml in this bundle)");
    kv(s, "Run", "synthehr " + g.toolVersion() + ", " + g.runCreatedAt());
    kv(s, "Trained model", card.modelIncluded() ? "included in this bundle (model/): it can"
        + " generate more data and must be governed like the data" : "not included");
    return s.append("</dl>").toString();
  }

  private static void kv(StringBuilder s, String key, String value) {
    s.append("<dt>").append(esc(key)).append("</dt><dd>").append(esc(value)).append("</dd>");
  }

  private static String figures(DataCard card) {
    StringBuilder s = new StringBuilder("<p class='lead'>The <b>real baseline</b> is what real"
        + " patients the model never saw (the holdout) score, or what guessing scores. report.html"
        + " in this bundle has every figure and chart.</p>");
    group(s, "Fidelity", card.fidelity());
    group(s, "Utility", card.utility());
    group(s, "Fairness", card.fairness());
    group(s, "Privacy", card.privacy());
    return s.toString();
  }

  private static void group(StringBuilder s, String title, List<DataCard.Figure> figures) {
    s.append("<h3>").append(esc(title)).append("</h3>");
    if (figures.isEmpty()) {
      s.append("<p class='muted'>Not measured for this release.</p>");
      return;
    }
    s.append("<table class='metrics summary'><thead><tr><th>Figure</th><th class='n'>Value</th>"
        + "<th class='n'>95% interval</th><th class='n'>Real baseline</th><th>Policy</th></tr>"
        + "</thead><tbody>");
    for (DataCard.Figure f : figures) {
      s.append("<tr").append(Boolean.FALSE.equals(f.passed()) ? " class='flag'" : "")
          .append("><td><div class='name'>").append(esc(f.name())).append("</div><div")
          .append(" class='desc'>").append(esc(f.reading())).append("</div></td><td class='n big'>")
          .append("count".equals(f.unit()) && f.value() != null ? Html.count(f.value())
              : Html.num(f.value())).append("</td><td class='n'>")
          .append(f.low() == null ? "" : Html.num(f.low()) + " – " + Html.num(f.high()))
          .append("</td><td class='n'>").append(Html.num(f.baseline())).append("</td><td>")
          .append(chip(f.passed(), f.threshold())).append("</td></tr>");
    }
    s.append("</tbody></table>");
  }

  private static String chip(Boolean passed, Double threshold) {
    if (passed == null) {
      return "";
    }
    return "<span class='chip " + (passed ? "ok" : "bad") + "'>" + (passed ? "pass" : "fail")
        + (threshold == null ? "" : " · " + Html.num(threshold)) + "</span>";
  }

  private static String policy(DataCard.PolicyVerdict p) {
    if ("none".equals(p.verdict())) {
      return "<p class='warn-text'>No release policy was applied: the steward's judgement of the"
          + " figures above is the only check.</p>";
    }
    StringBuilder s = new StringBuilder("<p>Policy <b>").append(esc(p.name())).append("</b>: ")
        .append(chip(!p.failed(), null).replace("pass<", "passed<").replace("fail<", "failed<"))
        .append(" ").append(p.checks().size() - p.failures().size()).append(" of ")
        .append(p.checks().size()).append(" checks held.</p><table class='metrics'><thead><tr>")
        .append("<th>Check</th><th>Metric</th><th class='n'>Value</th><th class='n'>Bound</th>")
        .append("<th></th></tr></thead><tbody>");
    for (DataCard.Check c : p.checks()) {
      s.append("<tr").append(Boolean.FALSE.equals(c.passed()) ? " class='flag'" : "")
          .append("><td>").append(esc(c.key())).append("</td><td><code>").append(esc(c.metric()))
          .append("</code></td><td class='n'>").append(Html.num(c.value())).append("</td><td")
          .append(" class='n'>").append(esc(c.bound())).append(' ').append(Html.num(c.threshold()))
          .append("</td><td>").append(c.passed() == null ? "<span class='chip warn'>skipped</span>"
              : chip(c.passed(), null)).append("</td></tr>");
    }
    return s.append("</tbody></table>").toString();
  }

  private static String tables(DataCard card) {
    StringBuilder s = new StringBuilder();
    for (DataCard.Table t : card.tables()) {
      s.append("<h3>").append(esc(t.name())).append(" <span class='muted'>")
          .append(t.rows() == null ? "" : Html.count(t.rows()) + " rows, ").append(t.columns().size())
          .append(" columns</span></h3><table class='metrics cols'><thead><tr><th>Column</th>")
          .append("<th>Kind</th><th>Parquet type</th><th>Unit</th></tr></thead><tbody>");
      for (DataCard.Column c : t.columns()) {
        s.append("<tr><td>").append(esc(c.name())).append("</td><td>")
            .append(c.kind() == null ? "" : esc(c.kind())).append("</td><td><code>")
            .append(esc(c.type())).append("</code></td><td>")
            .append(c.unit() == null ? "" : esc(c.unit())).append("</td></tr>");
      }
      s.append("</tbody></table>");
    }
    return s.toString();
  }

  static String items(List<String> lines) {
    StringBuilder s = new StringBuilder();
    lines.forEach(l -> s.append("<li>").append(esc(l)).append("</li>"));
    return s.toString();
  }
}
