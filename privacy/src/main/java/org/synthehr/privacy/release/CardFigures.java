package org.synthehr.privacy.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * The headline figures a data card shows, picked from the report by metric id (tabular and
 * longitudinal ids alike), each with a short name. A {@code *} in a pattern matches one id segment
 * (a utility model, an attack, a secret column) and fills the {@code %s} of the name.
 */
final class CardFigures {
  private record Pick(String pattern, String name) {
    Pattern regex() {
      return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E([^.]+)\\Q"));
    }
  }

  private static final List<Pick> FIDELITY = List.of(
      new Pick("fidelity.quality.overall", "Quality score (column shapes and pair trends)"),
      new Pick("fidelity.quality.shape", "Column shapes"),
      new Pick("fidelity.quality.trend", "Pair trends"),
      new Pick("fidelity.detection.auc", "Detection AUC (a classifier tells synthetic from real;"
          + " 0.5 = it cannot)"),
      new Pick("fidelity.alpha_precision", "Alpha-precision (synthetic rows that look real)"),
      new Pick("fidelity.beta_recall", "Beta-recall (share of the real variety covered)"),
      new Pick("trajectory.marginals", "Value distributions over time"),
      new Pick("trajectory.discriminative", "Discriminative score, forest (0 = indistinguishable)"),
      new Pick("trajectory.discriminative_logistic", "Discriminative score, logistic"),
      new Pick("trajectory.discriminative_grid", "Discriminative score, recurrent network on the"
          + " raw grid"),
      new Pick("trajectory.predictive_mae", "Predictive score (one-step-ahead error)"),
      new Pick("trajectory.autocorrelation_diff", "Autocorrelation difference"),
      new Pick("trajectory.observation_rate_diff", "Observation-rate difference"),
      new Pick("plausibility.out_of_range", "Values outside plausible ranges"),
      new Pick("plausibility.after_end", "Values after the record's end"),
      new Pick("twins.coverage", "Digital twins: real futures inside the 80% band"),
      new Pick("twins.crps", "Digital twins: forecast error (CRPS)"),
      new Pick("twins.outcome_auc", "Digital twins: outcome AUC"));
  private static final List<Pick> UTILITY = List.of(
      new Pick("utility.*.ratio.auc", "TSTR/TRTR AUC ratio, %s"),
      new Pick("utility.*.tstr.auc", "Trained on synthetic, tested on real: AUC, %s"),
      new Pick("utility.*.trtr.auc", "Trained on real, tested on real: AUC, %s"),
      new Pick("utility.tstr_trtr_ratio", "TSTR/TRTR AUC ratio, forest"),
      new Pick("utility.tstr_auc", "Trained on synthetic, tested on real: AUC, forest"),
      new Pick("utility.tstr_trtr_ratio_logistic", "TSTR/TRTR AUC ratio, logistic"),
      new Pick("utility.tstr_auc_logistic", "Trained on synthetic, tested on real: AUC, logistic"));
  private static final List<Pick> FAIRNESS = List.of(
      new Pick("fairness.flagged", "Subgroups whose utility falls behind"));
  private static final List<Pick> PRIVACY = List.of(
      new Pick("privacy.mia.*.auc", "Membership attack AUC, %s (0.5 = guessing)"),
      new Pick("privacy.mia.*.tpr_at_fpr_1pct", "Membership attack TPR at 1%% FPR, %s"),
      new Pick("privacy.exact_match.rate", "Synthetic rows identical to a training row"),
      new Pick("privacy.near_match.rate", "Synthetic rows near a training row"),
      new Pick("privacy.dcr.share_closer_to_training", "Share closer to training than holdout"),
      new Pick("privacy.attribute_inference.*.risk", "Attribute inference risk, %s"),
      new Pick("privacy.singling_out.risk", "Singling-out risk"),
      new Pick("privacy.dp.epsilon", "Differential privacy epsilon"));

  private CardFigures() {}

  static List<DataCard.Figure> fidelity(Report report) {
    return pick(report, FIDELITY);
  }

  static List<DataCard.Figure> utility(Report report) {
    return pick(report, UTILITY);
  }

  static List<DataCard.Figure> fairness(Report report) {
    return pick(report, FAIRNESS);
  }

  static List<DataCard.Figure> privacy(Report report) {
    return pick(report, PRIVACY);
  }

  private static List<DataCard.Figure> pick(Report report, List<Pick> picks) {
    List<DataCard.Figure> out = new ArrayList<>();
    for (Pick p : picks) {
      Pattern regex = p.regex();
      for (MetricResult m : report.metrics()) {
        if ("policy".equals(m.group())) {
          continue;
        }
        Matcher match = regex.matcher(m.id());
        if (match.matches()) {
          String name = match.groupCount() > 0
              ? String.format(Locale.ROOT, p.name(), match.group(1).replace('_', ' '))
              : p.name();
          out.add(figure(m, name));
        }
      }
    }
    return out;
  }

  private static DataCard.Figure figure(MetricResult m, String name) {
    String reading = m.description();
    if (m.id().equals("fairness.flagged")) {
      List<String> groups = flagged(m);
      if (!groups.isEmpty()) {
        reading += ". Flagged: " + String.join("; ", groups);
      }
    }
    return new DataCard.Figure(m.id(), name, finite(m.value()),
        m.interval() == null ? null : finite(m.interval().low()),
        m.interval() == null ? null : finite(m.interval().high()),
        m.baseline() == null ? null : finite(m.baseline()),
        m.direction() == null ? null : m.direction().name().toLowerCase(Locale.ROOT), reading,
        m.threshold(), m.passed(), "count".equals(m.details().get("unit")) ? "count" : null);
  }

  /** The flagged subgroups of {@code fairness.flagged}, as "column = group (ratio r)". */
  static List<String> flagged(MetricResult m) {
    List<String> out = new ArrayList<>();
    if (m.details().get("subgroups") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> g) {
          Object ratio = g.get("ratio");
          out.add(g.get("column") + " = " + g.get("group") + (ratio instanceof Number r
              ? String.format(Locale.ROOT, " (ratio %.2f)", r.doubleValue()) : ""));
        }
      }
    }
    return out;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
