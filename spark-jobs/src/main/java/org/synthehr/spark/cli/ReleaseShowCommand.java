package org.synthehr.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.privacy.release.BundleText;
import org.synthehr.privacy.release.BundleVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code synth release show}. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Print a bundle's data card, the policy verdict per check and the decision"
        + " history in the terminal, with whether the files are intact. Exits 0 even when they are"
        + " not (use 'synth release verify' as the gate)."})
final class ReleaseShowCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory.")
  Path bundle;

  @Override
  public Integer call() {
    System.out.print(BundleText.render(BundleVerifier.verify(bundle, null, false)));
    return ExitCodes.OK;
  }
}
