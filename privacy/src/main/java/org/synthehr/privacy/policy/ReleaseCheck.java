package org.synthehr.privacy.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;

/**
 * Evaluates a {@link ReleasePolicy} against a report: one pass/fail row (group {@code policy}) per
 * threshold and metric it applies to, the checked metrics annotated with their threshold, and a
 * one-line verdict in the summary.
 */
public final class ReleaseCheck {
  private ReleaseCheck() {}

  /**
   * The outcome.
   *
   * @param report the report with the policy rows added and checked metrics annotated
   * @param passed whether every check passed
   * @param failures one line per failed check
   * @param checks number of checks made
   * @param summary the verdict line
   */
  public record Outcome(Report report, boolean passed, List<String> failures, int checks,
      String summary) {}

  /** Checks the report against the policy. */
  public static Outcome apply(ReleasePolicy policy, Report report) {
    List<MetricResult> metrics = new ArrayList<>(report.metrics());
    List<MetricResult> rows = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ReleasePolicy.NamedRule rule : policy.checks()) {
      boolean any = false;
      for (int i = 0; i < metrics.size(); i++) {
        MetricResult m = metrics.get(i);
        if (m.group().equals("policy") || !rule.matches(m.id())) {
          continue;
        }
        any = true;
        boolean pass = !Double.isNaN(m.value())
            && (rule.min() == null || m.value() >= rule.min())
            && (rule.max() == null || m.value() <= rule.max());
        double threshold = rule.max() != null ? rule.max() : rule.min();
        String text = String.format(Locale.ROOT, "%s: %s = %.4g %s %s %.4g", rule.key(), m.id(),
            m.value(), pass ? "within" : "outside", rule.max() != null ? "max" : "min",
            threshold);
        metrics.set(i, m.withCheck(threshold, pass));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("policy_key", rule.key());
        details.put("metric", m.id());
        if (rule.min() != null) {
          details.put("min", rule.min());
        }
        if (rule.max() != null) {
          details.put("max", rule.max());
        }
        rows.add(new MetricResult("policy." + rule.key() + "." + m.id(), "policy", m.value(),
            m.interval(), rule.max() != null ? Direction.LOWER_IS_BETTER
                : Direction.HIGHER_IS_BETTER, null, threshold, pass, text, details));
        if (!pass) {
          failures.add(text);
        }
      }
      if (!any) {
        boolean skip = policy.missingMetrics().equals("skip");
        String text = rule.key() + ": no metric '" + rule.metric() + "' in the report ("
            + (skip ? "skipped" : "fails: a threshold that was not measured cannot be met") + ")";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("policy_key", rule.key());
        details.put("metric", rule.metric());
        if (rule.min() != null) {
          details.put("min", rule.min());
        }
        if (rule.max() != null) {
          details.put("max", rule.max());
        }
        double threshold = rule.max() != null ? rule.max() : rule.min();
        rows.add(new MetricResult("policy." + rule.key() + ".missing", "policy", Double.NaN, null,
            Direction.LOWER_IS_BETTER, null, threshold, skip ? null : false, text, details));
        if (!skip) {
          failures.add(text);
        }
      }
    }
    int checks = (int) rows.stream().filter(r -> r.passed() != null).count();
    boolean passed = failures.isEmpty();
    String summary = String.format(Locale.ROOT,
        "Release policy '%s': %s (%d of %d checks passed)%s",
        policy.name(), passed ? "PASSED" : "FAILED", checks - failures.size(), checks,
        passed ? "" : ": " + String.join("; ", failures));
    metrics.addAll(rows);
    Map<String, Object> sum = new LinkedHashMap<>(report.summary());
    sum.put("release_policy", policy.name());
    sum.put("release_policy_passed", passed);
    sum.put("release_policy_failures", List.copyOf(failures));
    return new Outcome(new Report(report.title(), sum, metrics, report.provenance()), passed,
        List.copyOf(failures), checks, summary);
  }
}
