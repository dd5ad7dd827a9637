package org.synthehr.core.table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.StorageType;

/**
 * Parsing and formatting of cell values, shared by every reader and writer so that CSV, Parquet and
 * Spark agree on what a value means. Datetimes are seconds since the epoch, in UTC.
 */
public final class Values {
  private static final java.util.regex.Pattern INTEGRAL_DOUBLE =
      java.util.regex.Pattern.compile("-?\\d+\\.0+");
  /** A number, optional space, then a unit that starts with a letter, %, ° or µ. */
  private static final java.util.regex.Pattern WITH_UNIT = java.util.regex.Pattern.compile(
      "([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([A-Za-z%\u00b0\u00b5][A-Za-z0-9%\u00b0\u00b5/.^*]*)");
  private static final Set<String> TRUE_TOKENS = Set.of("true", "t", "yes", "y", "1");
  private static final Set<String> FALSE_TOKENS = Set.of("false", "f", "no", "n", "0");
  private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .toFormatter(Locale.ROOT);
  private static final DateTimeFormatter TIMESTAMP_OUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Values() {}

  /** True when the raw cell is absent: null, blank, or one of the missing-value tokens. */
  public static boolean isMissing(String raw, Collection<String> missingTokens) {
    if (raw == null) {
      return true;
    }
    String t = raw.trim();
    return t.isEmpty() || missingTokens.contains(t);
  }

  /** Parses a number; throws NumberFormatException for anything else (including NaN/Infinity). */
  public static double parseNumber(String raw) {
    String t = raw.trim();
    double v = Double.parseDouble(t);
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new NumberFormatException("not a finite number: " + raw);
    }
    return v;
  }

  /** Whether the text is a finite number. */
  public static boolean isNumber(String raw) {
    try {
      parseNumber(raw);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * A category as text: integer codes written as floating-point numbers ({@code 2.0}, as a tool
   * that stores codes as doubles writes them) become the integer ({@code 2}), so an integer-coded
   * category means the same from every source; any other text is kept as it is (trimmed).
   */
  public static String canonicalCode(String raw) {
    String t = raw.trim();
    return INTEGRAL_DOUBLE.matcher(t).matches() ? t.substring(0, t.indexOf('.')) : t;
  }

  /**
   * The unit of a number written with one ({@code "12.5 mg/dL"} gives {@code "mg/dL"}), or null
   * when the text is not a number followed by a unit.
   */
  public static String unitOf(String raw) {
    java.util.regex.Matcher m = WITH_UNIT.matcher(raw.trim());
    if (!m.matches()) {
      return null;
    }
    String unit = m.group(2);
    // "2A" or "3B" are codes, not 2 amperes: a one-letter unit needs a space ("5 g"); "%" does not.
    boolean spaced = raw.trim().length() > m.group(1).length() + unit.length();
    return unit.length() >= 2 || spaced || unit.equals("%") ? unit : null;
  }

  /**
   * The number of a cell written with or without the given unit ({@code "70 kg"} and {@code "70"}
   * both give 70 for unit {@code kg}); throws NumberFormatException for another unit or text.
   */
  public static double parseNumber(String raw, String unit) {
    if (unit != null) {
      java.util.regex.Matcher m = WITH_UNIT.matcher(raw.trim());
      if (m.matches() && m.group(2).equals(unit)) {
        return parseNumber(m.group(1));
      }
    }
    return parseNumber(raw);
  }

  /** The boolean meaning of a token (true/false, yes/no, y/n, t/f, 1/0), or null if none. */
  public static Boolean booleanToken(String raw) {
    String t = raw.trim().toLowerCase(Locale.ROOT);
    if (TRUE_TOKENS.contains(t)) {
      return Boolean.TRUE;
    }
    if (FALSE_TOKENS.contains(t)) {
      return Boolean.FALSE;
    }
    return null;
  }

  /**
   * Parses an ISO date ({@code 2020-01-31}), local date-time ({@code 2020-01-31 10:00[:00]}, with
   * 'T' or space) or offset date-time, to seconds since the epoch (UTC); throws
   * DateTimeParseException otherwise.
   */
  public static double parseDateTime(String raw) {
    String t = raw.trim();
    if (t.length() == 10) {
      return LocalDate.parse(t).toEpochDay() * 86_400.0;
    }
    try {
      LocalDateTime ldt = LocalDateTime.parse(t, LOCAL_DATE_TIME);
      return ldt.toEpochSecond(ZoneOffset.UTC) + ldt.getNano() / 1e9;
    } catch (DateTimeParseException e) {
      OffsetDateTime odt = OffsetDateTime.parse(t);
      return odt.toEpochSecond() + odt.getNano() / 1e9;
    }
  }

  /** Whether the text is a date or date-time this class can parse. */
  public static boolean isDateTime(String raw) {
    try {
      parseDateTime(raw);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Whether the text is a date without time of day. */
  public static boolean isDateOnly(String raw) {
    String t = raw.trim();
    return t.length() == 10 && isDateTime(t);
  }

  /** Formats a numeric cell for text output according to its kind and storage. */
  public static String formatNumber(double v, ColumnKind kind, StorageType storage) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (kind == ColumnKind.DATETIME) {
      long seconds = Math.round(v);
      if (storage == StorageType.DATE) {
        return LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L)).toString();
      }
      return TIMESTAMP_OUT.format(Instant.ofEpochSecond(seconds));
    }
    if (kind == ColumnKind.INTEGER || storage == StorageType.INT64) {
      return Long.toString(Math.round(v));
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
