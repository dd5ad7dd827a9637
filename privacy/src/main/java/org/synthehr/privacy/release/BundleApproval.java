package org.synthehr.privacy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.privacy.policy.ReleaseGateException;

/**
 * Records a steward's decision on a bundle: checks the bundle is intact, refuses to approve a
 * failed policy without an override reason, appends the (optionally signed) entry to {@code
 * approvals.jsonl} and renders {@code datacard.html} again with the decision on it.
 */
public final class BundleApproval {
  /** Held while a decision is recorded; outside the manifest like the approvals themselves. */
  static final String LOCK = ".approvals.lock";

  private BundleApproval() {}

  /**
   * A decision to record.
   *
   * @param steward who decides
   * @param decision {@code approve} or {@code reject}
   * @param reason why
   * @param override why a failed policy is approved anyway, or null
   * @param signer the steward's signing key, or null for an unsigned entry
   */
  public record Decision(String steward, String decision, String reason, String override,
      SigningKeys.Signer signer) {}

  /** Records the decision and returns the entry written. */
  public static ApprovalEntry record(Path bundle, Decision d, Instant now) {
    String decision = d.decision() == null ? "" : d.decision().trim().toLowerCase(
        java.util.Locale.ROOT);
    if (!decision.equals(ApprovalEntry.APPROVE) && !decision.equals(ApprovalEntry.REJECT)) {
      throw new InvalidConfigException("--decision must be approve or reject, got '"
          + d.decision() + "'.");
    }
    if (blank(d.steward()) || blank(d.reason())) {
      throw new InvalidConfigException("a decision needs --steward NAME and --reason TEXT: the"
          + " record says who decided and why.");
    }
    Path lock = bundle.resolve(LOCK);
    try {
      Files.createFile(lock);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new InvalidConfigException("another decision is being recorded on " + bundle + " ("
          + lock + " exists). Wait for it and run again; if no 'synth release approve' is running,"
          + " a crashed one left the file: delete it.");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + bundle, e);
    }
    try {
      return recordLocked(bundle, d, decision, now);
    } finally {
      try {
        Files.deleteIfExists(lock);
      } catch (IOException ignored) {
        // The decision is recorded; a leftover lock only asks the next steward to delete it.
      }
    }
  }

  // Two stewards deciding at once would both read N entries and write N + 1: one decision would
  // be lost. The lock (an exclusive create) makes the read-append-render one step.
  private static ApprovalEntry recordLocked(Path bundle, Decision d, String decision,
      Instant now) {
    BundleVerifier.Verification v = BundleVerifier.verify(bundle, null, false);
    if (!v.ok()) {
      throw new ReleaseGateException("no decision recorded: " + bundle + " fails verification: "
          + v.problem());
    }
    DataCard card = v.card();
    String override = blank(d.override()) ? null : d.override().strip();
    if (override != null && !(decision.equals(ApprovalEntry.APPROVE) && card.policy().failed())) {
      throw new InvalidConfigException("--override is only for approving a bundle whose release"
          + " policy failed; this bundle's policy verdict is '" + card.policy().verdict() + "'"
          + (decision.equals(ApprovalEntry.REJECT) ? " and the decision is reject" : "") + ".");
    }
    if (decision.equals(ApprovalEntry.APPROVE) && card.policy().failed() && override == null) {
      throw new ReleaseGateException("approval refused: the release policy '"
          + card.policy().name() + "' failed (" + String.join("; ", card.policy().failures())
          + "). Fix: reject the bundle, or approve with --override \"REASON\": the reason is"
          + " recorded in approvals.jsonl and shown on the data card.");
    }
    List<ApprovalLog.Line> lines = ApprovalLog.read(bundle);
    ApprovalEntry entry = new ApprovalEntry(lines.size() + 1,
        now.truncatedTo(ChronoUnit.SECONDS).toString(), d.steward().strip(), decision,
        d.reason().strip(), card.policy().name(), card.policy().verdict(), override,
        v.manifestSha256(), ApprovalLog.previousHash(lines, v.manifestSha256()), null, null, null);
    if (d.signer() != null) {
      entry = entry.signedWith(d.signer());
    }
    ApprovalLog.append(bundle, entry);
    List<ApprovalEntry> all = new ArrayList<>(v.approvals());
    all.add(entry);
    writePage(bundle, DataCardPage.render(card, all, v.manifestSha256()));
    return entry;
  }

  /** Writes datacard.html through a temporary file, so a reader never sees half a page. */
  static void writePage(Path bundle, String html) {
    Path page = bundle.resolve(DataCardPage.FILE);
    Path tmp = bundle.resolve("." + DataCardPage.FILE + ".tmp");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + page, e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
