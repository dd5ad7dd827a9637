package org.synthehr.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;

/**
 * Streams a CSV file (optionally gzip-compressed) with Apache Commons CSV. The first record is the
 * header. Missing files, empty files, a header without rows, duplicate or blank column names and
 * rows with the wrong number of fields are reported as {@link InvalidInputException}s that name the
 * file and the rows; ragged rows are all collected and reported together when the stream ends.
 */
public final class CsvRowSource implements RowSource {
  private static final int RAGGED_LISTED = 5;

  private final String name;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private final List<Long> raggedRows = new ArrayList<>();
  private long raggedCount;
  private long rowNumber;
  private long dataRows;

  private CsvRowSource(Path file, char delimiter) {
    this.name = file.toString();
    try {
      if (!Files.exists(file)) {
        throw new NoSuchFileException(file.toString());
      }
      InputStream in = Files.newInputStream(file);
      if (file.getFileName().toString().endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8),
          1 << 16);
      CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter)
          .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(false).get();
      this.parser = CSVParser.parse(reader, format);
      this.records = parser.iterator();
      if (!records.hasNext()) {
        parser.close();
        throw new InvalidInputException(Problem.ofInput(name,
            "the file is empty: there is no header line and no data",
            "point input.path at a CSV file whose first line names the columns"));
      }
      this.header = stripBom(records.next().toList());
      checkHeader();
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Problem.ofInput(name, "the file does not exist",
          "check input.path (relative paths are resolved from the current directory)"));
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException(Problem.ofInput(name, "cannot be read as CSV ("
          + e.getMessage() + ")", "check that the file is a readable, UTF-8 CSV file"));
    }
  }

  /** Opens a CSV file with comma delimiter. */
  public static CsvRowSource open(Path file) {
    return new CsvRowSource(file, ',');
  }

  /** Opens a CSV file with another delimiter. */
  public static CsvRowSource open(Path file, char delimiter) {
    return new CsvRowSource(file, delimiter);
  }

  private static List<String> stripBom(List<String> cells) {
    List<String> out = new ArrayList<>(cells);
    if (!out.isEmpty() && out.get(0).startsWith("\uFEFF")) {
      out.set(0, out.get(0).substring(1));
    }
    return out.stream().map(String::trim).toList();
  }

  private void checkHeader() {
    List<Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      if (h.isEmpty()) {
        problems.add(Problem.ofInput(name, "column " + (i + 1) + " of the header has no name",
            "give every column a name in the first line"));
      } else if (!seen.add(h)) {
        problems.add(Problem.ofColumn(name, h, "the header names this column twice",
            "rename one of the two columns"));
      }
    }
    if (!problems.isEmpty()) {
      close();
      throw new InvalidInputException(problems);
    }
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
    try {
      while (records.hasNext()) {
        CSVRecord record = records.next();
        rowNumber++;
        if (record.size() != header.size()) {
          if (record.size() == 1 && record.get(0).isBlank()) {
            continue;
          }
          raggedCount++;
          if (raggedRows.size() < RAGGED_LISTED) {
            raggedRows.add(rowNumber);
          }
          continue;
        }
        dataRows++;
        String[] cells = new String[header.size()];
        for (int i = 0; i < cells.length; i++) {
          cells[i] = record.get(i);
        }
        return cells;
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new InvalidInputException(Problem.ofRow(name, null, rowNumber + 1,
          "the CSV cannot be parsed here (" + e.getMessage() + ")",
          "check for an unbalanced quote (\") on this or the previous row"));
    }
    finish();
    return null;
  }

  private void finish() {
    List<Problem> problems = new ArrayList<>();
    if (raggedCount > 0) {
      problems.add(Problem.ofRow(name, null, raggedRows.get(0), raggedCount + " row(s) ("
          + String.join(", ", raggedRows.stream().map(String::valueOf).toList())
          + (raggedCount > raggedRows.size() ? ", ..." : "") + ") do not have the "
          + header.size() + " fields the header has",
          "make every row have one value per column (check for unquoted commas or a cut-off file)"));
    }
    if (dataRows == 0 && raggedCount == 0) {
      problems.add(Problem.ofInput(name, "the file has a header but no data rows",
          "point input.path at a file with data"));
    }
    if (!problems.isEmpty()) {
      close();
      throw new InvalidInputException(problems);
    }
  }

  @Override
  public long rowNumber() {
    return rowNumber;
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // Closing a reader we only read from cannot lose data; nothing to report.
    }
  }
}
