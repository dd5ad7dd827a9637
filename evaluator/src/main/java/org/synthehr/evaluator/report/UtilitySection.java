package org.synthehr.evaluator.report;

import static org.synthehr.core.html.Html.esc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.synthehr.core.html.Html;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * TSTR against TRTR per model: AUC with intervals on one axis, a table of AUC / F1 / accuracy and
 * their ratios, and the permutation importances of the columns for both models side by side.
 */
final class UtilitySection implements ReportSection {
  private static final int TOP_FEATURES = 12;

  @Override
  public String title() {
    return "Utility";
  }

  @Override
  public boolean accepts(MetricResult m) {
    return m.id().startsWith("utility.");
  }

  @Override
  public List<MetricResult> headline(List<MetricResult> accepted) {
    return accepted.stream().filter(m -> m.id().endsWith(".tstr.auc")
        || m.id().endsWith(".ratio.auc")).toList();
  }

  @Override
  public void render(List<MetricResult> accepted, Report report, StringBuilder out) {
    Set<String> models = new LinkedHashSet<>();
    accepted.forEach(m -> models.add(m.id().split("\\.")[1]));
    if (models.isEmpty()) {
      return;
    }
    MetricResult first = find(accepted, "utility." + models.iterator().next() + ".trtr.auc");
    if (first != null) {
      Map<String, Object> d = first.details();
      out.append("<p class='lead'>Each model was trained once on ").append(Html.count(d.get("train_rows")))
          .append(" real training rows (TRTR) and once on as many synthetic rows (TSTR), and both"
              + " were tested on ").append(Html.count(d.get("test_rows")))
          .append(" holdout rows neither had seen, predicting <b>").append(esc(d.get("outcome")))
          .append("</b>. Intervals are 95% bootstrap intervals over the test rows.</p>");
    }
    List<Svg.Point> points = new ArrayList<>();
    for (String model : models) {
      MetricResult trtr = find(accepted, "utility." + model + ".trtr.auc");
      MetricResult tstr = find(accepted, "utility." + model + ".tstr.auc");
      if (trtr != null) {
        points.add(point(model + " · TRTR", trtr, Svg.REAL));
      }
      if (tstr != null) {
        points.add(point(model + " · TSTR", tstr, Svg.SYNTHETIC));
      }
    }
    out.append(Svg.dotWhisker(points, 0.4, 1.0, 0.5, "chance", 640));
    out.append("<table class='metrics'><thead><tr><th>Model</th><th>Figure</th>")
        .append("<th class='n'>TRTR (real)</th><th class='n'>TSTR (synthetic)</th>")
        .append("<th class='n'>TSTR / TRTR</th><th></th></tr></thead><tbody>");
    for (String model : models) {
      for (String fig : List.of("auc", "f1", "accuracy")) {
        MetricResult trtr = find(accepted, "utility." + model + ".trtr." + fig);
        MetricResult tstr = find(accepted, "utility." + model + ".tstr." + fig);
        MetricResult ratio = find(accepted, "utility." + model + ".ratio." + fig);
        if (trtr == null || tstr == null) {
          continue;
        }
        out.append("<tr><td>").append(esc(model)).append("</td><td>").append(fig.equals("auc")
            ? "ROC AUC" : fig.equals("f1") ? "F1" : "accuracy").append("</td><td class='n'>")
            .append(withInterval(trtr)).append("</td><td class='n'>").append(withInterval(tstr))
            .append("</td><td class='n'>").append(ratio == null ? "–" : withInterval(ratio))
            .append("</td><td>").append(Verdict.of(tstr).chip()).append("</td></tr>");
      }
      MetricResult agree = find(accepted, "utility." + model + ".importance_agreement");
      if (agree != null) {
        out.append("<tr><td>").append(esc(model)).append("</td><td>importance agreement (ρ)</td>")
            .append("<td class='n'>–</td><td class='n'>").append(Html.num(agree.value()))
            .append("</td><td class='n'>top-5 overlap ")
            .append(esc(agree.details().getOrDefault("top5_overlap", "–")))
            .append("/5</td><td></td></tr>");
      }
    }
    out.append("</tbody></table>");
    out.append("<div class='legend'><span><i style='background:" + Svg.REAL + "'></i>model trained"
        + " on real data</span><span><i style='background:" + Svg.SYNTHETIC + "'></i>model trained"
        + " on synthetic data</span></div><div class='row'>");
    for (String model : models) {
      MetricResult agree = find(accepted, "utility." + model + ".importance_agreement");
      if (agree != null) {
        importances(model, agree, out);
      }
    }
    out.append("</div>");
  }

  private static void importances(String model, MetricResult agree, StringBuilder out) {
    List<String> cols = Details.strings(agree.details().get("columns"));
    double[] a = Details.doubles(agree.details().get("trtr"));
    double[] b = Details.doubles(agree.details().get("tstr"));
    Integer[] idx = new Integer[cols.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -Math.max(a[i], b[i])));
    int k = Math.min(TOP_FEATURES, idx.length);
    List<String> labels = new ArrayList<>();
    double[] ta = new double[k];
    double[] tb = new double[k];
    for (int i = 0; i < k; i++) {
      labels.add(cols.get(idx[i]));
      ta[i] = a[idx[i]];
      tb[i] = b[idx[i]];
    }
    out.append("<figure>").append(Svg.barChart(labels, List.of(
        new Svg.Series("trained on real", Svg.REAL, ta, false),
        new Svg.Series("trained on synthetic", Svg.SYNTHETIC, tb, false)), 460, false))
        .append("<figcaption>").append(esc(model)).append(": drop of test AUC when a column is"
            + " shuffled (ρ = ").append(Html.num(agree.value())).append(")</figcaption></figure>");
  }

  private static String withInterval(MetricResult m) {
    return "<b>" + Html.num(m.value()) + "</b>" + (m.interval() == null ? ""
        : " <span class='muted'>[" + Html.num(m.interval().low()) + ", "
            + Html.num(m.interval().high()) + "]</span>");
  }

  private static Svg.Point point(String label, MetricResult m, String color) {
    return new Svg.Point(label, m.value(), m.interval() == null ? Double.NaN : m.interval().low(),
        m.interval() == null ? Double.NaN : m.interval().high(), color);
  }

  private static MetricResult find(List<MetricResult> ms, String id) {
    return DetectionSection.find(ms, id);
  }
}
