package org.synthehr.privacy.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.synthehr.core.io.Json;

/** A small, complete bundle made by hand (no run needed), for the verifier's and chain's tests. */
final class BundleFixture {
  private BundleFixture() {}

  /** A prepared bundle whose policy passed or failed; returns the bundle directory. */
  static Path prepared(Path dir, boolean policyFailed) throws IOException {
    Files.createDirectories(dir.resolve("synthetic"));
    Files.write(dir.resolve("synthetic/part-00000.parquet"), new byte[] {'P', 'A', 'R', '1', 1, 2,
        3, 4, 5, 6, 7, 8, 'P', 'A', 'R', '1'});
    Files.writeString(dir.resolve("report.json"), "{\"title\": \"t\"}\n");
    DataCard.PolicyVerdict verdict = new DataCard.PolicyVerdict("test-policy",
        policyFailed ? "failed" : "passed", List.of(new DataCard.Check("max_mia_auc",
            "privacy.mia.distance.auc", 0.7, "max", 0.6, !policyFailed)),
        policyFailed ? List.of("max_mia_auc: privacy.mia.distance.auc = 0.7 outside max 0.6")
            : List.of());
    DataCard card = new DataCard(DataCard.FORMAT, "Synthetic test", "tabular",
        "2026-12-08T00:00:00Z", new DataCard.Source("test", Map.of("test.csv", "sha256:00"),
            Map.of("synthetic_rows", 10L)),
        new DataCard.Generation("copula", 42, null, null, "abc", "0.1", "2026-12-08", "None",
            null, List.of(), List.of("none")),
        List.of("is"), List.of("is not"), List.of("use"), List.of("misuse"),
        List.of(new DataCard.Figure("fidelity.quality.overall", "Quality", 0.9, null, null, 0.9,
            "higher_is_better", "quality", null, null, null)),
        List.of(), List.of(), List.of(), verdict, List.of("small"),
        List.of(new DataCard.Table("synthetic", 10L, List.of(new DataCard.Column("age", "double",
            "continuous", "years")))), false, null);
    Json.write(dir.resolve(DataCard.FILE), card);
    String hash = BundleManifest.of(dir).write(dir);
    Files.writeString(dir.resolve(DataCardPage.FILE), DataCardPage.render(card, List.of(), hash),
        StandardCharsets.UTF_8);
    return dir;
  }

  /** Flips one byte of a file (XOR 1) at the given offset. */
  static void flipByte(Path file, int offset) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[offset] ^= 1;
    Files.write(file, b);
  }
}
