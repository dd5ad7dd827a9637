package org.synthehr.privacy.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;
import org.synthehr.core.testing.TestData;

class ReleasePolicyTest {
  @TempDir
  Path dir;

  private static MetricResult m(String id, double v) {
    return MetricResult.of(id, "privacy", v, Direction.LOWER_IS_BETTER, id);
  }

  private static Report report(MetricResult... metrics) {
    return new Report("t", Map.of("overall_score", 0.9), List.of(metrics), null);
  }

  private ReleasePolicy policy(String yaml) throws IOException {
    Path f = dir.resolve("policy.yaml");
    Files.writeString(f, yaml);
    return ReleasePolicy.load(f);
  }

  @Test
  void thresholdsBecomePassFailRowsAndAVerdict() throws IOException {
    ReleasePolicy p = policy("name: test\nmax_mia_auc: 0.6\nmin_dcr_share: 0.4\n"
        + "max_dcr_share: 0.6\n"
        + "rules:\n  - {metric: fidelity.quality.overall, min: 0.8}\n");
    Report r = report(m("privacy.mia.distance.auc", 0.52), m("privacy.mia.shadow_model.auc", 0.71),
        m("privacy.dcr.share_closer_to_training", 0.55), m("fidelity.quality.overall", 0.91));
    ReleaseCheck.Outcome o = ReleaseCheck.apply(p, r);
    assertFalse(o.passed());
    assertEquals(5, o.checks());
    assertEquals(1, o.failures().size());
    assertTrue(o.failures().get(0).contains("privacy.mia.shadow_model.auc"), o.failures().get(0));
    assertTrue(o.summary().startsWith("Release policy 'test': FAILED (4 of 5 checks passed)"),
        o.summary());
    MetricResult annotated = o.report().metric("privacy.mia.shadow_model.auc").orElseThrow();
    assertEquals(0.6, annotated.threshold());
    assertEquals(Boolean.FALSE, annotated.passed());
    MetricResult row = o.report().metric("policy.max_mia_auc.privacy.mia.distance.auc")
        .orElseThrow();
    assertEquals("policy", row.group());
    assertEquals(Boolean.TRUE, row.passed());
    assertEquals(Boolean.FALSE, o.report().summary().get("release_policy_passed"));
  }

  @Test
  void aThresholdWithoutItsMetricFailsUnlessSkipped() throws IOException {
    Report r = report(m("privacy.mia.distance.auc", 0.5));
    ReleaseCheck.Outcome strict = ReleaseCheck.apply(policy("min_utility_ratio: 0.9\n"), r);
    assertFalse(strict.passed());
    assertTrue(strict.failures().get(0).contains("utility.*.ratio.auc"));
    ReleaseCheck.Outcome lenient = ReleaseCheck.apply(policy("min_utility_ratio: 0.9\n"
        + "missing_metrics: skip\n"), r);
    assertTrue(lenient.passed());
    assertEquals(0, lenient.checks());
  }

  @Test
  void unknownKeysAreRejectedWithTheKeyNamed() throws IOException {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> policy("max_mia_acu: 0.6\n"));
    assertTrue(e.getMessage().contains("max_mia_acu"), e.getMessage());
    assertThrows(InvalidConfigException.class, () -> policy("min_dcr_share: 0.7\n"
        + "max_dcr_share: 0.6\n"));
    assertThrows(InvalidConfigException.class, () -> policy("rules:\n  - {metric: x}\n"));
  }

  @Test
  void shippedExamplePolicyLoadsAndGateFailureExitsWithFour() {
    ReleasePolicy p = ReleasePolicy.load(TestData.repoRoot().resolve(
        "configs/release-policy.yaml"));
    assertTrue(p.checks().size() >= 8);
    assertEquals(ExitCodes.RELEASE_GATE_FAILED, new ReleaseGateException("x").exitCode());
  }

  @Test
  void patternsMatchWholeIds() {
    ReleasePolicy.NamedRule r = new ReleasePolicy.NamedRule("k", "privacy.mia.*.auc", null, 1.0);
    assertTrue(r.matches("privacy.mia.density_ratio.auc"));
    assertFalse(r.matches("privacy.mia.distance.tpr_at_fpr_1pct"));
    assertFalse(r.matches("xprivacy.mia.a.auc"));
  }
}
