package org.synthehr.core.error;

import java.nio.file.Path;

/** The output directory already exists and the user did not ask to overwrite it. */
public final class OutputExistsException extends SynthException {
  private static final long serialVersionUID = 1L;

  public OutputExistsException(Path output) {
    this(output.toString());
  }

  /** For an output named by a path or URI (any filesystem). */
  public OutputExistsException(String output) {
    super("Output directory " + output + " already exists and was left untouched. Fix: choose another"
        + " output.dir (e.g. --set output.dir=" + output + "-2) or pass --overwrite to replace it.");
  }

  @Override
  public int exitCode() {
    return ExitCodes.USAGE;
  }
}
