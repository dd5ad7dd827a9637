package org.synthehr.privacy.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * The sentences of a data card, each derived from the run's figures and config: what the data is
 * and is not, the disclosure controls applied, the known limitations, and the default uses.
 */
final class CardStatements {
  static final List<String> DEFAULT_INTENDED = List.of(
      "Writing and testing analysis code before access to the real data is granted.",
      "Teaching, training and software demonstrations.",
      "Exploratory analysis and hypothesis generation, with every finding confirmed on the real"
          + " data before it is relied on.",
      "Comparing methods, within the fidelity and utility figures this card reports.");
  static final List<String> DEFAULT_PROHIBITED = List.of(
      "Trying to re-identify anyone, or to link a synthetic record to a real person.",
      "Decisions about the care of an individual patient.",
      "Publishing findings as facts about real patients without confirming them on the real data.",
      "Combining it with other data to learn about the real patients it was made from.",
      "Passing it on beyond the recipients the approval names.");

  private CardStatements() {}

  static List<String> whatItIs(String shape, String model, String dataset,
      DataCard.Source source, List<DataCard.Table> tables) {
    List<String> out = new ArrayList<>();
    boolean longitudinal = "longitudinal".equals(shape);
    Long synthetic = source.counts().get(longitudinal ? "synthetic_patients" : "synthetic_rows");
    Long training = source.counts().get(longitudinal ? "training_patients" : "training_rows");
    String unit = longitudinal ? "patients" : "rows";
    Long used = source.counts().get("training_rows_used");
    String trainedOn = used != null && training != null && used < training
        ? count(used) + " of the " + count(training) : count(training);
    out.add(String.format(Locale.ROOT, "%s synthetic %s sampled from a %s model trained on %s %s"
        + " of %s.", count(synthetic), unit, model, trainedOn,
        longitudinal ? "real patients' records" : "real training rows", dataset));
    out.add("Every record is generated: none describes a real person, and identifier columns were"
        + " neither learned nor released.");
    List<String> names = tables.stream().filter(t -> t.rows() != null)
        .map(t -> t.name() + " (" + String.format(Locale.ROOT, "%,d", t.rows()) + " rows)")
        .toList();
    out.add("Parquet tables: " + String.join(", ", names) + ".");
    return out;
  }

  static List<String> whatItIsNot(Report report, DataCard.Generation generation) {
    List<String> out = new ArrayList<>();
    out.add("Not the real data and not de-identified real records: statistics match the real data"
        + " only as far as the fidelity figures below say.");
    out.add(generation.dp() == null
        ? "Not differentially private: no formal bound on what it reveals about any one patient."
        : "Differentially private for the training only; the statistics listed under 'not"
            + " covered' were taken from the real data without that guarantee.");
    out.add("Not a substitute for the real data in regulatory, clinical or published results.");
    return out;
  }

  /** The disclosure controls applied before release, from run.json and the config. */
  static List<String> controls(JsonNode figures, JsonNode config) {
    List<String> out = new ArrayList<>();
    JsonNode c = config.path("privacy").path("controls");
    if (!c.isMissingNode()) {
      out.add(String.format(Locale.ROOT, "Categories held by fewer than %d training rows %s"
          + " before training (%d categories, %d cells).", c.path("rare_category_min_count")
          .asInt(), "suppress".equals(c.path("rare_category_action").asText()) ? "suppressed"
          : "merged into '" + c.path("other_label").asText("(other)") + "'",
          figures.path("rare_categories_controlled").asLong(),
          figures.path("rare_category_cells_changed").asLong()));
      if (c.path("remove_exact_copies").asBoolean(false)) {
        out.add(String.format(Locale.ROOT, "Synthetic rows identical to a training row removed"
            + " (%d removed).", figures.path("synthetic_copies_removed").asLong()));
      }
    }
    out.add("Identifier columns excluded from training and from the output.");
    return out;
  }

  static List<String> limitations(String shape, Report report, DataCard.Generation generation,
      JsonNode config) {
    List<String> out = new ArrayList<>();
    boolean privacyMeasured = report.metrics().stream()
        .anyMatch(m -> m.id().startsWith("privacy.mia."));
    if (!privacyMeasured) {
      out.add("No membership or disclosure attack was run on this release"
          + ("longitudinal".equals(shape) ? " (the longitudinal pipeline does not measure them"
          + " yet)" : "") + ": there is no measured evidence about what it reveals.");
    }
    for (MetricResult m : report.metrics()) {
      if (m.id().startsWith("privacy.mia.") && m.id().endsWith(".auc") && m.interval() != null
          && m.interval().low() > 0.5) {
        out.add(String.format(Locale.ROOT, "The %s membership attack does better than guessing:"
            + " AUC %.3f [%.3f, %.3f].", m.id().split("\\.")[2].replace('_', ' '), m.value(),
            m.interval().low(), m.interval().high()));
      }
    }
    if (generation.dp() == null && privacyMeasured) {
      out.add("No formal privacy guarantee: the attacks measured bound only what those attacks"
          + " achieve.");
    }
    metric(report, "fidelity.detection.auc").filter(m -> m.value() > 0.6).ifPresent(m ->
        out.add(String.format(Locale.ROOT, "A classifier tells synthetic rows from real ones with"
            + " AUC %.3f (0.5 would mean it cannot): joint patterns differ from the real data.",
            m.value())));
    for (String id : List.of("trajectory.discriminative", "trajectory.discriminative_grid")) {
      metric(report, id).filter(m -> m.value() > 0.15).ifPresent(m ->
          out.add(String.format(Locale.ROOT, "A classifier tells synthetic patients from real"
              + " ones (%s %.3f; 0 would mean it cannot).", id, m.value())));
    }
    metric(report, "fidelity.beta_recall").filter(m -> m.baseline() != null
        && m.value() < m.baseline() - 0.1).ifPresent(m -> out.add(String.format(Locale.ROOT,
            "It covers less of the real data's variety than new real data does (beta-recall %.3f"
            + " against %.3f): rare combinations are under-represented.", m.value(),
            m.baseline())));
    for (MetricResult m : report.metrics()) {
      boolean ratio = m.id().matches("utility\\.[^.]+\\.ratio\\.auc")
          || m.id().startsWith("utility.tstr_trtr_ratio");
      if (ratio && Double.isFinite(m.value()) && m.value() < 0.9) {
        out.add(String.format(Locale.ROOT, "Models trained on it reach %.0f%% of the AUC of models"
            + " trained on real data (%s).", 100 * m.value(), m.id()));
      }
    }
    metric(report, "fairness.flagged").filter(m -> m.value() > 0).ifPresent(m ->
        out.add(String.format(Locale.ROOT, "Utility falls behind in %d subgroup(s): %s.",
            Math.round(m.value()), String.join("; ", CardFigures.flagged(m)))));
    metric(report, "twins.coverage").filter(m -> Math.abs(m.value() - 0.8) > 0.05).ifPresent(m ->
        out.add(String.format(Locale.ROOT, "Digital twins' 80%% bands hold %.0f%% of real futures:"
            + " their uncertainty is %s.", 100 * m.value(), m.value() < 0.8 ? "too narrow"
                : "too wide")));
    for (String unit : List.of("rows", "patients")) {
      if (report.summary().get("holdout_" + unit) instanceof Number n && n.longValue() < 500) {
        out.add(String.format(Locale.ROOT, "The holdout has only %d %s: intervals are wide and"
            + " small effects cannot be seen.", n.longValue(), unit));
      }
    }
    if (report.summary().get("rare_categories_controlled") instanceof Number n
        && n.longValue() > 0) {
      out.add(String.format(Locale.ROOT, "%d rare categories were merged or suppressed, so"
          + " analyses of those small groups are not possible on this release.", n.longValue()));
    }
    return out;
  }

  private static Optional<MetricResult> metric(Report report, String id) {
    return report.metric(id).filter(m -> Double.isFinite(m.value()));
  }

  private static String count(Long n) {
    return n == null ? "?" : String.format(Locale.ROOT, "%,d", n);
  }
}
