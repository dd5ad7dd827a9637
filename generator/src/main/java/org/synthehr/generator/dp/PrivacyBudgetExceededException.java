package org.synthehr.generator.dp;

import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.error.SynthException;

/**
 * A differentially private training was asked to run longer than its epsilon budget allows; the
 * message says how long it may run and what to change.
 */
public final class PrivacyBudgetExceededException extends SynthException {
  private static final long serialVersionUID = 1L;

  public PrivacyBudgetExceededException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return ExitCodes.USAGE;
  }
}
