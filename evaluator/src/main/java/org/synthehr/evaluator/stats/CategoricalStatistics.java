package org.synthehr.evaluator.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics of a discrete column under a {@link CategoricalPlan}: count per real category, missing
 * rows, and values outside the real dictionary ("invented"), with the text of the first
 * {@value #INVENTED_LISTED} distinct ones kept for the report.
 */
public final class CategoricalStatistics implements ColumnStatistics {
  private static final long serialVersionUID = 1L;
  /** Distinct invented values whose counts are kept by name. */
  public static final int INVENTED_LISTED = 200;

  private final long[] counts;
  private final Map<String, Long> inventedValues = new LinkedHashMap<>();
  private long rows;
  private long missing;
  private long invented;

  CategoricalStatistics(int categories) {
    counts = new long[categories];
  }

  /** Counts a value by plan code ({@link CategoricalPlan#MISSING} or a dictionary index). */
  public void add(int code) {
    rows++;
    if (code == CategoricalPlan.MISSING) {
      missing++;
    } else {
      counts[code]++;
    }
  }

  /** Counts a value outside the real dictionary. */
  public void addInvented(String value) {
    rows++;
    invented++;
    Long c = inventedValues.get(value);
    if (c != null) {
      inventedValues.put(value, c + 1);
    } else if (inventedValues.size() < INVENTED_LISTED) {
      inventedValues.put(value, 1L);
    }
  }

  @Override
  public void merge(ColumnStatistics other) {
    CategoricalStatistics o = (CategoricalStatistics) other;
    for (int i = 0; i < counts.length; i++) {
      counts[i] += o.counts[i];
    }
    rows += o.rows;
    missing += o.missing;
    invented += o.invented;
    o.inventedValues.forEach((k, v) -> {
      Long c = inventedValues.get(k);
      if (c != null) {
        inventedValues.put(k, c + v);
      } else if (inventedValues.size() < INVENTED_LISTED) {
        inventedValues.put(k, v);
      }
    });
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public long missing() {
    return missing;
  }

  /** Count of a real category. */
  public long count(int code) {
    return counts[code];
  }

  /** A copy of the counts per real category. */
  public long[] counts() {
    return counts.clone();
  }

  /** Rows with a value outside the real dictionary. */
  public long invented() {
    return invented;
  }

  /** Rows with an observed value (real or invented categories). */
  public long observed() {
    return rows - missing;
  }

  /** Counts of the invented values kept by name (a lower bound per value once merged). */
  public Map<String, Long> inventedValues() {
    return Map.copyOf(inventedValues);
  }
}
