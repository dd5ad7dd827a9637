package org.synthehr.core.error;

/** The process exit codes of the {@code synth} command, one per failure family. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /**
   * An internal error (a bug): reported in one paragraph naming the file that holds its stack trace.
   */
  public static final int INTERNAL = 1;
  /**
   * Bad command line, bad config, an output that already exists, an unfinished run in the way, or
   * {@code --resume} with a config or input the unfinished run was not made from.
   */
  public static final int USAGE = 2;
  /** Bad input data, schema or model directory. */
  public static final int BAD_INPUT = 3;
  /** A release policy was evaluated and failed. */
  public static final int RELEASE_GATE_FAILED = 4;

  private ExitCodes() {}
}
