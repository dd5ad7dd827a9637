package org.synthehr.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.synthehr.bench.CorpusFigures.Metric;
import org.synthehr.bench.CorpusRun.Outcome;

/** The corpus benchmark's two markdown tables: every run, then each dataset's best model. */
final class CorpusTables {
  /** TSTR/TRTR at or above which synthetic data is "as useful as real" in the second table. */
  static final double USEFUL = 0.95;

  private CorpusTables() {}

  /** One row per run, failed runs with their exit code and error line instead of figures. */
  static List<String> runs(List<Outcome> outcomes) {
    List<String> lines = new ArrayList<>();
    lines.add("| dataset | model | quality (holdout) | detection AUC [95%] (holdout) | α-prec / β-rec"
        + " | XGBoost TSTR / TRTR = ratio [95%] | logistic TSTR / TRTR = ratio [95%]"
        + " | MIA distance | MIA density ratio | MIA shadow | fit+sample s | wall s |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Outcome o : outcomes) {
      CorpusFigures f = o.figures();
      String model = o.model() + (o.exitCode() == 0 ? "" : " (exit " + o.exitCode() + ")");
      if (f == null) {
        lines.add("| " + o.table() + " | " + model + " | **failed**: " + cell(o.error())
            + " | | | | | | | | | " + fmt("%.0f", o.wallSeconds()) + " |");
        continue;
      }
      StringBuilder row = new StringBuilder("| ").append(o.table()).append(" | ").append(model);
      Metric q = f.get(CorpusFigures.QUALITY);
      row.append(" | ").append(q == null ? "–" : fmt("%.3f", q.value())
          + baseline(q));
      Metric d = f.get(CorpusFigures.DETECTION);
      row.append(" | ").append(d == null ? "–" : fmt("%.3f", d.value()) + interval(d)
          + baseline(d));
      row.append(" | ").append(fmt("%.2f", f.value(CorpusFigures.ALPHA))).append(" / ")
          .append(fmt("%.2f", f.value(CorpusFigures.BETA)));
      for (String c : CorpusFigures.CLASSIFIERS) {
        Metric ratio = f.get(CorpusFigures.utility(c, "ratio"));
        row.append(" | ").append(fmt("%.3f", f.value(CorpusFigures.utility(c, "tstr"))))
            .append(" / ").append(fmt("%.3f", f.value(CorpusFigures.utility(c, "trtr"))))
            .append(" = ").append(ratio == null ? "–" : fmt("%.2f", ratio.value())
                + interval(ratio));
      }
      for (String a : CorpusFigures.ATTACKS) {
        Metric m = f.get(CorpusFigures.attack(a));
        row.append(" | ").append(m == null ? "–" : fmt("%.3f", m.value()) + interval(m));
      }
      row.append(" | ").append(fmt("%.1f", f.seconds()))
          .append(f.secondsAreTraining() ? " (training)" : "")
          .append(" | ").append(fmt("%.0f", o.wallSeconds())).append(" |");
      lines.add(row.toString());
    }
    return lines;
  }

  /**
   * Per dataset, the run with the highest mean TSTR/TRTR AUC ratio of the two classifiers among
   * runs whose detection AUC is reported (a run without one was not fully evaluated), ties broken
   * by the lower detection AUC.
   */
  static List<String> best(List<Outcome> outcomes) {
    Map<String, List<Outcome>> byTable = new LinkedHashMap<>();
    outcomes.forEach(o -> byTable.computeIfAbsent(o.table(), t -> new ArrayList<>()).add(o));
    List<String> lines = new ArrayList<>();
    lines.add("| dataset | best model | mean TSTR/TRTR (XGBoost, logistic) | detection AUC"
        + " | TSTR/TRTR ≥ " + USEFUL + " |");
    lines.add("|---|---|---|---|---|");
    for (Map.Entry<String, List<Outcome>> e : byTable.entrySet()) {
      Optional<Outcome> best = e.getValue().stream()
          .filter(o -> o.figures() != null)
          .filter(o -> !Double.isNaN(o.figures().value(CorpusFigures.DETECTION)))
          .filter(o -> !Double.isNaN(o.figures().meanUtilityRatio()))
          .max(Comparator.comparingDouble((Outcome o) -> o.figures().meanUtilityRatio())
              .thenComparing(o -> -o.figures().value(CorpusFigures.DETECTION)));
      if (best.isEmpty()) {
        lines.add("| " + e.getKey() + " | none (no run reported detection and utility) | | | |");
        continue;
      }
      CorpusFigures f = best.get().figures();
      double mean = f.meanUtilityRatio();
      lines.add("| " + e.getKey() + " | " + best.get().model() + " | " + fmt("%.3f", mean) + " ("
          + fmt("%.3f", f.value(CorpusFigures.utility("xgboost", "ratio"))) + ", "
          + fmt("%.3f", f.value(CorpusFigures.utility("logistic", "ratio"))) + ") | "
          + fmt("%.3f", f.value(CorpusFigures.DETECTION)) + " | "
          + (mean >= USEFUL ? "yes" : "no") + " |");
    }
    return lines;
  }

  /** " [low, high]", or nothing when the metric has no interval. */
  private static String interval(Metric m) {
    if (Double.isNaN(m.low()) || Double.isNaN(m.high())) {
      return "";
    }
    return String.format(Locale.ROOT, " [%.2f, %.2f]", m.low(), m.high());
  }

  /** " (baseline)", or nothing when the metric has none. */
  private static String baseline(Metric m) {
    return Double.isNaN(m.baseline()) ? "" : String.format(Locale.ROOT, " (%.3f)", m.baseline());
  }

  /** Formats a number, "–" for NaN (a metric the report does not have). */
  private static String fmt(String format, double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
  }

  /** Text safe inside a markdown table cell. */
  private static String cell(String s) {
    String t = s == null ? "" : s.replace("|", "\\|").replace("`", "'");
    return t.length() > 300 ? t.substring(0, 297) + "..." : t;
  }
}
