package org.synthehr.core.error;

/**
 * Base of every failure a user can cause and fix: bad data, bad config, an existing output.
 * The command line prints {@link #getMessage()} as one paragraph (no stack trace) and exits with
 * {@link #exitCode()}. Internal bugs are not SynthExceptions and keep their stack trace.
 */
public abstract class SynthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected SynthException(String message) {
    super(message);
  }

  protected SynthException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Process exit code for this failure family (2 usage/config, 3 bad input, 4 release gate). */
  public abstract int exitCode();
}
