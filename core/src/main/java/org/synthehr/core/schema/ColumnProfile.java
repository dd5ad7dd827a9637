package org.synthehr.core.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.synthehr.core.table.Values;

/**
 * Statistics of one column's raw text cells, gathered in one pass and mergeable, so that each Spark
 * partition (or each CSV chunk) profiles its rows and the driver merges the partial profiles. Schema
 * inference and validation read only profiles, never rows.
 */
public final class ColumnProfile implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Distinct values tracked exactly; beyond this the column is "high cardinality". */
  public static final int DISTINCT_CAP = 10_000;
  private static final int EXAMPLES = 3;
  /** Distinct units tracked: a column with more is not "numbers with a unit". */
  private static final int MAX_UNITS = 3;

  private final String name;
  private final Set<String> missingTokens;
  private long rows;
  private long missing;
  private long numeric;
  private long integral;
  private long booleanTokens;
  private long dates;
  private long dateOnly;
  private long withSpaces;
  private long totalLength;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private boolean overflow;
  private long withUnit;
  private long withUnitIntegral;
  private final HashMap<String, Long> units = new HashMap<>();
  private final HashMap<String, Long> counts = new HashMap<>();
  private final ArrayList<String> nonNumericExamples = new ArrayList<>();

  /**
   * @param name column name
   * @param missingTokens cell values meaning "missing" (the empty string always does)
   */
  public ColumnProfile(String name, Collection<String> missingTokens) {
    this.name = name;
    this.missingTokens = Set.copyOf(missingTokens);
  }

  /** Adds one raw cell (null allowed). */
  public void add(String raw) {
    rows++;
    if (Values.isMissing(raw, missingTokens)) {
      missing++;
      return;
    }
    String v = raw.trim();
    totalLength += v.length();
    if (v.indexOf(' ') >= 0) {
      withSpaces++;
    }
    if (Values.booleanToken(v) != null) {
      booleanTokens++;
    }
    try {
      double d = Values.parseNumber(v);
      numeric++;
      if (d == Math.rint(d)) {
        integral++;
      }
      min = Math.min(min, d);
      max = Math.max(max, d);
    } catch (NumberFormatException e) {
      if (nonNumericExamples.size() < EXAMPLES && !nonNumericExamples.contains(v)) {
        nonNumericExamples.add(v);
      }
      String unit = Values.unitOf(v);
      if (unit != null && units.size() <= MAX_UNITS) {
        withUnit++;
        units.merge(unit, 1L, Long::sum);
        double d = Values.parseNumber(v, unit);
        if (d == Math.rint(d)) {
          withUnitIntegral++;
        }
      }
      if (looksLikeDate(v) && Values.isDateTime(v)) {
        dates++;
        if (v.length() == 10) {
          dateOnly++;
        }
      }
    }
    if (!overflow) {
      counts.merge(v, 1L, Long::sum);
      if (counts.size() > DISTINCT_CAP) {
        overflow = true;
        counts.clear();
      }
    }
  }

  /** Folds another profile of the same column (e.g. another partition) into this one. */
  public ColumnProfile merge(ColumnProfile other) {
    if (!name.equals(other.name)) {
      throw new IllegalArgumentException("cannot merge profiles of " + name + " and " + other.name);
    }
    rows += other.rows;
    missing += other.missing;
    numeric += other.numeric;
    integral += other.integral;
    booleanTokens += other.booleanTokens;
    dates += other.dates;
    dateOnly += other.dateOnly;
    withSpaces += other.withSpaces;
    totalLength += other.totalLength;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    withUnit += other.withUnit;
    withUnitIntegral += other.withUnitIntegral;
    other.units.forEach((k, v) -> units.merge(k, v, Long::sum));
    for (String e : other.nonNumericExamples) {
      if (nonNumericExamples.size() < EXAMPLES && !nonNumericExamples.contains(e)) {
        nonNumericExamples.add(e);
      }
    }
    if (overflow || other.overflow) {
      overflow = true;
      counts.clear();
    } else {
      other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
      if (counts.size() > DISTINCT_CAP) {
        overflow = true;
        counts.clear();
      }
    }
    return this;
  }

  private static boolean looksLikeDate(String v) {
    return v.length() >= 10 && Character.isDigit(v.charAt(0)) && v.charAt(4) == '-';
  }

  public String name() {
    return name;
  }

  /** Rows seen. */
  public long rows() {
    return rows;
  }

  /** Rows whose cell was missing. */
  public long missing() {
    return missing;
  }

  /** Rows with a value. */
  public long present() {
    return rows - missing;
  }

  /** Present cells that parse as finite numbers. */
  public long numeric() {
    return numeric;
  }

  /** Present cells that are whole numbers. */
  public long integral() {
    return integral;
  }

  /** Present cells that are yes/no style tokens. */
  public long booleanTokens() {
    return booleanTokens;
  }

  /** Present cells that are ISO dates or date-times. */
  public long dates() {
    return dates;
  }

  /** Present cells that are ISO dates without time. */
  public long dateOnly() {
    return dateOnly;
  }

  /** Present cells containing a space. */
  public long withSpaces() {
    return withSpaces;
  }

  /** Mean length of present cells. */
  public double meanLength() {
    return present() == 0 ? 0 : (double) totalLength / present();
  }

  /** Smallest numeric value (infinite if none). */
  public double min() {
    return min;
  }

  /** Largest numeric value (infinite if none). */
  public double max() {
    return max;
  }

  /** Whether more than {@link #DISTINCT_CAP} distinct values were seen. */
  public boolean highCardinality() {
    return overflow;
  }

  /** Number of distinct present values (a lower bound, {@link #DISTINCT_CAP}+1, if high cardinality). */
  public long distinct() {
    return overflow ? DISTINCT_CAP + 1L : counts.size();
  }

  /** Counts per distinct value (empty if high cardinality). */
  public Map<String, Long> valueCounts() {
    return new LinkedHashMap<>(counts);
  }

  /** Up to three present values that are not numbers. */
  public List<String> nonNumericExamples() {
    return List.copyOf(nonNumericExamples);
  }

  /**
   * The one unit that every present value not a plain number is written with ({@code "70 kg"}),
   * or null when there is none, several, or some value is neither.
   */
  public String unit() {
    if (units.size() != 1 || withUnit == 0 || numeric + withUnit != present()) {
      return null;
    }
    return units.keySet().iterator().next();
  }

  /** Present values that are whole numbers, with or without the column's unit. */
  public long integralWithUnit() {
    return integral + withUnitIntegral;
  }
}
