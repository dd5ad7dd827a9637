package org.synthehr.core.error;

import java.util.List;

/**
 * The input data, schema file or model directory is not usable. Carries every problem found, so the
 * user fixes them all in one go rather than one per run.
 */
public final class InvalidInputException extends SynthException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_LISTED = 20;

  private final transient List<Problem> problems;

  /** One problem. */
  public InvalidInputException(Problem problem) {
    this(List.of(problem));
  }

  /** Several problems found together. */
  public InvalidInputException(List<Problem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  @Override
  public int exitCode() {
    return ExitCodes.BAD_INPUT;
  }

  private static String format(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0).describe() + ".";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(problems.size()).append(" problems with the input:");
    problems.stream().limit(MAX_LISTED).forEach(p -> sb.append("\n  - ").append(p.describe()).append('.'));
    if (problems.size() > MAX_LISTED) {
      sb.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more of the same kinds.");
    }
    return sb.toString();
  }
}
