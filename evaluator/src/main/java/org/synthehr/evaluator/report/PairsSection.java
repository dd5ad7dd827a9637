package org.synthehr.evaluator.report;

import static org.synthehr.core.html.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.synthehr.core.html.Html;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * Pairwise association heatmaps (real, synthetic, absolute difference) and the pairs whose
 * association or joint distribution differs most beyond their holdout baseline.
 */
final class PairsSection implements ReportSection {
  private static final int WORST = 15;
  private static final Map<String, String> MEASURES = Map.of("pearson", "Pearson r", "spearman",
      "Spearman ρ", "cramers_v", "Cramér's V", "correlation_ratio", "correlation ratio η");

  @Override
  public String title() {
    return "Column pairs";
  }

  @Override
  public boolean accepts(MetricResult m) {
    return m.id().startsWith("fidelity.pair.") || m.id().startsWith("fidelity.pairs.");
  }

  @Override
  public List<MetricResult> headline(List<MetricResult> accepted) {
    return accepted.stream().filter(m -> m.id().startsWith("fidelity.pairs.")).toList();
  }

  @Override
  public void render(List<MetricResult> accepted, Report report, StringBuilder out) {
    MetricResult assoc = accepted.stream().filter(m -> m.id().equals("fidelity.pairs.association"))
        .findFirst().orElse(null);
    if (assoc != null) {
      List<String> names = Details.strings(assoc.details().get("columns"));
      double[][] real = Details.matrix(assoc.details().get("real"));
      double[][] syn = Details.matrix(assoc.details().get("synthetic"));
      double[][] diff = new double[real.length][];
      double maxDiff = 0.05;
      for (int i = 0; i < real.length; i++) {
        diff[i] = new double[real[i].length];
        for (int j = 0; j < real[i].length; j++) {
          diff[i][j] = Math.abs(syn[i][j] - real[i][j]);
          maxDiff = Math.max(maxDiff, diff[i][j]);
        }
      }
      out.append("<p class='lead'>Strength of association of every pair of columns: Pearson r"
          + " for two numeric columns (−1 to 1), Cramér's V for two categorical columns and the"
          + " correlation ratio η for a categorical and a numeric one (0 to 1). Hover a cell for"
          + " its value.</p><div class='heatmaps'>");
      out.append("<figure>").append(Svg.heatmap(names, real, -1, 1, true, "real"))
          .append("<figcaption>Real (training)</figcaption></figure>");
      out.append("<figure>").append(Svg.heatmap(names, syn, -1, 1, true, "synthetic"))
          .append("<figcaption>Synthetic</figcaption></figure>");
      out.append("<figure>").append(Svg.heatmap(names, diff, 0, Math.min(1, maxDiff), false,
          "difference")).append("<figcaption>|synthetic − real|</figcaption></figure>");
      out.append("</div>");
    }
    List<MetricResult> perPair = new ArrayList<>(accepted.stream()
        .filter(m -> m.id().startsWith("fidelity.pair.") && !m.id().contains(".contingency."))
        .toList());
    if (perPair.isEmpty()) {
      return;
    }
    perPair.sort(Comparator.comparingDouble((MetricResult m) -> -(Verdict.comparable(m)
        - (m.baseline() == null ? 0 : m.baseline()))));
    out.append("<h3>Pairs that differ most</h3><p class='muted'>Largest differences of association"
        + " beyond what the holdout shows.</p><table class='metrics'><thead><tr><th>Pair</th>")
        .append("<th>Measure</th><th class='n'>Real</th><th class='n'>Synthetic</th>")
        .append("<th class='n'>|Δ|</th><th class='n'>Holdout |Δ|</th><th></th></tr></thead><tbody>");
    for (MetricResult m : perPair.subList(0, Math.min(WORST, perPair.size()))) {
      String[] parts = m.id().split("\\.", 4);
      Map<String, Object> d = m.details();
      out.append("<tr><td>").append(esc(parts[3].replace("|", " × "))).append("</td><td>")
          .append(esc(MEASURES.getOrDefault(parts[2], parts[2]))).append("</td><td class='n'>")
          .append(Html.num(Details.number(d.get("real")))).append("</td><td class='n'>")
          .append(Html.num(Details.number(d.get("synthetic")))).append("</td><td class='n'>")
          .append(Html.num(m.value())).append("</td><td class='n'>").append(Html.num(m.baseline()))
          .append("</td><td>").append(Verdict.of(m).chip()).append("</td></tr>");
    }
    out.append("</tbody></table>");
  }
}
