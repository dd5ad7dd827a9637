package org.synthehr.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;

/**
 * Streams a CSV file (optionally gzip-compressed) as RFC 4180 defines it, with Apache Commons CSV:
 * quoted fields may hold delimiters, doubled quotes and line breaks; CRLF or LF line ends; a byte
 * order mark is dropped; the delimiter and encoding come from {@link CsvOptions}. The first record
 * is the header. Missing files, empty files, undecodable bytes, an unbalanced quote, a header
 * without rows, duplicate or blank column names and rows with the wrong number of fields are
 * reported as {@link InvalidInputException}s that name the file and the rows; ragged rows are all
 * collected and reported together when the stream ends.
 */
public final class CsvRowSource implements RowSource {
  private static final int RAGGED_LISTED = 5;

  private final String name;
  private final Path file;
  private final Charset encoding;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private final List<Long> raggedRows = new ArrayList<>();
  private long raggedCount;
  private long rowNumber;
  private long dataRows;

  private CsvRowSource(Path file, CsvOptions options) {
    this.name = file.toString();
    this.file = file;
    this.encoding = options.encoding();
    CSVParser opened = null;
    try {
      if (!Files.exists(file)) {
        throw new NoSuchFileException(file.toString());
      }
      CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(options.delimiterFor(file))
          .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(false).get();
      opened = CSVParser.parse(CsvDialect.reader(file, encoding), format);
      this.parser = opened;
      this.records = opened.iterator();
      if (!records.hasNext()) {
        opened.close();
        throw new InvalidInputException(Problem.ofInput(name,
            "the file is empty: there is no header line and no data",
            "point input.path at a CSV file whose first line names the columns"));
      }
      this.header = trimmed(records.next().toList());
      checkHeader();
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Problem.ofInput(name, "the file does not exist",
          "check input.path (relative paths are resolved from the current directory)"));
    } catch (IOException | UncheckedIOException e) {
      closeQuietly(opened);
      if (decodingError(e)) {
        throw notDecodable(file);
      }
      throw new InvalidInputException(Problem.ofInput(name, "cannot be read as CSV ("
          + e.getMessage() + ")", "check that the file is a readable " + encoding.name()
          + " CSV file (set input.encoding for another encoding)"));
    }
  }

  /** Opens a CSV file, UTF-8, with the delimiter detected from the header line. */
  public static CsvRowSource open(Path file) {
    return new CsvRowSource(file, CsvOptions.DEFAULT);
  }

  /** Opens a UTF-8 CSV file with the given delimiter. */
  public static CsvRowSource open(Path file, char delimiter) {
    return new CsvRowSource(file, new CsvOptions(delimiter, StandardCharsets.UTF_8));
  }

  /** Opens a CSV file with the given delimiter (or detection) and encoding. */
  public static CsvRowSource open(Path file, CsvOptions options) {
    return new CsvRowSource(file, options);
  }

  private static boolean decodingError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CharacterCodingException) {
        return true;
      }
    }
    return false;
  }

  private InvalidInputException notDecodable(Path file) {
    return CsvDialect.notDecodable(file, encoding);
  }

  /** The parser's own words, without exception class names or the line it started on. */
  private static String reason(Throwable e) {
    Throwable root = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String text = String.valueOf(root.getMessage());
    return text.replaceFirst("^\\(startline \\d+\\)\\s*", "");
  }

  private static void closeQuietly(CSVParser p) {
    try {
      if (p != null) {
        p.close();
      }
    } catch (IOException e) {
      // Already failing with a clearer error; a reader we only read from loses nothing.
    }
  }

  /** Header names without surrounding spaces (the byte order mark is already gone). */
  private static List<String> trimmed(List<String> cells) {
    return cells.stream().map(String::trim).toList();
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
    long startLine = parser.getCurrentLineNumber() + 1;
    try {
      while (records.hasNext()) {
        CSVRecord record = records.next();
        rowNumber++;
        startLine = parser.getCurrentLineNumber() + 1;
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
      close();
      if (decodingError(e)) {
        throw notDecodable(file);
      }
      throw new InvalidInputException(Problem.ofRow(name, null, rowNumber + 1,
          "the CSV cannot be parsed from line " + startLine + " on (" + reason(e) + ")",
          "check for an unbalanced quote (\"): a quoted field must end with a quote, and a quote"
              + " inside it must be doubled (\"\")"));
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
    // Closing a reader we only read from cannot lose data; nothing to report.
    closeQuietly(parser);
  }
}
