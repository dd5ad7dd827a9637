package org.synthehr.generator.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cosine schedule against values computed by hand from its closed form. */
class NoiseScheduleTest {
  @Test
  void cosineScheduleMatchesItsClosedForm() {
    // f(u) = cos²((u + 0.008)/1.008 · π/2); α_t = f((t+1)/T)/f(t/T), the last β capped at 0.999.
    NoiseSchedule s = NoiseSchedule.cosine(4);
    assertEquals(4, s.steps());
    assertEquals(0.8470121613269047, s.alpha(0), 1e-12);
    assertEquals(0.5830419124880057, s.alpha(1), 1e-12);
    assertEquals(0.29214128760283664, s.alpha(2), 1e-12);
    assertEquals(0.001, s.alpha(3), 1e-12);
    assertEquals(0.8470121613269047, s.alphaBar(0), 1e-12);
    assertEquals(0.4938435904406378, s.alphaBar(1), 1e-12);
    assertEquals(0.14427210238573585, s.alphaBar(2), 1e-12);
    assertEquals(0.00014427210238573596, s.alphaBar(3), 1e-15);
    assertEquals(1.0, s.alphaBar(-1), 0.0);
  }

  @Test
  void alphaBarFallsMonotonicallyToNearlyZero() {
    NoiseSchedule s = NoiseSchedule.cosine(100);
    for (int t = 1; t < 100; t++) {
      assertTrue(s.alphaBar(t) < s.alphaBar(t - 1));
    }
    assertTrue(s.alphaBar(0) > 0.999 && s.alphaBar(99) < 1e-4);
  }

  @Test
  void samplingStepsAreSpreadEvenlyFromLastToFirst() {
    assertArrayEquals(new int[] {9, 6, 3, 0}, NoiseSchedule.cosine(10).samplingSteps(4));
    int[] all = NoiseSchedule.cosine(5).samplingSteps(50);
    assertArrayEquals(new int[] {4, 3, 2, 1, 0}, all);
    int[] twenty = NoiseSchedule.cosine(100).samplingSteps(20);
    assertEquals(20, twenty.length);
    assertEquals(99, twenty[0]);
    assertEquals(0, twenty[19]);
    for (int i = 1; i < twenty.length; i++) {
      assertTrue(twenty[i] < twenty[i - 1]);
    }
  }
}
