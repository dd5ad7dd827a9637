package org.synthehr.core.error;

/**
 * One thing wrong with an input, located as precisely as known, with the fix.
 *
 * @param source the file (or config key prefix) the problem is in, or null
 * @param column the column concerned, or null when the problem is not about one column
 * @param row the 1-based data row (header excluded), or null when not about one row
 * @param what what is wrong, in plain words
 * @param fix how to fix it
 */
public record Problem(String source, String column, Long row, String what, String fix) {

  /** A problem about a whole column. */
  public static Problem ofColumn(String source, String column, String what, String fix) {
    return new Problem(source, column, null, what, fix);
  }

  /** A problem about one row (and possibly one column). */
  public static Problem ofRow(String source, String column, long row, String what, String fix) {
    return new Problem(source, column, row, what, fix);
  }

  /** A problem about the whole input. */
  public static Problem ofInput(String source, String what, String fix) {
    return new Problem(source, null, null, what, fix);
  }

  /** "file, column 'x', row 12: what. Fix: fix." */
  public String describe() {
    StringBuilder where = new StringBuilder();
    if (source != null) {
      where.append(source);
    }
    if (column != null) {
      where.append(where.length() > 0 ? ", " : "").append("column '").append(column).append('\'');
    }
    if (row != null) {
      where.append(where.length() > 0 ? ", " : "").append("row ").append(row);
    }
    String prefix = where.length() > 0 ? where + ": " : "";
    return prefix + what + (fix == null || fix.isBlank() ? "" : ". Fix: " + fix);
  }
}
