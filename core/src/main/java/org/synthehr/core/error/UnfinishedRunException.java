package org.synthehr.core.error;

/**
 * An unfinished run's kept work is in the way: it exists and the user did not say whether to
 * continue it ({@code --resume}) or start over ({@code --overwrite}), or they asked to continue it
 * with a config or input it was not made from. The message names the directory and both ways out.
 */
public final class UnfinishedRunException extends SynthException {
  private static final long serialVersionUID = 1L;

  public UnfinishedRunException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return ExitCodes.USAGE;
  }
}
