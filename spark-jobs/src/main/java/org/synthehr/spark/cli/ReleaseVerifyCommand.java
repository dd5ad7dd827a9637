package org.synthehr.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.privacy.release.BundleVerifier;
import org.synthehr.privacy.release.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synth release verify}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check a bundle before it is used or published: every file against"
        + " manifest.json (sha256 and size; no file added), the approvals' hash chain and"
        + " signatures, datacard.html against what the card and approvals render to, and that the"
        + " latest decision approves (with an override where the policy failed).", "",
        "Prints what it checked and exits 0, or names the first problem (the file or the"
            + " approvals entry) and exits 4. With --trust-key, the approval must be signed with"
            + " that key."},
    footer = {"", "Example:", "  bin/synth release verify release/v1 --trust-key steward.key.pub"})
final class ReleaseVerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory.")
  Path bundle;

  @Option(names = "--trust-key", paramLabel = "FILE", description = "The steward's public key"
      + " (.pub from 'synth release keygen'); the approval must be signed with it.")
  Path trustKey;

  @Override
  public Integer call() {
    BundleVerifier.Verification v = BundleVerifier.verify(bundle,
        trustKey == null ? null : SigningKeys.publicKey(trustKey), true);
    v.checked().forEach(c -> System.out.println("ok    " + c));
    v.notes().forEach(n -> System.out.println("note  " + n));
    if (!v.ok()) {
      System.out.println("FAIL  " + v.problem());
      System.err.println("synth release verify: " + bundle + " is NOT verified: " + v.problem());
      return ExitCodes.RELEASE_GATE_FAILED;
    }
    System.out.println("verified: " + bundle + " is intact and approved (manifest sha256 "
        + v.manifestSha256() + ").");
    return ExitCodes.OK;
  }
}
