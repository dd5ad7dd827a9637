package org.synthehr.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.table.Table;

/** CSV as RFC 4180 defines it, and the delimiters and encodings met in practice, on real files. */
class CsvRfc4180Test {
  @TempDir
  Path dir;

  private Path write(String name, String text, Charset cs) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(cs));
    return p;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text, StandardCharsets.UTF_8);
  }

  /** Every row of a file, with the header first. */
  private static List<List<String>> rows(Path p, CsvOptions options) {
    List<List<String>> out = new ArrayList<>();
    try (CsvRowSource src = CsvRowSource.open(p, options)) {
      out.add(src.header());
      String[] cells;
      while ((cells = src.next()) != null) {
        out.add(List.of(cells));
      }
    }
    return out;
  }

  @Test
  void quotedDelimitersAndDoubledQuotes() throws IOException {
    Path p = write("q.csv", "name,note\n\"Smith, J\",\"said \"\"hi\"\", left\"\nplain,x\n");
    assertEquals(List.of(List.of("name", "note"), List.of("Smith, J", "said \"hi\", left"),
        List.of("plain", "x")), rows(p, CsvOptions.DEFAULT));
  }

  @Test
  void lineBreakInsideAQuotedFieldRoundTrips() throws IOException {
    String value = "first line\nsecond, \"quoted\" line\r\n\nlast";
    String quoted = "\"" + value.replace("\"", "\"\"") + "\"";
    Path p = write("ml.csv", "id,note,n\n1," + quoted + ",5\n2,short,6\n3,x,7\n");
    List<List<String>> rows = rows(p, CsvOptions.DEFAULT);
    assertEquals(4, rows.size());
    assertEquals(value, rows.get(1).get(1));
    assertEquals(List.of("2", "short", "6"), rows.get(2));
    // Through the loader as well: the value survives inference and the typed table.
    Table t = DatasetLoader.load(InputConfig.of(p.toString())).table();
    assertEquals(3, t.rowCount());
    assertEquals(value, t.format(0, t.schema().indexOf("note")));
    try (CsvRowSource src = CsvRowSource.open(p)) {
      src.next();
      src.next();
      assertEquals(2, src.rowNumber(), "rows are records, not lines");
    }
  }

  @Test
  void byteOrderMarkIsNotPartOfTheFirstName() throws IOException {
    Path p = write("bom.csv", "\uFEFF\"id\",age\n1,40\n");
    assertEquals(List.of("id", "age"), rows(p, CsvOptions.DEFAULT).get(0));
    Path plain = write("bom2.csv", "\uFEFFid;age\n1;40\n");
    assertEquals(List.of(List.of("id", "age"), List.of("1", "40")),
        rows(plain, CsvOptions.DEFAULT));
  }

  @Test
  void crlfLineEnds() throws IOException {
    Path p = write("crlf.csv", "a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n");
    assertEquals(List.of(List.of("a", "b"), List.of("1", "x\r\ny"), List.of("3", "4")),
        rows(p, CsvOptions.DEFAULT));
  }

  @Test
  void delimiterIsDetectedFromTheHeaderLine() throws IOException {
    Path semi = write("semi.csv", "name;\"a,b\";score\n\"Smith, J\";1,5;3\n");
    assertEquals(List.of(List.of("name", "a,b", "score"), List.of("Smith, J", "1,5", "3")),
        rows(semi, CsvOptions.DEFAULT));
    assertEquals('\t', CsvOptions.DEFAULT.delimiterFor(write("t.csv", "a\tb\n1\t2\n")));
    assertEquals('|', CsvOptions.DEFAULT.delimiterFor(write("p.csv", "a|b|c\n1|2|3\n")));
    assertEquals(',', CsvOptions.DEFAULT.delimiterFor(write("one.csv", "a\n1\n")));
    assertEquals('\t', CsvOptions.DEFAULT.delimiterFor(write("x.tsv", "a,b;c\n1,2;3\n")),
        ".tsv means tab whatever the header holds");
  }

  @Test
  void configuredDelimiter() throws IOException {
    // One comma and one pipe: detection would pick the comma.
    Path p = write("pipe.csv", "name, first|score\n\"a|b, c\"|7\n");
    InputConfig in = new InputConfig(p.toString(), null, null, null, null, null, "|", null);
    assertEquals(List.of(List.of("name, first", "score"), List.of("a|b, c", "7")),
        rows(p, in.csv()));
    assertEquals("a|b, c", DatasetLoader.load(in).table().format(0, 0));
    assertEquals('\t', CsvOptions.fromConfig("\\t", null, "input").delimiter());
    assertEquals('\t', CsvOptions.fromConfig("tab", null, "input").delimiter());
  }

  @Test
  void otherEncodings() throws IOException {
    Path latin = write("latin.csv", "name,city\nJose,Zurich\nAnaïs,Besançon\n",
        StandardCharsets.ISO_8859_1);
    InputConfig in = new InputConfig(latin.toString(), null, null, null, null, null, null,
        "ISO-8859-1");
    assertEquals(List.of("Anaïs", "Besançon"), rows(latin, in.csv()).get(2));
    assertEquals("Anaïs", DatasetLoader.load(in).table().format(1, 0));
    Path cp1252 = write("win.csv", "item,price\nbook,€ 5\n", Charset.forName("windows-1252"));
    assertEquals(List.of("book", "€ 5"), rows(cp1252, CsvOptions.fromConfig(null,
        "windows-1252", "input")).get(1));
    // Read as UTF-8 (the default), the same bytes are refused, not silently damaged.
    String err = assertThrows(InvalidInputException.class,
        () -> rows(latin, CsvOptions.DEFAULT)).getMessage();
    assertTrue(err.contains("latin.csv: line 3 is not valid UTF-8 text"), err);
    assertTrue(err.contains("set input.encoding"), err);
  }

  @Test
  void unbalancedQuoteNamesFileRowAndLine() throws IOException {
    Path p = write("open.csv", "a,b\n1,2\n\"3,4\n5,6\n");
    String err = assertThrows(InvalidInputException.class,
        () -> rows(p, CsvOptions.DEFAULT)).getMessage();
    assertTrue(err.contains("open.csv, row 2: the CSV cannot be parsed from line 3 on"), err);
    assertTrue(err.contains("unbalanced quote"), err);
  }

  @Test
  void badSettingsAreConfigErrorsNamingTheKey() {
    String enc = assertThrows(InvalidConfigException.class, () -> new InputConfig("x.csv", null,
        null, null, null, null, null, "no-such-charset")).getMessage();
    assertTrue(enc.contains("input.encoding 'no-such-charset' is not a character encoding"), enc);
    String sep = assertThrows(InvalidConfigException.class, () -> new InputConfig("x.csv", null,
        null, null, null, null, ";;", null)).getMessage();
    assertTrue(sep.contains("input.delimiter ';;' is not a delimiter"), sep);
    assertNull(InputConfig.of("x.csv").csv().delimiter());
    assertEquals(StandardCharsets.UTF_8, InputConfig.of("x.csv").csv().encoding());
  }

  @Test
  void quotedLineBreakScan() throws IOException {
    assertTrue(CsvDialect.hasQuotedLineBreak(write("a.csv", "a,b\n1,\"x\ny\"\n"),
        CsvOptions.DEFAULT));
    assertFalse(CsvDialect.hasQuotedLineBreak(write("b.csv", "a,b\n\"1,\"\"2\",\"y\"\n"),
        CsvOptions.DEFAULT));
    // A stray quote inside an unquoted field is text, not the start of a quoted field.
    assertFalse(CsvDialect.hasQuotedLineBreak(write("c.csv", "a,b\n5\" tall,2\n3,4\n"),
        CsvOptions.DEFAULT));
    assertArrayEquals(new char[] {',', ';', '\t', '|'}, CsvOptions.CANDIDATES);
  }
}
