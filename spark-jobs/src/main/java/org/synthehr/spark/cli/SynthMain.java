package org.synthehr.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.error.RunFailedException;
import org.synthehr.core.error.SynthException;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.generator.model.ModelKind;
import org.synthehr.generator.model.ModelKinds;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code synth} command. Parses arguments only; every subcommand runs a job. User mistakes
 * (bad data, bad config, an existing output) print one clear paragraph and exit non-zero without a
 * stack trace: 2 for usage and config, 3 for bad input, 4 when a release gate fails. A bug prints
 * one paragraph too (exit 1): its trace goes to a file the paragraph names, and a pipeline that
 * fails after training says what it kept and how to resume.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
    versionProvider = SynthMain.Version.class,
    description = {"Synthetic electronic health records: learn a generative model from a real"
        + " table, sample synthetic rows at Spark scale, and measure fidelity and privacy.", ""},
    subcommands = {ValidateCommand.class, TrainCommand.class, SampleCommand.class,
        EvaluateCommand.class, PipelineCommand.class, TwinsCommand.class, ReleaseCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 internal error (a bug: please report it with the trace"
        + " file the message names), 2 usage or config (also: an unfinished run is in the way, or"
        + " --resume with a different config), 3 bad input, 4 release gate failed (or a release bundle failed verification).", "Run 'synth help COMMAND' for a command's options."})
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
    RunFailedException failed = find(e, RunFailedException.class);
    if (failed != null) {
      // Already one paragraph: what failed, where, what was kept and how to continue.
      err.println(cl.getCommandSpec().qualifiedName() + ": " + failed.getMessage());
      err.flush();
      return failed.exitCode();
    }
    SynthException user = findUserError(e);
    if (user != null) {
      err.println(cl.getCommandSpec().qualifiedName() + ": " + user.getMessage());
      err.flush();
      return user.exitCode();
    }
    // A bug outside a pipeline run: the trace goes to a file, not over the user's terminal.
    String where;
    try {
      Path log = Files.createTempFile("synth-" + cl.getCommandName() + "-error-", ".log");
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      Files.writeString(log, trace.toString());
      where = "The full trace is in " + log + ".";
    } catch (IOException | RuntimeException io) {
      where = "The trace could not be written to a file (" + io.getMessage() + ").";
    }
    err.println(cl.getCommandSpec().qualifiedName() + ": internal error (a bug; please report it with"
        + " the trace): " + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
            : ": " + e.getMessage().strip().lines().findFirst().orElse("")) + ". " + where);
    err.flush();
    return ExitCodes.INTERNAL;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
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
