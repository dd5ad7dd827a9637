package org.synthehr.generator.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DjlOfflineTest {
  @Test
  void offlineFlagsAreSet() {
    DjlOffline.enforce();
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
  }
}
