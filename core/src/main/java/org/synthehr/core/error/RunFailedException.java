package org.synthehr.core.error;

/**
 * A run failed part-way and its message already says everything the user needs in one paragraph:
 * what failed and in which stage, what was kept, where a full trace was written (for bugs), and the
 * command that continues the run. The command line prints {@link #getMessage()} as it is, without a
 * stack trace, and exits with {@link #exitCode()}: the wrapped user error's code, or
 * {@link ExitCodes#INTERNAL} for a bug.
 */
public final class RunFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  /**
   * A failure.
   *
   * @param message the whole paragraph shown to the user
   * @param exitCode the process exit code
   * @param cause what failed (kept for embedding callers and tests)
   */
  public RunFailedException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code. */
  public int exitCode() {
    return exitCode;
  }
}
