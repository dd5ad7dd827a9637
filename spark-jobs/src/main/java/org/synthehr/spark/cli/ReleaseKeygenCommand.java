package org.synthehr.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.privacy.release.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synth release keygen}. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Make an Ed25519 key pair for signing approvals (the JDK's own provider):"
        + " FILE, the private key (readable by you only; keep it secret), and FILE.pub, the"
        + " public key you give to whoever verifies ('synth release verify --trust-key"
        + " FILE.pub'). Never overwrites a key."},
    footer = {"", "Example:", "  bin/synth release keygen --out ~/.synth/steward.key"})
final class ReleaseKeygenCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The private key"
      + " file to create (FILE.pub is written beside it).")
  Path out;

  @Override
  public Integer call() {
    String id = SigningKeys.generate(out);
    System.out.println("wrote " + out + " (private: keep it secret) and "
        + SigningKeys.publicFileOf(out) + " (public: share it with verifiers); key id " + id + ".");
    return ExitCodes.OK;
  }
}
