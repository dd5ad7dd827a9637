package org.synthehr.privacy.policy;

import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.error.SynthException;

/**
 * A release policy was evaluated and failed: the outputs (with the failing rows in report.json) are
 * written for the steward to inspect, and the command exits with
 * {@link ExitCodes#RELEASE_GATE_FAILED}.
 */
public final class ReleaseGateException extends SynthException {
  private static final long serialVersionUID = 1L;

  public ReleaseGateException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return ExitCodes.RELEASE_GATE_FAILED;
  }
}
