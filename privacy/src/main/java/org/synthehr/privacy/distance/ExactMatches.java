package org.synthehr.privacy.distance;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.synthehr.core.table.Table;

/** Synthetic rows that are exact copies of a training row (over the modelled columns). */
public final class ExactMatches {
  private ExactMatches() {}

  /** The share of {@code candidate} rows identical to some row of {@code training}. */
  public static double rate(Table training, Table candidate) {
    if (candidate.rowCount() == 0) {
      return 0.0;
    }
    return (double) count(training, candidate) / candidate.rowCount();
  }

  /** The number of {@code candidate} rows identical to some row of {@code training}. */
  public static long count(Table training, Table candidate) {
    List<String> columns = training.schema().modelled().names();
    Table t = training.select(columns);
    Table c = candidate.select(columns);
    Set<String> keys = new HashSet<>(t.rowCount() * 2);
    for (int r = 0; r < t.rowCount(); r++) {
      keys.add(key(t, r));
    }
    long hits = 0;
    for (int r = 0; r < c.rowCount(); r++) {
      if (keys.contains(key(c, r))) {
        hits++;
      }
    }
    return hits;
  }

  /** The row as one string with unambiguous separators (missing cells marked). */
  static String key(Table t, int row) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < t.columnCount(); c++) {
      String v = t.column(c).isMissing(row) ? "\u0001" : t.format(row, c);
      sb.append(v).append('\u0000');
    }
    return sb.toString();
  }
}
