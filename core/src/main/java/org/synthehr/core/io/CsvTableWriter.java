package org.synthehr.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.synthehr.core.table.Table;

/** Writes a table as CSV with a header, values formatted as {@link Table#format} does. */
public final class CsvTableWriter {
  private CsvTableWriter() {}

  /** Writes the table to a file (replacing it). */
  public static void write(Table table, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
            .setRecordSeparator('\n').get())) {
      printer.printRecord(table.schema().names());
      String[] row = new String[table.columnCount()];
      for (int r = 0; r < table.rowCount(); r++) {
        for (int c = 0; c < row.length; c++) {
          row[c] = table.format(r, c);
        }
        printer.printRecord((Object[]) row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
