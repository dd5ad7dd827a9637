package org.synthehr.core.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.synthehr.core.testing.LongitudinalTestData;

class PlausibilityRulesTest {
  @Test
  void learnedRangesAreRobustAndRealDataAlmostAlwaysPasses() {
    Cohort real = LongitudinalTestData.physionetSample().cohort();
    PlausibilityRules rules = PlausibilityRules.learn(real, PlausibilityRules.DEFAULT_TAIL);
    PlausibilityRules.VariableRule temp = rules.variables().get(real.schema().indexOf("Temp"));
    assertTrue(temp.low() > 30 && temp.high() < 43, "temperature range " + temp);
    PlausibilityReport r = rules.check(real);
    assertEquals(0, r.afterEnd());
    assertEquals(0, r.tooFrequent());
    assertTrue(r.outOfBounds() < 0.005 * r.values(), r.describe());
  }

  @Test
  void brokenTrajectoriesAreCountedAndRepaired() {
    Cohort real = LongitudinalTestData.small(40, 12);
    PlausibilityRules rules = PlausibilityRules.learn(real, PlausibilityRules.DEFAULT_TAIL);
    float[] v = real.values();
    int steps = real.steps();
    int k = real.variables();
    int lactate = real.schema().indexOf("Lactate");
    int[] ends = real.ends();
    ends[0] = 3;
    for (int t = 0; t < steps; t++) {
      v[(steps + t) * k + lactate] = 2f;
    }
    v[(2 * steps) * k] = 1000f;
    Cohort broken = new Cohort(real.schema(), real.ids(), real.statics(), v, ends);
    PlausibilityReport before = rules.check(broken);
    assertTrue(before.afterEnd() > 0, before.describe());
    assertTrue(before.outOfBounds() >= 1, before.describe());
    int maxLactate = rules.variables().get(lactate).maxObservations();
    assertTrue(maxLactate < steps, "lactate is never charted at every step");
    assertEquals(1, before.tooFrequent(), before.describe());
    Cohort fixed = rules.enforce(broken);
    PlausibilityReport after = rules.check(fixed);
    assertEquals(0, after.afterEnd() + after.outOfBounds() + after.tooFrequent(), after.describe());
    int kept = 0;
    for (int t = 0; t < steps; t++) {
      kept += fixed.observed(1, t, lactate) ? 1 : 0;
    }
    assertEquals(maxLactate, kept);
  }
}
