package org.synthehr.core.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SeedsTest {
  @Test
  void streamsAreStableAndIndependent() {
    Seeds s = Seeds.of(42);
    assertEquals(s.seed("sample"), Seeds.of(42).seed("sample"));
    assertNotEquals(s.seed("sample"), s.seed("split"));
    assertNotEquals(s.seed("sample"), Seeds.of(43).seed("sample"));
    assertNotEquals(s.blockSeed("sample", 0), s.blockSeed("sample", 1));
    assertEquals(s.blockSeed("sample", 7), Seeds.of(42).blockSeed("sample", 7));
    assertEquals(s.child("train").seed("x"), Seeds.of(s.seed("train")).seed("x"));
    // Fixed values: a change here changes every user's synthetic data for the same seed.
    assertEquals(0xaf63dc4c8601ec8cL, Seeds.fnv1a("a"));
  }
}
