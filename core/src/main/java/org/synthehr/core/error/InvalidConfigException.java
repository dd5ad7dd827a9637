package org.synthehr.core.error;

/** A job config, schema file or release policy cannot be used as written; the message names the key. */
public final class InvalidConfigException extends SynthException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }

  public InvalidConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return ExitCodes.USAGE;
  }
}
