package org.synthehr.privacy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.privacy.policy.ReleaseGateException;

/**
 * The verifier's invariants: an intact, approved bundle verifies; every kind of change after
 * preparation (a data byte, an added file, an edited page, an earlier or the latest approval, a
 * removed entry) is caught and named; a failed policy needs an override; signatures bind the key.
 */
class BundleVerifierTest {
  @TempDir
  Path dir;

  private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

  private static BundleApproval.Decision approve(String reason) {
    return new BundleApproval.Decision("Ann", "approve", reason, null, null);
  }

  @Test
  void approvedBundleVerifiesAndPreparedOneIsNotYetApproved() throws IOException {
    Path b = BundleFixture.prepared(dir.resolve("b"), false);
    BundleVerifier.Verification before = BundleVerifier.verify(b, null, true);
    assertTrue(before.problem().startsWith("no approval"), before.problem());
    assertTrue(BundleVerifier.verify(b, null, false).ok(), "intact before any decision");
    BundleApproval.record(b, approve("ok"), NOW);
    BundleVerifier.Verification v = BundleVerifier.verify(b, null, true);
    assertTrue(v.ok(), v.problem());
    assertEquals(1, v.approvals().size());
    assertTrue(Files.readString(b.resolve(DataCardPage.FILE)).contains("Approved for release"));
  }

  @Test
  void oneChangedByteOfADataFileIsNamed() throws IOException {
    Path b = BundleFixture.prepared(dir.resolve("b"), false);
    BundleApproval.record(b, approve("ok"), NOW);
    BundleFixture.flipByte(b.resolve("synthetic/part-00000.parquet"), 6);
    String problem = BundleVerifier.verify(b, null, true).problem();
    assertTrue(problem.startsWith("tampered file: synthetic/part-00000.parquet has sha256"),
        problem);
  }

  @Test
  void anAddedFileOrAnEditedCardPageIsCaught() throws IOException {
    Path b = BundleFixture.prepared(dir.resolve("b"), false);
    BundleApproval.record(b, approve("ok"), NOW);
    Files.writeString(b.resolve("synthetic/extra.parquet"), "x");
    assertTrue(BundleVerifier.verify(b, null, true).problem()
        .startsWith("unlisted file: synthetic/extra.parquet"));
    Files.delete(b.resolve("synthetic/extra.parquet"));
    Path page = b.resolve(DataCardPage.FILE);
    Files.writeString(page, Files.readString(page).replace("Approved for release",
        "Approved for any use"));
    assertTrue(BundleVerifier.verify(b, null, true).problem()
        .startsWith("tampered file: datacard.html"));
  }

  @Test
  void anEditedEarlierEntryIsNamedByTheChain() throws IOException {
    Path b = BundleFixture.prepared(dir.resolve("b"), false);
    BundleApproval.record(b, approve("first"), NOW);
    BundleApproval.record(b, approve("second"), NOW.plusSeconds(60));
    Path log = b.resolve(ApprovalLog.FILE);
    String text = Files.readString(log);
    Files.writeString(log, text.replaceFirst("\"first\"", "\"fir5t\""), StandardCharsets.UTF_8);
    String problem = BundleVerifier.verify(b, null, true).problem();
    assertTrue(problem.startsWith("approvals.jsonl entry 1 was changed after entry 2"), problem);
    // A removed entry is caught too.
    List<String> lines = List.of(text.split("\n"));
    Files.writeString(log, lines.get(1) + "\n");
    assertTrue(BundleVerifier.verify(b, null, true).problem()
        .startsWith("approvals.jsonl entry 1 says it is entry 2"));
  }

  @Test
  void aFailedPolicyNeedsAnOverrideWhichIsRecordedAndShown() throws IOException {
    Path b = BundleFixture.prepared(dir.resolve("b"), true);
    ReleaseGateException refused = assertThrows(ReleaseGateException.class,
        () -> BundleApproval.record(b, approve("ok"), NOW));
    assertEquals(ExitCodes.RELEASE_GATE_FAILED, refused.exitCode());
    assertFalse(Files.exists(b.resolve(ApprovalLog.FILE)), "nothing recorded");
    assertThrows(InvalidConfigException.class, () -> BundleApproval.record(b,
        new BundleApproval.Decision("Ann", "reject", "no", "because", null), NOW));
    BundleApproval.record(b, new BundleApproval.Decision("Ann", "approve", "teaching",
        "attack figure rests on few targets", null), NOW);
    BundleVerifier.Verification v = BundleVerifier.verify(b, null, true);
    assertTrue(v.ok(), v.problem());
    assertTrue(Files.readString(b.resolve(ApprovalLog.FILE))
        .contains("\"override\":\"attack figure rests on few targets\""));
    assertTrue(Files.readString(b.resolve(DataCardPage.FILE))
        .contains("attack figure rests on few targets"));
    assertTrue(BundleText.render(v).contains("OVERRIDE of the failed policy: attack figure rests"
        + " on few targets"));
  }

  @Test
  void aHandWrittenApprovalOfAFailedPolicyWithoutOverrideIsRefused() throws IOException {
    Path b = BundleFixture.prepared(dir.resolve("b"), true);
    String manifest = org.synthehr.core.provenance.Provenance.sha256(
        b.resolve(BundleManifest.FILE));
    ApprovalEntry forged = new ApprovalEntry(1, "2026-12-08T10:00:00Z", "Mallory", "approve",
        "ship it", "test-policy", "failed", null, manifest, manifest, null, null, null);
    ApprovalLog.append(b, forged);
    BundleApproval.writePage(b, DataCardPage.render(BundleVerifier.verify(b, null, false).card(),
        List.of(forged), manifest));
    assertTrue(BundleVerifier.verify(b, null, true).problem()
        .startsWith("policy failed without override"));
  }

  @Test
  void theLatestRejectionBlocksTheRelease() throws IOException {
    Path b = BundleFixture.prepared(dir.resolve("b"), false);
    BundleApproval.record(b, approve("ok"), NOW);
    BundleApproval.record(b, new BundleApproval.Decision("Bob", "reject", "recipient changed",
        null, null), NOW.plusSeconds(5));
    assertTrue(BundleVerifier.verify(b, null, true).problem().startsWith("not approved"));
  }

  @Test
  void aSignedApprovalVerifiesWithItsKeyAndFailsWithAnotherOrWhenEdited() throws IOException {
    Path b = BundleFixture.prepared(dir.resolve("b"), false);
    SigningKeys.generate(dir.resolve("ann.key"));
    SigningKeys.generate(dir.resolve("bob.key"));
    BundleApproval.record(b, new BundleApproval.Decision("Ann", "approve", "ok", null,
        SigningKeys.signer(dir.resolve("ann.key"))), NOW);
    var ann = SigningKeys.publicKey(dir.resolve("ann.key.pub"));
    var bob = SigningKeys.publicKey(dir.resolve("bob.key.pub"));
    assertTrue(BundleVerifier.verify(b, ann, true).ok());
    String other = BundleVerifier.verify(b, bob, true).problem();
    assertTrue(other.startsWith("bad signature: entry 1 is signed with key "
        + SigningKeys.keyId(ann)), other);
    // The last entry has no successor in the chain: its signature is what catches an edit.
    Path log = b.resolve(ApprovalLog.FILE);
    Files.writeString(log, Files.readString(log).replace("\"reason\":\"ok\"",
        "\"reason\":\"OK\""));
    assertTrue(BundleVerifier.verify(b, null, true).problem()
        .startsWith("bad signature: approvals.jsonl entry 1 does not verify"));
  }

  @Test
  void aDecisionInProgressHoldsTheLogSoNoneIsLost() throws IOException {
    Path b = BundleFixture.prepared(dir.resolve("b"), false);
    Files.createFile(b.resolve(BundleApproval.LOCK));
    InvalidConfigException busy = assertThrows(InvalidConfigException.class,
        () -> BundleApproval.record(b, approve("ok"), NOW));
    assertTrue(busy.getMessage().contains("another decision is being recorded"));
    Files.delete(b.resolve(BundleApproval.LOCK));
    BundleApproval.record(b, approve("ok"), NOW);
    assertFalse(Files.exists(b.resolve(BundleApproval.LOCK)), "released after recording");
  }

  @Test
  void keysAreNeverOverwrittenAndAMismatchedPairIsRefused() throws IOException {
    SigningKeys.generate(dir.resolve("a.key"));
    assertThrows(InvalidConfigException.class, () -> SigningKeys.generate(dir.resolve("a.key")));
    SigningKeys.generate(dir.resolve("b.key"));
    Files.copy(dir.resolve("b.key.pub"), dir.resolve("a.key.pub"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> SigningKeys.signer(dir.resolve("a.key")));
    assertTrue(e.getMessage().contains("is not the public half"), e.getMessage());
  }
}
