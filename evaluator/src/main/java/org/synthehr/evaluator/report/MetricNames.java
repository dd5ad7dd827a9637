package org.synthehr.evaluator.report;

import java.util.Map;
import org.synthehr.core.html.Html;
import org.synthehr.core.result.MetricResult;

/**
 * Short readable names for metric ids in the summary table ("utility.xgboost.ratio.auc" becomes
 * "TSTR/TRTR AUC · xgboost"); unknown ids fall back to the id without its group.
 */
final class MetricNames {
  private static final Map<String, String> FIXED = Map.ofEntries(
      Map.entry("fidelity.quality.overall", "Quality score"),
      Map.entry("fidelity.quality.shape", "Column shapes"),
      Map.entry("fidelity.quality.trend", "Column-pair trends"),
      Map.entry("fidelity.pairs.association", "Association difference"),
      Map.entry("fidelity.pairs.contingency", "Contingency similarity"),
      Map.entry("fidelity.detection.auc", "Detection AUC"),
      Map.entry("fidelity.detection.score", "Detection score"),
      Map.entry("fidelity.alpha_precision", "α-precision"),
      Map.entry("fidelity.beta_recall", "β-recall"),
      Map.entry("fairness.flagged", "Subgroups flagged"));

  private MetricNames() {}

  static String of(MetricResult m) {
    String id = m.id();
    String fixed = FIXED.get(id);
    if (fixed != null) {
      return fixed;
    }
    String[] p = id.split("\\.");
    if (p.length == 4 && p[0].equals("utility")) {
      String fig = p[3].equals("auc") ? "AUC" : p[3].equals("f1") ? "F1" : p[3];
      String what = switch (p[2]) {
        case "tstr" -> "TSTR " + fig;
        case "trtr" -> "TRTR " + fig;
        case "ratio" -> "TSTR/TRTR " + fig;
        default -> p[2] + " " + fig;
      };
      return what + " · " + p[1];
    }
    int dot = id.indexOf('.');
    return (dot < 0 ? id : id.substring(dot + 1)).replace('_', ' ').replace('.', ' ');
  }

  /** The value as shown: whole numbers for counts (details "unit": "count"). */
  static String value(MetricResult m) {
    if ("count".equals(m.details().get("unit"))) {
      return String.format(java.util.Locale.ROOT, "%,d", Math.round(m.value()));
    }
    return Html.num(m.value());
  }
}
