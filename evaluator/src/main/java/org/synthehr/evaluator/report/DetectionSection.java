package org.synthehr.evaluator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.synthehr.core.html.Html;
import org.synthehr.core.result.Interval;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * Whole-table fidelity: the detection AUC of synthetic rows against that of holdout rows, and the
 * α-precision / β-recall curves against the ideal diagonal.
 */
final class DetectionSection implements ReportSection {
  @Override
  public String title() {
    return "Detection and coverage";
  }

  @Override
  public boolean accepts(MetricResult m) {
    return m.id().startsWith("fidelity.detection.") || m.id().equals("fidelity.alpha_precision")
        || m.id().equals("fidelity.beta_recall");
  }

  @Override
  public List<MetricResult> headline(List<MetricResult> accepted) {
    return accepted.stream().filter(m -> !m.id().equals("fidelity.detection.score")).toList();
  }

  @Override
  public void render(List<MetricResult> accepted, Report report, StringBuilder out) {
    MetricResult auc = find(accepted, "fidelity.detection.auc");
    if (auc != null) {
      Map<String, Object> d = auc.details();
      out.append("<p class='lead'>A ").append(Html.esc(d.getOrDefault("model", "classifier")))
          .append(" classifier was trained to tell ").append(Html.count(d.get("rows_per_side")))
          .append(" real training rows from as many synthetic rows and tested on rows it had not"
              + " seen. An AUC of 0.5 means it cannot tell them apart; the holdout line shows what"
              + " the same classifier achieves against real rows it never saw.</p>");
      List<Svg.Point> points = new ArrayList<>();
      points.add(point("synthetic vs real", auc.value(), auc.interval(), Svg.SYNTHETIC));
      if (auc.baseline() != null) {
        Map<String, Object> bi = Details.map(d.get("baseline_interval"));
        Interval base = bi.isEmpty() ? null : new Interval(Details.number(bi.get("low")),
            Details.number(bi.get("high")), Details.number(bi.get("level")));
        points.add(point("holdout vs real", auc.baseline(), base, Svg.HOLDOUT));
      }
      double hi = Math.max(0.75, Math.ceil(Math.max(auc.value(), auc.interval() == null ? 0
          : auc.interval().high()) * 20) / 20);
      out.append(Svg.dotWhisker(points, 0.4, Math.min(1, hi), 0.5, "indistinguishable", 640));
    }
    MetricResult alpha = find(accepted, "fidelity.alpha_precision");
    MetricResult beta = find(accepted, "fidelity.beta_recall");
    if (alpha != null || beta != null) {
      out.append("<p class='lead'>α-precision: the share of synthetic rows inside the region that"
          + " holds a share α of the real rows around their centre (ideal: α). β-recall: the share"
          + " of real rows that have a synthetic row nearer than their nearest real neighbour, within"
          + " the β-quantile region (a well-covering generator follows the holdout curve)."
          + " Dashed: holdout.</p><div class='row'>");
      for (MetricResult m : new MetricResult[] {alpha, beta}) {
        if (m == null) {
          continue;
        }
        double[] x = Details.doubles(m.details().get("alpha"));
        List<Svg.Series> s = new ArrayList<>();
        s.add(new Svg.Series("synthetic", Svg.SYNTHETIC, Details.doubles(m.details().get("curve")),
            false));
        if (m.details().containsKey("baseline_curve")) {
          s.add(new Svg.Series("holdout", Svg.HOLDOUT,
              Details.doubles(m.details().get("baseline_curve")), true));
        }
        boolean isAlpha = m == alpha;
        out.append("<figure>").append(Svg.curves(x, s, isAlpha ? "α" : "β", 320))
            .append("<figcaption>").append(isAlpha ? "α-precision " : "β-recall ")
            .append("<b>").append(Html.num(m.value())).append("</b>")
            .append(m.baseline() == null ? "" : " (holdout " + Html.num(m.baseline()) + ")")
            .append("</figcaption></figure>");
      }
      out.append("</div>");
    }
  }

  private static Svg.Point point(String label, double v, Interval i, String color) {
    return new Svg.Point(label, v, i == null ? Double.NaN : i.low(),
        i == null ? Double.NaN : i.high(), color);
  }

  static MetricResult find(List<MetricResult> ms, String id) {
    return ms.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
  }
}
