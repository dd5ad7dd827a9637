package org.synthehr.spark.cli;

import java.io.PrintWriter;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.error.SynthException;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.generator.model.ModelKind;
import org.synthehr.generator.model.ModelKinds;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code synth} command. Parses arguments only; every subcommand runs a job. User mistakes
 * (bad data, bad config, an existing output) print one clear paragraph and exit non-zero without a
 * stack trace: 2 for usage and config, 3 for bad input, 4 when a release gate fails.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
    versionProvider = SynthMain.Version.class,
    description = {"Synthetic electronic health records: learn a generative model from a real"
        + " table, sample synthetic rows at Spark scale, and measure fidelity and privacy.", ""},
    subcommands = {ValidateCommand.class, TrainCommand.class, SampleCommand.class,
        EvaluateCommand.class, PipelineCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 internal error (a bug: please report it), 2 usage or config,"
        + " 3 bad input, 4 release gate failed.", "Run 'synth help COMMAND' for a command's options."})
public final class SynthMain implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (for tests and embedding). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new SynthMain());
    cl.setExecutionExceptionHandler(SynthMain::handle);
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
    System.err.println();
    System.err.println("Model kinds:");
    for (ModelKind k : ModelKinds.all()) {
      System.err.printf("  %-8s %s%n", k.id(), k.description());
    }
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    SynthException user = findUserError(e);
    if (user != null) {
      err.println("synth " + cl.getCommandName() + ": " + user.getMessage());
      err.flush();
      return user.exitCode();
    }
    err.println("synth " + cl.getCommandName() + ": internal error (a bug; please report it with"
        + " the lines below):");
    e.printStackTrace(err);
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** A user-facing error anywhere in the cause chain (e.g. thrown inside a Spark task). */
  static SynthException findUserError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SynthException s) {
        return s;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The version for --version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"synth (SynthEHR) " + Provenance.currentVersion()};
    }
  }
}
