package org.synthehr.spark.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.io.Json;
import org.synthehr.core.testing.TestData;
import org.synthehr.privacy.release.DataCard;
import org.synthehr.spark.Chromium;
import org.synthehr.spark.CliRun;

/**
 * The steward's workflow end to end through the real command line: pipeline on the shipped
 * sample, then release prepare, approve, verify and publish; one changed byte of the Parquet, of
 * the report or of an earlier approval makes verify exit 4 naming it; a failed policy needs an
 * override; signatures bind the steward's key; the data card renders in Chromium.
 */
class ReleaseWorkflowTest {
  @TempDir
  static Path tmp;
  static Path run;
  static Path passing;
  static Path failing;

  @BeforeAll
  static void pipeline() throws IOException {
    Path root = TestData.repoRoot();
    run = tmp.resolve("run");
    CliRun r = CliRun.of("pipeline", root.resolve("configs/diabetes130-sample.yaml").toString(),
        "--set", "input.path=" + root.resolve("data/diabetes130-sample.csv"),
        "--set", "input.schema=" + root.resolve("configs/diabetes130.schema.yaml"),
        "--set", "spark.master=local[2]", "--set", "output.dir=" + run,
        "--set", "privacy.attacks.shadow_models=2", "--set", "evaluate.utility.models=[logistic]");
    assertEquals(0, r.exitCode(), r.err());
    passing = tmp.resolve("passing.yaml");
    Files.writeString(passing, "name: test-release\nmax_mia_auc: 0.65\nmax_exact_match_rate: 0.0\n"
        + "min_utility_ratio: 0.5\nrules:\n  - {metric: fidelity.quality.overall, min: 0.8}\n");
    failing = tmp.resolve("failing.yaml");
    Files.writeString(failing, "name: strict-release\nrules:\n"
        + "  - {metric: fidelity.quality.overall, min: 0.999}\n");
  }

  private static CliRun synth(String... args) {
    return CliRun.of(args);
  }

  private static Path prepare(String name, Path policy) {
    Path bundle = tmp.resolve(name);
    CliRun r = synth("release", "prepare", run.toString(), "--out", bundle.toString(), "--policy",
        policy.toString());
    assertEquals(0, r.exitCode(), r.err());
    return bundle;
  }

  @Test
  void prepareApproveVerifyPublishThenEveryTamperingIsNamed() throws IOException {
    Path bundle = prepare("bundle", passing);
    assertTrue(Files.exists(bundle.resolve("manifest.json")));
    assertFalse(Files.exists(bundle.resolve("model")), "no model unless --include-model");
    DataCard card = Json.read(bundle.resolve("datacard.json"), DataCard.class);
    assertEquals("passed", card.policy().verdict());
    assertEquals("tabular", card.shape());
    assertTrue(card.tables().get(0).columns().stream().noneMatch(c -> c.name().equals(
        "patient_nbr")), "identifiers are never released");
    assertEquals(card.source().counts().get("synthetic_rows"), card.tables().get(0).rows());
    assertEquals(4, synth("release", "verify", bundle.toString()).exitCode(), "not yet approved");
    // The card restates the report, never recomputes it: every figure is the report's own value,
    // and the card's verdict is the one in the bundle's report.json.
    org.synthehr.core.result.Report report = Json.read(bundle.resolve("report.json"),
        org.synthehr.core.result.Report.class);
    List<DataCard.Figure> figures = new java.util.ArrayList<>(card.fidelity());
    figures.addAll(card.utility());
    figures.addAll(card.privacy());
    assertTrue(figures.size() > 15, "headline figures: " + figures.size());
    for (DataCard.Figure f : figures) {
      assertEquals(report.metric(f.id()).orElseThrow().value(), f.value(), f.id());
    }
    assertEquals(true, report.summary().get("release_policy_passed"));

    CliRun approve = synth("release", "approve", bundle.toString(), "--steward", "Ann Steward",
        "--decision", "approve", "--reason", "teaching cohort");
    assertEquals(0, approve.exitCode(), approve.err());
    CliRun verify = synth("release", "verify", bundle.toString());
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertTrue(verify.out().contains("match manifest.json"), verify.out());
    Path dest = tmp.resolve("published");
    CliRun publish = synth("release", "publish", bundle.toString(), dest.toString());
    assertEquals(0, publish.exitCode(), publish.err());
    assertEquals(0, synth("release", "verify", dest.toString()).exitCode());
    assertEquals(2, synth("release", "publish", bundle.toString(), dest.toString()).exitCode(),
        "an existing destination is never overwritten without --overwrite");
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging left");
    }

    // A second decision, so that the first is an earlier entry with a successor.
    assertEquals(0, synth("release", "approve", bundle.toString(), "--steward", "Bob", "--decision",
        "approve", "--reason", "second reader").exitCode());
    Path parquet;
    try (Stream<Path> s = Files.list(bundle.resolve("synthetic"))) {
      parquet = s.filter(p -> p.toString().endsWith(".parquet")).sorted(Comparator.naturalOrder())
          .findFirst().orElseThrow();
    }
    String rel = "synthetic/" + parquet.getFileName();
    assertTampered(bundle, parquet, 100, "tampered file: " + rel);
    assertTampered(bundle, bundle.resolve("report.json"), 50, "tampered file: report.json");
    Path log = bundle.resolve("approvals.jsonl");
    int inFirstEntry = Files.readString(log).indexOf("teaching cohort");
    assertTampered(bundle, log, inFirstEntry, "approvals.jsonl entry 1 was changed after entry 2");
    // Publish refuses what verify refuses, and writes nothing.
    byte[] reportBytes = Files.readAllBytes(bundle.resolve("report.json"));
    Files.writeString(bundle.resolve("report.json"), "{}");
    CliRun refused = synth("release", "publish", bundle.toString(), tmp.resolve("p2").toString());
    assertEquals(4, refused.exitCode());
    assertTrue(refused.err().contains("publish refused: tampered file: report.json"),
        refused.err());
    assertFalse(Files.exists(tmp.resolve("p2")), "a refused publish writes nothing");
    Files.write(bundle.resolve("report.json"), reportBytes);
  }

  /** Changes one byte, checks verify exits 4 naming it, and restores the byte. */
  private static void assertTampered(Path bundle, Path file, int offset, String named)
      throws IOException {
    byte[] original = Files.readAllBytes(file);
    byte[] changed = original.clone();
    changed[offset] ^= 1;
    Files.write(file, changed);
    CliRun v = synth("release", "verify", bundle.toString());
    assertEquals(4, v.exitCode(), v.out());
    assertTrue(v.err().contains(named), v.err());
    Files.write(file, original);
    assertEquals(0, synth("release", "verify", bundle.toString()).exitCode(), "restored");
  }

  @Test
  void aFailingPolicyNeedsAnOverrideThatShowsEverywhere() throws IOException {
    Path bundle = prepare("failing", failing);
    CliRun show = synth("release", "show", bundle.toString());
    assertTrue(show.out().contains("'strict-release': FAILED"), show.out());
    CliRun refused = synth("release", "approve", bundle.toString(), "--steward", "Ann",
        "--decision", "approve", "--reason", "teaching");
    assertEquals(4, refused.exitCode());
    assertTrue(refused.err().contains("synth release approve: approval refused"), refused.err());
    assertFalse(Files.exists(bundle.resolve("approvals.jsonl")));
    String reason = "quality 0.95 is enough for a teaching cohort";
    assertEquals(0, synth("release", "approve", bundle.toString(), "--steward", "Ann",
        "--decision", "approve", "--reason", "teaching", "--override", reason).exitCode());
    assertEquals(0, synth("release", "verify", bundle.toString()).exitCode());
    assertTrue(synth("release", "show", bundle.toString()).out()
        .contains("OVERRIDE of the failed policy: " + reason));
    assertTrue(Files.readString(bundle.resolve("datacard.html")).contains(reason));
    assertTrue(Files.readString(bundle.resolve("approvals.jsonl"))
        .contains("\"override\":\"" + reason + "\""));
  }

  @Test
  void aSignedApprovalVerifiesWithTheRightKeyOnly() {
    Path bundle = prepare("signed", passing);
    Path ann = tmp.resolve("keys/ann.key");
    Path eve = tmp.resolve("keys/eve.key");
    assertEquals(0, synth("release", "keygen", "--out", ann.toString()).exitCode());
    assertEquals(0, synth("release", "keygen", "--out", eve.toString()).exitCode());
    assertEquals(2, synth("release", "keygen", "--out", ann.toString()).exitCode(), "no overwrite");
    assertEquals(0, synth("release", "approve", bundle.toString(), "--steward", "Ann",
        "--decision", "approve", "--reason", "ok", "--sign-key", ann.toString()).exitCode());
    assertEquals(0, synth("release", "verify", bundle.toString(), "--trust-key",
        ann + ".pub").exitCode());
    CliRun other = synth("release", "verify", bundle.toString(), "--trust-key", eve + ".pub");
    assertEquals(4, other.exitCode());
    assertTrue(other.err().contains("bad signature"), other.err());
  }

  @Test
  void theDataCardOpensInABrowser() throws Exception {
    Path bundle = prepare("browser", passing);
    assertEquals(0, synth("release", "approve", bundle.toString(), "--steward", "Ann",
        "--decision", "approve", "--reason", "ok").exitCode());
    Path page = bundle.resolve("datacard.html");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://"),
        "self-contained: no script, nothing fetched");
    Chromium chromium = Chromium.require(tmp, "datacard.html");
    String dom = chromium.dom(page, 1200, 3000);
    for (String section : List.of("what-this-data-is", "uses", "how-it-was-made",
        "how-faithful-useful-fair-and-private", "release-policy", "known-limitations",
        "release-decision", "tables-and-columns")) {
      assertTrue(dom.contains("id=\"" + section + "\""), section);
    }
    assertTrue(dom.contains("Approved for release"));
    chromium.screenshot(page, tmp.resolve("datacard.png"), 1200, 3000, 50_000);
  }
}
