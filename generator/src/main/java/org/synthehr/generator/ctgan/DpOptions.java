package org.synthehr.generator.ctgan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code model.options.dp} of {@code kind: dp-ctgan}: the differential-privacy settings of the
 * critic's DP-SGD.
 *
 * @param epsilon the epsilon budget of the whole training
 * @param delta the delta of the guarantee; null means 1/n (n = training rows)
 * @param maxGradNorm C, the L2 bound of one training row's critic gradient
 * @param noiseMultiplier sigma (noise standard deviation over C); null means the smallest sigma with
 *     which the configured epochs stay within epsilon
 * @param secureNoise noise from the operating system's entropy (true, the default) or derived from
 *     the run seed (false: reproducible, but whoever holds the seed can remove the noise)
 * @param stopAtBudget with an explicit noise multiplier whose plan exceeds the budget: train until
 *     the budget is spent and stop (true), or refuse before training (false, the default)
 */
public record DpOptions(double epsilon, Double delta, double maxGradNorm, Double noiseMultiplier,
    boolean secureNoise, boolean stopAtBudget) {
  private static final Set<String> KEYS = Set.of("epsilon", "delta", "max_grad_norm",
      "noise_multiplier", "noise", "on_budget");

  public DpOptions {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new InvalidConfigException("model.options.dp.epsilon must be a positive number, got "
          + epsilon + ". Typical values are 1 (strong) to 10 (weak).");
    }
    if (delta != null && !(delta > 0 && delta < 1)) {
      throw new InvalidConfigException("model.options.dp.delta must be 'auto' (1/n) or in (0, 1),"
          + " got " + delta + ".");
    }
    if (!(maxGradNorm > 0) || Double.isInfinite(maxGradNorm)) {
      throw new InvalidConfigException("model.options.dp.max_grad_norm must be a positive number,"
          + " got " + maxGradNorm + ".");
    }
    if (noiseMultiplier != null && !(noiseMultiplier > 0)) {
      throw new InvalidConfigException("model.options.dp.noise_multiplier must be 'auto' or a"
          + " positive number, got " + noiseMultiplier + ".");
    }
  }

  /** Parses the {@code dp:} section; unknown keys and malformed values are rejected by name. */
  public static DpOptions parse(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new InvalidConfigException("model.kind dp-ctgan needs a model.options.dp section with"
          + " at least an epsilon budget, e.g. model.options.dp: {epsilon: 1.0}.");
    }
    if (!node.isObject()) {
      throw new InvalidConfigException("model.options.dp must be a section of keys (epsilon,"
          + " delta, max_grad_norm, noise_multiplier, noise, on_budget), got '" + node + "'.");
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidConfigException("model.options.dp." + unknown.get(0) + " is not a setting"
          + " of differentially private training. Valid keys: epsilon, delta, max_grad_norm,"
          + " noise_multiplier, noise, on_budget.");
    }
    if (!node.has("epsilon")) {
      throw new InvalidConfigException("model.options.dp.epsilon is required: the privacy budget"
          + " of the whole training (e.g. 1.0).");
    }
    double epsilon = number(node, "epsilon");
    Double delta = numberOrAuto(node, "delta");
    double clip = node.has("max_grad_norm") ? number(node, "max_grad_norm") : 1.0;
    Double sigma = numberOrAuto(node, "noise_multiplier");
    String noise = text(node, "noise", "secure", "secure", "seeded");
    String onBudget = text(node, "on_budget", "refuse", "refuse", "stop");
    return new DpOptions(epsilon, delta, clip, sigma, noise.equals("secure"),
        onBudget.equals("stop"));
  }

  /** The delta for a training set of n rows. */
  public double deltaFor(int rows) {
    return delta != null ? delta : 1.0 / Math.max(rows, 2);
  }

  private static double number(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (!v.isNumber()) {
      throw new InvalidConfigException("model.options.dp." + key + " must be a number, got '" + v
          + "'.");
    }
    return v.asDouble();
  }

  private static Double numberOrAuto(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().equals("auto"))) {
      return null;
    }
    if (!v.isNumber()) {
      throw new InvalidConfigException("model.options.dp." + key + " must be 'auto' or a number,"
          + " got '" + v.asText() + "'.");
    }
    return v.asDouble();
  }

  private static String text(JsonNode node, String key, String dflt, String... allowed) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    String s = v.asText().toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    throw new InvalidConfigException("model.options.dp." + key + " must be one of "
        + String.join(", ", allowed) + ", got '" + v.asText() + "'.");
  }
}
