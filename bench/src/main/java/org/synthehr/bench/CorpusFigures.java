package org.synthehr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.synthehr.core.io.Json;

/**
 * The figures of one corpus run, read from its {@code report.json} (metrics by id, with interval
 * and baseline) and {@code run.json} (timings).
 *
 * @param metrics the report's metrics by id
 * @param seconds training seconds when run.json has them, else the pipeline's own seconds
 * @param secondsAreTraining whether {@code seconds} is training alone
 */
record CorpusFigures(Map<String, Metric> metrics, double seconds, boolean secondsAreTraining) {
  static final String QUALITY = "fidelity.quality.overall";
  static final String DETECTION = "fidelity.detection.auc";
  static final String ALPHA = "fidelity.alpha_precision";
  static final String BETA = "fidelity.beta_recall";
  static final String[] CLASSIFIERS = {"xgboost", "logistic"};
  static final String[] ATTACKS = {"distance", "density_ratio", "shadow_model"};

  /**
   * One metric of a report.
   *
   * @param value its value
   * @param low lower end of its interval, or NaN
   * @param high upper end of its interval, or NaN
   * @param baseline the holdout's figure (or the neutral value), or NaN
   */
  record Metric(double value, double low, double high, double baseline) {}

  /** Reads a run's output directory. */
  static CorpusFigures read(Path dir) {
    Map<String, Metric> metrics = new HashMap<>();
    for (JsonNode m : Json.readTree(dir.resolve("report.json")).path("metrics")) {
      JsonNode interval = m.path("interval");
      metrics.put(m.path("id").asText(), new Metric(number(m.path("value")),
          number(interval.path("low")), number(interval.path("high")),
          number(m.path("baseline"))));
    }
    double seconds = Double.NaN;
    boolean training = false;
    Path run = dir.resolve("run.json");
    if (Files.isRegularFile(run)) {
      JsonNode figures = Json.readTree(run).path("figures");
      // Tabular pipelines record only "seconds" (ingest, split, train and sample; evaluation
      // excluded); prefer a training figure if a run ever records one.
      for (String key : new String[] {"training_seconds", "train_seconds"}) {
        if (figures.path(key).isNumber()) {
          seconds = figures.path(key).asDouble();
          training = true;
          break;
        }
      }
      if (!training) {
        seconds = number(figures.path("seconds"));
      }
    }
    return new CorpusFigures(Map.copyOf(metrics), seconds, training);
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  /** A metric by id, or null when the report has none. */
  Metric get(String id) {
    return metrics.get(id);
  }

  /** A value by id, or NaN. */
  double value(String id) {
    Metric m = metrics.get(id);
    return m == null ? Double.NaN : m.value();
  }

  /** {@code utility.<classifier>.<what>.auc}: what is tstr, trtr or ratio. */
  static String utility(String classifier, String what) {
    return "utility." + classifier + "." + what + ".auc";
  }

  /** {@code privacy.mia.<attack>.auc}. */
  static String attack(String attack) {
    return "privacy.mia." + attack + ".auc";
  }

  /**
   * Mean TSTR/TRTR AUC ratio over the classifiers that reported one (NaN if none): the
   * benchmark's single utility figure for choosing a dataset's best model.
   */
  double meanUtilityRatio() {
    double sum = 0;
    int n = 0;
    for (String c : CLASSIFIERS) {
      double v = value(utility(c, "ratio"));
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
