package org.synthehr.core.longitudinal;

import java.util.List;
import org.synthehr.core.io.RowSource;

/** Rows already in memory, read through the {@link RowSource} interface (for shared parsing). */
final class ListRowSource implements RowSource {
  private final String name;
  private final List<String> header;
  private final List<String[]> rows;
  private final long[] rowNumbers;
  private int next;

  ListRowSource(String name, List<String> header, List<String[]> rows, long[] rowNumbers) {
    this.name = name;
    this.header = List.copyOf(header);
    this.rows = rows;
    this.rowNumbers = rowNumbers;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public String[] next() {
    return next < rows.size() ? rows.get(next++) : null;
  }

  @Override
  public long rowNumber() {
    return next == 0 ? 0 : rowNumbers[next - 1];
  }

  @Override
  public void close() {}
}
