package org.synthehr.spark.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.privacy.release.ApprovalEntry;
import org.synthehr.privacy.release.BundleApproval;
import org.synthehr.privacy.release.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synth release approve}. */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = {"Record a steward's decision on a bundle: one entry appended to"
        + " approvals.jsonl (steward, time, decision, reason, policy and its verdict, the"
        + " manifest's sha256 and the previous entry's sha256), optionally signed with an Ed25519"
        + " key. Entries are never edited; a later decision is a new entry.", "",
        "The bundle must be intact. Approving a bundle whose policy failed is refused (exit 4)"
            + " unless --override gives the reason, which is recorded and shown on the card."},
    footer = {"", "Examples:",
        "  bin/synth release approve release/v1 --steward 'A. Steward' \\",
        "      --decision approve --reason 'DUA 2026-114: teaching cohort' \\",
        "      --sign-key ~/.synth/steward.key",
        "  bin/synth release approve release/v1 --steward 'A. Steward' \\",
        "      --decision reject --reason 'detection AUC too high for external use'"})
final class ReleaseApproveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory.")
  Path bundle;

  @Option(names = "--steward", required = true, paramLabel = "NAME", description = "Who decides.")
  String steward;

  @Option(names = "--decision", required = true, paramLabel = "approve|reject",
      description = "The decision.")
  String decision;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, in the"
      + " steward's words (use case, agreement, conditions).")
  String reason;

  @Option(names = "--override", paramLabel = "REASON", description = "Approve although the"
      + " release policy failed, for this reason (recorded in the chain and on the card).")
  String override;

  @Option(names = "--sign-key", paramLabel = "FILE", description = "Sign the entry with this"
      + " Ed25519 private key (from 'synth release keygen'; FILE.pub must be beside it).")
  Path signKey;

  @Override
  public Integer call() {
    SigningKeys.Signer signer = signKey == null ? null : SigningKeys.signer(signKey);
    ApprovalEntry e = BundleApproval.record(bundle, new BundleApproval.Decision(steward, decision,
        reason, override, signer), Instant.now());
    System.out.println("recorded entry " + e.seq() + " in " + bundle.resolve("approvals.jsonl")
        + ": " + e.decision() + " by " + e.steward() + (e.signed() ? " (signed, key " + e.keyId()
            + ")" : " (unsigned)") + (e.override() != null ? "; override: " + e.override() : "")
        + ". datacard.html shows the decision.");
    return ExitCodes.OK;
  }
}
