package org.synthehr.spark.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.spark.release.ReleasePreparer;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code synth release}: the data steward's workflow, one subcommand per step. */
@Command(name = "release", mixinStandardHelpOptions = true,
    description = {"Turn a finished run into a release a data steward can review, approve,"
        + " verify and publish, and that cannot be altered unseen.", "",
        "The steps, in order:",
        "  keygen   make the steward's Ed25519 signing key (once)",
        "  prepare  run -> bundle: Parquet, report, data card, sha256 manifest",
        "  show     the card, the policy verdict per check, the decisions",
        "  approve  record approve or reject with a reason (optionally signed)",
        "  verify   files, approvals chain, signatures, decision (else exit 4)",
        "  publish  verify, then copy the bundle to its destination atomically", "",
        "docs/privacy.md ('Releasing: the steward's workflow') walks through an example."},
    subcommands = {ReleaseCommand.Prepare.class, ReleaseApproveCommand.class,
        ReleaseVerifyCommand.class, ReleasePublishCommand.class, ReleaseShowCommand.class,
        ReleaseKeygenCommand.class},
    footer = {"", "Exit codes: 0 ok, 2 usage (bad option, missing file, output exists), 4 refused"
        + " (verification failed, or approving a failed policy without --override)."})
final class ReleaseCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /** {@code synth release prepare}. */
  @Command(name = "prepare", mixinStandardHelpOptions = true,
      description = {"Make a release bundle from a finished run (tabular or longitudinal): the"
          + " synthetic Parquet, report.json and report.html, a data card (datacard.json and a"
          + " self-contained, printable datacard.html), the resolved config, the policy, and"
          + " manifest.json with the sha256 and size of every file.", "",
          "The policy (--policy, else the run's release.policy) is evaluated on the report again;"
              + " a bundle whose policy fails is still prepared, marked as failing, so the"
              + " steward can read why. The trained model stays out unless --include-model."},
      footer = {"", "Example:",
          "  bin/synth release prepare out/diabetes130-sample \\",
          "      --out release/diabetes130-v1 --policy configs/release-policy.yaml \\",
          "      --notes configs/release-notes.yaml"})
  static final class Prepare implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", paramLabel = "RUN_DIR", description = "A finished run's"
        + " output.dir (it holds _SUCCESS, synthetic/, report.json).")
    java.nio.file.Path run;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "BUNDLE",
        description = "The bundle directory to create.")
    java.nio.file.Path out;

    @CommandLine.Option(names = "--policy", paramLabel = "FILE", description = "Release policy"
        + " (YAML) to check the report against; default: the run's release.policy, if any.")
    java.nio.file.Path policy;

    @CommandLine.Option(names = "--notes", paramLabel = "FILE", description = "Card notes (YAML):"
        + " title, intended_uses, prohibited_uses, limitations, contact. Lists replace the"
        + " defaults; limitations are added to the measured ones.")
    java.nio.file.Path notes;

    @CommandLine.Option(names = "--include-model", description = "Put the trained model into the"
        + " bundle (the card says so): whoever holds it can generate more data.")
    boolean includeModel;

    @CommandLine.Option(names = "--overwrite", description = "Replace an existing bundle (its"
        + " approvals are lost).")
    boolean overwrite;

    @Override
    public Integer call() {
      ReleasePreparer.Result r = ReleasePreparer.prepare(new ReleasePreparer.Request(run, out,
          policy, notes, includeModel, overwrite), Instant.now());
      String verdict = switch (r.card().policy().verdict()) {
        case "passed" -> "policy '" + r.card().policy().name() + "' PASSED";
        case "failed" -> "policy '" + r.card().policy().name() + "' FAILED ("
            + String.join("; ", r.card().policy().failures()) + "): approving it will need"
            + " --override with a reason";
        default -> "no release policy applied";
      };
      System.out.println("prepared " + r.bundle() + ": " + r.files() + " files in manifest.json; "
          + verdict + ".");
      System.out.println("next: read " + r.bundle().resolve("datacard.html") + " (or 'synth"
          + " release show " + r.bundle() + "'), then 'synth release approve " + r.bundle()
          + " --steward NAME --decision approve|reject --reason TEXT'.");
      return ExitCodes.OK;
    }
  }
}
