package org.synthehr.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.synthehr.spark.CsvSamples.expectedNotes;
import static org.synthehr.spark.CsvSamples.notes;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.io.CsvOptions;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.table.Table;
import org.synthehr.spark.CsvSamples;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.config.SparkConfig;
import org.synthehr.spark.evaluate.TableSource;

/** The Spark ingest reads RFC 4180 CSV the way the core reader does, value for value. */
class SparkCsvIngestTest {
  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkSessions.create("csv-test", new SparkConfig("local[2]", Map.of()));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private Path write(String name, String text, Charset cs) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, text.getBytes(cs));
    return p;
  }

  private static InputConfig input(Path p, String delimiter, String encoding) {
    return new InputConfig(p.toString(), null, null, null, null, null, delimiter, encoding);
  }

  /** The note column as Spark ingests it, in file order. */
  private static List<String> sparkNotes(InputConfig in) {
    SparkIngest.Ingested ingested = SparkIngest.ingest(spark, in);
    try {
      assertEquals(12, ingested.rows());
      return ingested.text().select("note").collectAsList().stream().map(r -> r.getString(0))
          .toList();
    } finally {
      ingested.text().unpersist();
    }
  }

  private static List<String> coreNotes(InputConfig in) {
    Table t = DatasetLoader.load(in).table();
    int at = t.schema().indexOf("note");
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      out.add(t.format(r, at));
    }
    return out;
  }

  @Test
  void multiLineValueRoundTripsThroughSparkAndCore() throws IOException {
    InputConfig in = input(write("ml.csv", notes(',', "\n"), StandardCharsets.UTF_8), null, null);
    assertEquals(expectedNotes(), sparkNotes(in));
    assertEquals(expectedNotes(), coreNotes(in));
    assertTrue(sparkNotes(in).contains(CsvSamples.NOTE));
  }

  @Test
  void bomCrlfAndDetectedSemicolon() throws IOException {
    InputConfig in = input(write("semi.csv", "\uFEFF" + notes(';', "\r\n"),
        StandardCharsets.UTF_8), null, null);
    SparkIngest.Ingested ingested = SparkIngest.ingest(spark, in);
    try {
      assertTrue(ingested.schema().schema().names().contains("id"),
          "the first name has no byte order mark: " + ingested.schema().schema().names());
    } finally {
      ingested.text().unpersist();
    }
    assertEquals(expectedNotes(), sparkNotes(in));
    assertEquals(expectedNotes(), coreNotes(in));
  }

  /**
   * A CRLF inside a quoted value: the core reader keeps it as written; Spark's CSV parser
   * (univocity, which Spark gives no option for this) turns it into LF. Pinned so that a change on
   * either side is noticed; a LF inside a quoted value reads the same on both paths.
   */
  @Test
  void crlfInsideAQuotedValueIsLfInSpark() throws IOException {
    String text = notes(',', "\r\n").replace("first line\nsecond", "first line\r\nsecond");
    List<String> asWritten = expectedNotes().stream()
        .map(n -> n.replace("first line\nsecond", "first line\r\nsecond")).toList();
    InputConfig in = input(write("crlf.csv", text, StandardCharsets.UTF_8), null, null);
    assertEquals(asWritten, coreNotes(in));
    assertEquals(expectedNotes(), sparkNotes(in));
  }

  @Test
  void configuredPipeAndLatin1() throws IOException {
    String text = notes('|', "\n").replace("plain", "café");
    InputConfig in = input(write("latin.csv", text, StandardCharsets.ISO_8859_1), "|",
        "ISO-8859-1");
    List<String> expected = expectedNotes().stream().map(n -> n.replace("plain", "café"))
        .toList();
    assertEquals(expected, sparkNotes(in));
    assertEquals(expected, coreNotes(in));
  }

  @Test
  void withoutQuotedLineBreaksSparkReadsLineByLineWithTheSameSettings() throws IOException {
    // No quoted line break: Spark's splittable line reader, which must drop the BOM'd header
    // line, split CRLF lines and decode Latin-1 as the core reader does.
    String text = "id;age;note;label\r\n";
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      String note = i % 2 == 0 ? "café; \"crème\"" : "plain";
      expected.add(note);
      text += i + ";" + (30 + i) + ";" + (i % 2 == 0 ? "\"café; \"\"crème\"\"\"" : note) + ";"
          + (i % 3 == 0 ? "yes" : "no") + "\r\n";
    }
    Path bom = write("bom.csv", "\uFEFF" + text, StandardCharsets.UTF_8);
    assertFalse(SparkCsv.needsMultiLine(List.of(bom), CsvOptions.DEFAULT));
    assertEquals(expected, sparkNotes(input(bom, null, null)));
    assertEquals(expected, coreNotes(input(bom, null, null)));
    InputConfig latin = input(write("latin1.csv", text, StandardCharsets.ISO_8859_1), ";",
        "ISO-8859-1");
    assertEquals(expected, sparkNotes(latin));
    assertEquals(expected, coreNotes(latin));
  }

  @Test
  void unbalancedQuoteIsAnErrorNamingFileAndRow() throws IOException {
    Path p = write("open.csv", notes(',', "\n").replace("\n5,45,", "\n5,\"45,"),
        StandardCharsets.UTF_8);
    String err = assertThrows(InvalidInputException.class,
        () -> SparkIngest.ingest(spark, input(p, null, null))).getMessage();
    assertTrue(err.contains("open.csv, row 5: the CSV cannot be parsed from line 8 on"), err);
  }

  @Test
  void raggedRowsOfAMultiLineFileAreCounted() throws IOException {
    Path p = write("ragged.csv", notes(',', "\n") + "13,44\n14,51,x,no,extra\n",
        StandardCharsets.UTF_8);
    String err = assertThrows(InvalidInputException.class,
        () -> SparkIngest.ingest(spark, input(p, null, null))).getMessage();
    assertTrue(err.contains("ragged.csv, row 13: 2 row(s) (13, 14) do not have the 4 fields"),
        err);
  }

  @Test
  void strayQuoteInAnUnquotedFieldIsText() throws IOException {
    InputConfig in = input(write("stray.csv", notes(',', "\n").replace(",plain,", ",5\" tall,"),
        StandardCharsets.UTF_8), null, null);
    List<String> expected = expectedNotes().stream().map(n -> n.replace("plain", "5\" tall"))
        .toList();
    assertEquals(expected, coreNotes(in));
    assertEquals(expected, sparkNotes(in));
  }

  @Test
  void evaluatedCsvIsReadWithTheSameSettings() throws IOException {
    Path p = write("synthetic.csv", "\uFEFF" + notes(';', "\r\n"), StandardCharsets.UTF_8);
    Dataset<Row> ds = TableSource.open(spark, p, List.of("id", "note"), "synthetic data",
        CsvOptions.DEFAULT);
    assertEquals(expectedNotes(), ds.select("note").collectAsList().stream()
        .map(r -> r.getString(0)).toList());
    assertEquals("1", ds.first().getString(0));
  }

  @Test
  void multiLineOnlyWhereNeeded() throws IOException {
    Path plain = write("plain.csv", "a,b\n\"x, y\",2\n", StandardCharsets.UTF_8);
    Path ml = write("ml.csv", notes(',', "\n"), StandardCharsets.UTF_8);
    assertFalse(SparkCsv.needsMultiLine(List.of(plain), CsvOptions.DEFAULT));
    assertTrue(SparkCsv.needsMultiLine(List.of(plain, ml), CsvOptions.DEFAULT));
  }
}
