package org.synthehr.privacy.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;
import org.synthehr.privacy.policy.ReleaseCheck;

/**
 * Builds a {@link DataCard} from a finished run: its report (with the policy's rows), {@code
 * run.json}, the resolved config and the released tables. Every statement on the card is derived
 * from those figures, so two runs with different figures get different cards; nothing is written
 * from a template that could contradict the report.
 */
public final class DataCardBuilder {
  private DataCardBuilder() {}

  /**
   * What the card is built from.
   *
   * @param shape {@code tabular} or {@code longitudinal}
   * @param report the run's report, with the policy's rows when a policy applies
   * @param run {@code run.json}
   * @param config the resolved config as a tree
   * @param policy the policy's outcome, or null without a policy
   * @param notes the steward's notes
   * @param tables the released tables
   * @param modelIncluded whether the model goes into the bundle
   * @param epochsTrained epochs the model's loss history records, or null for a model fitted
   *     without epochs (the copula)
   * @param preparedAt now
   */
  public record Inputs(String shape, Report report, JsonNode run, JsonNode config,
      ReleaseCheck.Outcome policy, CardNotes notes, List<DataCard.Table> tables,
      boolean modelIncluded, Integer epochsTrained, Instant preparedAt) {}

  /** The card. */
  public static DataCard build(Inputs in) {
    Report report = in.report();
    JsonNode provenance = in.run().path("provenance");
    String model = text(in.config().path("model").path("kind"), "unknown model");
    String dataset = datasetName(provenance.path("inputs"));
    DataCard.Source source = new DataCard.Source(dataset, strings(provenance.path("inputs")),
        counts(in.run().path("figures")));
    DataCard.Generation generation = generation(in, model, provenance);
    List<DataCard.Figure> fidelity = CardFigures.fidelity(report);
    List<DataCard.Figure> utility = CardFigures.utility(report);
    List<DataCard.Figure> fairness = CardFigures.fairness(report);
    List<DataCard.Figure> privacy = CardFigures.privacy(report);
    DataCard.PolicyVerdict verdict = verdict(in.policy(), report);
    CardNotes notes = in.notes();
    String title = notes.title() != null ? notes.title()
        : "Synthetic " + dataset + " (" + model + ")";
    List<String> limitations = CardStatements.limitations(in.shape(), report, generation,
        in.config());
    if (notes.limitations() != null) {
      limitations.addAll(notes.limitations());
    }
    return new DataCard(DataCard.FORMAT, title, in.shape(), in.preparedAt().toString(), source,
        generation, CardStatements.whatItIs(in.shape(), model, dataset, source, in.tables()),
        CardStatements.whatItIsNot(report, generation),
        notes.intendedUses() != null ? List.copyOf(notes.intendedUses())
            : CardStatements.DEFAULT_INTENDED,
        notes.prohibitedUses() != null ? List.copyOf(notes.prohibitedUses())
            : CardStatements.DEFAULT_PROHIBITED,
        fidelity, utility, fairness, privacy, verdict, List.copyOf(limitations), in.tables(),
        in.modelIncluded(), notes.contact());
  }

  private static DataCard.Generation generation(Inputs in, String model, JsonNode provenance) {
    JsonNode m = in.config().path("model");
    Map<String, Object> dp = null;
    List<String> notCovered = List.of();
    MetricResult epsilon = in.report().metric("privacy.dp.epsilon").orElse(null);
    String guarantee;
    if (epsilon != null && Double.isFinite(epsilon.value())) {
      dp = new LinkedHashMap<>(epsilon.details());
      Object outside = dp.remove("outside_guarantee");
      notCovered = outside instanceof List<?> l ? l.stream().map(String::valueOf).toList()
          : List.of();
      dp.put("epsilon", epsilon.value());
      double delta = in.report().metric("privacy.dp.delta").map(MetricResult::value)
          .orElse(Double.NaN);
      dp.put("delta", delta);
      guarantee = String.format(Locale.ROOT, "(%.3g, %.3g)-differential privacy of the training,"
          + " per %s.", epsilon.value(), delta, String.valueOf(epsilon.details().getOrDefault(
              "privacy_unit", "training row")));
    } else {
      guarantee = "None: the model was trained without differential privacy. The privacy figures"
          + " below are measured attacks; they bound what those attacks achieve, not what every"
          + " attacker could.";
    }
    return new DataCard.Generation(model, provenance.path("seed").asLong(),
        in.epochsTrained(), in.epochsTrained() == null ? null : integer(m.path("batch_size")),
        text(provenance.path("config_sha256"), null), text(provenance.path("tool_version"), null),
        text(provenance.path("created_at"), null), guarantee, dp, notCovered,
        CardStatements.controls(in.run().path("figures"), in.config()));
  }

  private static DataCard.PolicyVerdict verdict(ReleaseCheck.Outcome outcome, Report report) {
    if (outcome == null) {
      return DataCard.PolicyVerdict.none();
    }
    List<DataCard.Check> checks = new ArrayList<>();
    for (MetricResult m : report.metrics()) {
      if (!"policy".equals(m.group())) {
        continue;
      }
      Map<String, Object> d = m.details();
      boolean max = d.containsKey("max");
      checks.add(new DataCard.Check(String.valueOf(d.get("policy_key")),
          String.valueOf(d.get("metric")), Double.isNaN(m.value()) ? null : m.value(),
          max ? "max" : "min", m.threshold() == null ? Double.NaN : m.threshold(), m.passed()));
    }
    String name = String.valueOf(report.summary().getOrDefault("release_policy", "policy"));
    return new DataCard.PolicyVerdict(name, outcome.passed() ? "passed" : "failed", checks,
        outcome.failures());
  }

  /**
   * The input's name: a single data file's name without directories and extensions
   * ({@code nafld1}); for several files (a cohort's static, event and outcome files) the
   * directory that holds them ({@code physionet2012-a-sample}).
   */
  static String datasetName(JsonNode inputs) {
    java.util.List<String> files = new java.util.ArrayList<>();
    inputs.fieldNames().forEachRemaining(n -> {
      if (!n.endsWith(".yaml") && !n.endsWith(".yml")) {
        files.add(n);
      }
    });
    if (files.isEmpty()) {
      return "the input data";
    }
    String first = files.get(0);
    if (files.size() == 1) {
      String file = first.substring(first.lastIndexOf('/') + 1);
      int dot = file.indexOf('.');
      return dot > 0 ? file.substring(0, dot) : file;
    }
    String parent = first.contains("/") ? first.substring(0, first.lastIndexOf('/')) : "";
    return parent.isEmpty() ? "the input data" : parent.substring(parent.lastIndexOf('/') + 1);
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Map<String, Long> counts(JsonNode figures) {
    Map<String, Long> out = new LinkedHashMap<>();
    figures.fields().forEachRemaining(e -> {
      String k = e.getKey();
      if ((k.endsWith("_rows") || k.endsWith("_patients") || k.endsWith("_measurements")
          || k.equals("training_rows_used"))
          && e.getValue().isNumber()) {
        out.put(k, e.getValue().asLong());
      }
    });
    return out;
  }

  private static String text(JsonNode node, String otherwise) {
    return node.isMissingNode() || node.isNull() ? otherwise : node.asText();
  }

  private static Integer integer(JsonNode node) {
    return node.isNumber() ? node.asInt() : null;
  }
}
