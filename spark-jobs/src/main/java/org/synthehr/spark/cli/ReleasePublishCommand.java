package org.synthehr.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.privacy.release.BundlePublisher;
import org.synthehr.privacy.release.BundleVerifier;
import org.synthehr.privacy.release.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synth release publish}. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Verify a bundle as 'synth release verify' does, then copy it to DEST"
        + " atomically: staged beside DEST, verified again there, and renamed into place."
        + " Refuses (exit 4) anything verify refuses. The model goes along only if the bundle"
        + " includes it."},
    footer = {"", "Example:", "  bin/synth release publish release/v1 /shared/releases/v1 \\",
        "      --trust-key steward.key.pub"})
final class ReleasePublishCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The approved bundle.")
  Path bundle;

  @Parameters(index = "1", paramLabel = "DEST", description = "Where the release goes (a"
      + " directory that does not exist yet).")
  Path dest;

  @Option(names = "--trust-key", paramLabel = "FILE", description = "The steward's public key;"
      + " the approval must be signed with it.")
  Path trustKey;

  @Option(names = "--overwrite", description = "Replace DEST if it exists.")
  boolean overwrite;

  @Override
  public Integer call() {
    BundleVerifier.Verification v = BundlePublisher.publish(bundle, dest,
        trustKey == null ? null : SigningKeys.publicKey(trustKey), overwrite);
    v.checked().forEach(c -> System.out.println("ok    " + c));
    System.out.println("published " + bundle + " to " + dest + " (verified there; manifest sha256 "
        + v.manifestSha256() + ").");
    return ExitCodes.OK;
  }
}
