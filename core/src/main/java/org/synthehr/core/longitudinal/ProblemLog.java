package org.synthehr.core.longitudinal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;

/**
 * Collects the problems of a long input file by kind, so that a million bad rows become one line
 * naming the first rows and the count, and every kind is reported at once.
 */
final class ProblemLog {
  private static final int EXAMPLES = 3;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final List<Problem> single = new ArrayList<>();

  /** One occurrence of a kind of problem in a row. */
  void row(String source, String column, long row, String value, String what, String fix) {
    tallies.computeIfAbsent(source + '\u0000' + column + '\u0000' + what,
        k -> new Tally(source, column, what, fix)).add(row, value);
  }

  /** A problem that is reported as it is. */
  void add(Problem p) {
    single.add(p);
  }

  boolean isEmpty() {
    return tallies.isEmpty() && single.isEmpty();
  }

  /** Throws every problem collected, if any. */
  void throwIfAny() {
    if (isEmpty()) {
      return;
    }
    List<Problem> all = new ArrayList<>(single);
    tallies.values().forEach(t -> all.add(t.toProblem()));
    throw new InvalidInputException(all);
  }

  private static final class Tally {
    private final String source;
    private final String column;
    private final String what;
    private final String fix;
    private final List<String> examples = new ArrayList<>();
    private long first = -1;
    private long count;

    Tally(String source, String column, String what, String fix) {
      this.source = source;
      this.column = column;
      this.what = what;
      this.fix = fix;
    }

    void add(long row, String value) {
      if (first < 0) {
        first = row;
      }
      if (examples.size() < EXAMPLES) {
        String v = value == null ? "" : value.length() > 40 ? value.substring(0, 37) + "..." : value;
        examples.add("'" + v + "' (row " + row + ")");
      }
      count++;
    }

    Problem toProblem() {
      String more = count > examples.size() ? " and " + (count - examples.size()) + " more rows" : "";
      return Problem.ofRow(source, column, first, "value " + String.join(", ", examples) + more
          + " " + what, fix);
    }
  }
}
