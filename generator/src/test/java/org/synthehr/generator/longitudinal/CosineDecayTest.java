package org.synthehr.generator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CosineDecayTest {
  @Test
  void fallsFromTheBaseToItsFinalShare() {
    CosineDecay lr = new CosineDecay(1e-3, 0.1, 1000, 0);
    assertEquals(1e-3, lr.getNewValue(1), 1e-9);
    assertEquals(0.55e-3, lr.getNewValue(501), 1e-7);
    assertEquals(1e-4, lr.getNewValue(1001), 1e-9);
    assertEquals(1e-4, lr.getNewValue(5000), 1e-9, "stays at the floor past the planned end");
    float previous = Float.MAX_VALUE;
    for (int u = 1; u <= 1001; u += 50) {
      assertTrue(lr.getNewValue(u) <= previous, "never rises");
      previous = lr.getNewValue(u);
    }
  }

  @Test
  void aResumedRunContinuesTheSameCurve() {
    CosineDecay whole = new CosineDecay(2e-3, 0.1, 600, 0);
    CosineDecay resumed = new CosineDecay(2e-3, 0.1, 600, 250);
    for (int u = 1; u <= 350; u += 7) {
      assertEquals(whole.getNewValue(250 + u), resumed.getNewValue(u), 1e-12);
    }
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0, 0.1, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> new CosineDecay(1e-3, 1.5, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> new CosineDecay(1e-3, 0.1, 0, 0));
  }
}
