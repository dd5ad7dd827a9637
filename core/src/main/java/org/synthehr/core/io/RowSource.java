package org.synthehr.core.io;

import java.util.List;

/**
 * Rows of text cells from a file, in file order, with their row numbers. Every input format is read
 * through this interface so that parsing, profiling and validation are shared.
 */
public interface RowSource extends AutoCloseable {
  /** What the rows come from (a file name), used in problem reports. */
  String name();

  /** Column names, in order. */
  List<String> header();

  /**
   * The next row's cells (null for an absent value), or null at the end. A row whose cell count
   * differs from the header's is reported by the source, not returned.
   */
  String[] next();

  /** 1-based data row number of the row last returned by {@link #next()} (header excluded). */
  long rowNumber();

  @Override
  void close();
}
