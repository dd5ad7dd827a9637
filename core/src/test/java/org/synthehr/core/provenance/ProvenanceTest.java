package org.synthehr.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  @Test
  void fingerprintsAndCapture(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "abc");
    assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Provenance.fingerprint(f));
    String listing = Provenance.fingerprint(dir);
    Files.writeString(dir.resolve("b.csv"), "more");
    assertNotEquals(listing, Provenance.fingerprint(dir));
    Provenance p = Provenance.capture(7, "seed: 7\n", Map.of("a.csv", "x"), Map.of("spark", "4"));
    assertEquals(7, p.seed());
    assertEquals(Provenance.sha256("seed: 7\n"), p.configSha256());
    assertTrue(p.platform().containsKey("java") && p.platform().containsKey("processors"));
    assertTrue(p.toolVersion().matches("\\d+\\.\\d+.*"), p.toolVersion());
  }
}
