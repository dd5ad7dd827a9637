package org.synthehr.spark.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.synthehr.core.result.Report;
import org.synthehr.generator.dp.DpAccounting;
import org.synthehr.privacy.policy.ReleaseCheck;
import org.synthehr.privacy.policy.ReleasePolicy;

/** A DP model's accounting reaches the report, where the release policy's max_epsilon reads it. */
class DpFiguresTest {
  private static final DpAccounting ACCOUNTING = new DpAccounting("DP-SGD", "one training row",
      10, 9.7, 1e-5, 0.8, 1.0, 0.005, 4000, 4000, 100_000, true, "RDP",
      List.of("category vocabularies", "mixture fits"));

  private static Report empty() {
    return new Report("t", Map.of("training_rows", 10), List.of(), null);
  }

  private static ReleasePolicy maxEpsilon(double max) {
    return new ReleasePolicy("p", null, null, null, null, null, null, null, null, null, null,
        null, max, null, "fail");
  }

  @Test
  void accountingBecomesEpsilonAndDeltaMetricsWithWhatIsNotCovered() {
    Report r = DpFigures.addTo(empty(), Optional.of(ACCOUNTING));
    assertEquals(9.7, r.metric("privacy.dp.epsilon").orElseThrow().value());
    assertEquals(1e-5, r.metric("privacy.dp.delta").orElseThrow().value());
    assertEquals(List.of("category vocabularies", "mixture fits"),
        r.metric("privacy.dp.epsilon").orElseThrow().details().get("outside_guarantee"));
    assertEquals(9.7, r.summary().get("privacy.dp.epsilon"));
    assertEquals(10, r.summary().get("training_rows"));
  }

  @Test
  void maxEpsilonPassesAboveAndFailsBelowTheSpentEpsilon() {
    Report r = DpFigures.addTo(empty(), Optional.of(ACCOUNTING));
    assertTrue(ReleaseCheck.apply(maxEpsilon(10), r).passed());
    assertFalse(ReleaseCheck.apply(maxEpsilon(5), r).passed());
  }

  @Test
  void aModelWithoutDpAddsNothingAndFailsAnEpsilonLimit() {
    Report plain = empty();
    assertSame(plain, DpFigures.addTo(plain, Optional.empty()));
    assertFalse(ReleaseCheck.apply(maxEpsilon(10), plain).passed(),
        "a policy asking for DP must not pass a model trained without it");
  }
}
