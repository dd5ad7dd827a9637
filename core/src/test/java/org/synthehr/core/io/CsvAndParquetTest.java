package org.synthehr.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;

class CsvAndParquetTest {
  @TempDir
  Path dir;

  private Path csv(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static String loadError(Path p) {
    return assertThrows(InvalidInputException.class,
        () -> DatasetLoader.load(InputConfig.of(p.toString()))).getMessage();
  }

  @Test
  void clearErrorsForBrokenFiles() throws IOException {
    assertTrue(loadError(dir.resolve("nope.csv")).contains("nope.csv: the file does not exist"));
    assertTrue(loadError(csv("empty.csv", "")).contains("the file is empty"));
    assertTrue(loadError(csv("header.csv", "a,b\n")).contains("header but no data rows"));
    String ragged = loadError(csv("ragged.csv", "a,b\n1,2\n3\n4,5,6\n7,8\n"));
    assertTrue(ragged.contains("2 row(s) (2, 3) do not have the 2 fields the header has"), ragged);
    String dup = loadError(csv("dup.csv", "a,a\n1,2\n"));
    assertTrue(dup.contains("the header names this column twice"), dup);
    String allMissing = loadError(csv("allna.csv", "a,b\n1,\n2,\n3,\n"));
    assertTrue(allMissing.contains("column 'b': every one of its 3 values is missing"), allMissing);
  }

  @Test
  void readsQuotedFieldsGzipAndMissingTokens(@TempDir Path d) throws IOException {
    Path p = csv("q.csv", "name,score\n\"Smith, J\",3\n\"say \"\"hi\"\"\",?\nplain,5\nother,8\n");
    InputConfig in = new InputConfig(p.toString(), null, List.of("?"), List.of(), null, null);
    Table t = DatasetLoader.load(in).table();
    assertEquals(4, t.rowCount());
    assertEquals("Smith, J", t.format(0, 0));
    assertEquals("say \"hi\"", t.format(1, 0));
    assertTrue(t.numeric("score").isMissing(1));
    Path gz = d.resolve("q.csv.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(p));
    }
    assertEquals(4, DatasetLoader.load(in.withPath(gz.toString())).table().rowCount());
  }

  @Test
  void sampleRoundTripsThroughCsvAndParquet() {
    DatasetLoader.Loaded loaded = DatasetLoader.load(TestData.diabetesInput());
    Table real = loaded.table();
    assertEquals(3003, real.rowCount());
    assertEquals(ColumnKind.ORDINAL, real.schema().column("age").kind());
    assertEquals("readmitted", real.schema().label());
    assertEquals("patient_nbr", real.schema().entityKey());
    assertEquals(real.rowCount() - 56, real.numeric("time_in_hospital").size() - 56);

    Path csvOut = dir.resolve("out.csv");
    CsvTableWriter.write(real, csvOut);
    Path pq = dir.resolve("out.parquet");
    ParquetTableWriter.write(real, pq);
    for (Path p : List.of(csvOut, pq)) {
      Table back;
      try (RowSource rows = DataFormat.open(p)) {
        back = DatasetLoader.read(rows, real.schema());
      }
      assertEquals(real.rowCount(), back.rowCount());
      for (String c : List.of("race", "age", "weight", "time_in_hospital", "diag_1", "readmitted",
          "encounter_id")) {
        for (int r = 0; r < real.rowCount(); r++) {
          assertEquals(real.format(r, real.schema().indexOf(c)),
              back.format(r, back.schema().indexOf(c)), p + " " + c + " row " + r);
        }
      }
    }
  }
}
