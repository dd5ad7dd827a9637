package org.synthehr.privacy.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.core.error.InvalidConfigException;

/**
 * A release policy: the thresholds a synthetic release must meet, loaded from YAML (unknown keys
 * rejected). Named thresholds cover the figures stewards ask for; {@code rules} checks any other
 * report metric by id (a {@code *} matches any part of an id). A threshold left out (null) is not
 * checked.
 *
 * @param name what the policy is called in reports
 * @param maxMiaAuc highest allowed membership-inference AUC, for every attack
 * @param maxMiaTprAtFpr1pct highest allowed TPR at 1% FPR, for every attack
 * @param maxMiaTprAtFpr01pct highest allowed TPR at 0.1% FPR, for every attack
 * @param maxExactMatchRate highest allowed share of released rows identical to a training row
 * @param maxNearMatchRate highest allowed share of released rows within the near-match radius of a
 *     training row
 * @param minDcrShare lowest allowed share of synthetic rows closer to training than to holdout
 * @param maxDcrShare highest allowed share (ideal 0.5)
 * @param maxAttributeInferenceRisk highest allowed attribute-inference risk, for every secret
 * @param maxSinglingOutRisk highest allowed singling-out risk
 * @param minUtilityRatio lowest allowed TSTR/TRTR ratio of the utility metrics
 * @param utilityMetric the utility metric id(s) {@code min_utility_ratio} applies to
 * @param maxEpsilon highest allowed differential-privacy epsilon of the training
 * @param rules further checks on any metric
 * @param missingMetrics {@code fail} (default: a threshold whose metric was not measured fails) or
 *     {@code skip}
 */
public record ReleasePolicy(String name, Double maxMiaAuc,
    @JsonProperty("max_mia_tpr_at_fpr_1pct") Double maxMiaTprAtFpr1pct,
    @JsonProperty("max_mia_tpr_at_fpr_0_1pct") Double maxMiaTprAtFpr01pct,
    Double maxExactMatchRate, Double maxNearMatchRate,
    Double minDcrShare, Double maxDcrShare, Double maxAttributeInferenceRisk,
    Double maxSinglingOutRisk, Double minUtilityRatio, String utilityMetric, Double maxEpsilon,
    List<Rule> rules, String missingMetrics) {

  /**
   * A check on report metrics.
   *
   * @param metric a metric id; {@code *} matches any run of characters
   * @param min lowest allowed value, or null
   * @param max highest allowed value, or null
   */
  public record Rule(String metric, Double min, Double max) {
    public Rule {
      if (metric == null || metric.isBlank()) {
        throw new InvalidConfigException("every rule needs a metric id (e.g. metric:"
            + " fidelity.quality.overall).");
      }
      if (min == null && max == null) {
        throw new InvalidConfigException("rule for '" + metric + "' needs min, max or both.");
      }
    }
  }

  public ReleasePolicy {
    name = name == null || name.isBlank() ? "release policy" : name;
    utilityMetric = utilityMetric == null || utilityMetric.isBlank() ? "utility.*.ratio.auc"
        : utilityMetric;
    rules = rules == null ? List.of() : List.copyOf(rules);
    missingMetrics = missingMetrics == null ? "fail"
        : missingMetrics.trim().toLowerCase(Locale.ROOT);
    if (!missingMetrics.equals("fail") && !missingMetrics.equals("skip")) {
      throw new InvalidConfigException("missing_metrics must be fail or skip, got '"
          + missingMetrics + "'.");
    }
    if (minDcrShare != null && maxDcrShare != null && minDcrShare > maxDcrShare) {
      throw new InvalidConfigException("min_dcr_share (" + minDcrShare
          + ") is above max_dcr_share (" + maxDcrShare + ").");
    }
  }

  /** Loads a policy file. */
  public static ReleasePolicy load(Path file) {
    return ConfigLoader.load(file, ReleasePolicy.class, List.of());
  }

  /** Every check of the policy as rules, named by the key that set them. */
  public List<NamedRule> checks() {
    List<NamedRule> out = new ArrayList<>();
    add(out, "max_mia_auc", "privacy.mia.*.auc", null, maxMiaAuc);
    add(out, "max_mia_tpr_at_fpr_1pct", "privacy.mia.*.tpr_at_fpr_1pct", null, maxMiaTprAtFpr1pct);
    add(out, "max_mia_tpr_at_fpr_0_1pct", "privacy.mia.*.tpr_at_fpr_0_1pct", null,
        maxMiaTprAtFpr01pct);
    add(out, "max_exact_match_rate", "privacy.exact_match.rate", null, maxExactMatchRate);
    add(out, "max_near_match_rate", "privacy.near_match.rate", null, maxNearMatchRate);
    add(out, "min_dcr_share", "privacy.dcr.share_closer_to_training", minDcrShare, null);
    add(out, "max_dcr_share", "privacy.dcr.share_closer_to_training", null, maxDcrShare);
    add(out, "max_attribute_inference_risk", "privacy.attribute_inference.*.risk", null,
        maxAttributeInferenceRisk);
    add(out, "max_singling_out_risk", "privacy.singling_out.risk", null, maxSinglingOutRisk);
    add(out, "min_utility_ratio", utilityMetric, minUtilityRatio, null);
    add(out, "max_epsilon", "privacy.dp.epsilon", null, maxEpsilon);
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      out.add(new NamedRule("rules[" + i + "]", r.metric(), r.min(), r.max()));
    }
    return out;
  }

  private static void add(List<NamedRule> out, String key, String metric, Double min, Double max) {
    if (min != null || max != null) {
      out.add(new NamedRule(key, metric, min, max));
    }
  }

  /**
   * One check with the policy key it came from.
   *
   * @param key the policy key
   * @param metric metric id pattern
   * @param min lowest allowed, or null
   * @param max highest allowed, or null
   */
  public record NamedRule(String key, String metric, Double min, Double max) {
    /** Whether a metric id matches the pattern ({@code *} = any run of characters). */
    public boolean matches(String id) {
      return id.matches(rebuild(metric));
    }

    private static String rebuild(String pattern) {
      String[] parts = pattern.split("\\*", -1);
      StringBuilder re = new StringBuilder();
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          re.append(".*");
        }
        re.append(java.util.regex.Pattern.quote(parts[i]));
      }
      return re.toString();
    }
  }
}
