package org.synthehr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.io.Json;
import org.synthehr.core.io.ParquetRowSource;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;

/** `synth pipeline` on the shipped sample, embedded Spark on local[2], as a user runs it. */
class PipelineEndToEndTest {
  @Test
  void pipelineOnTheShippedSampleWritesModelSyntheticParquetAndReport(@TempDir Path tmp)
      throws IOException {
    Path root = TestData.repoRoot();
    Path out = tmp.resolve("run");
    CliRun run = CliRun.of("pipeline", root.resolve("configs/diabetes130-sample.yaml").toString(),
        "--set", "input.path=" + root.resolve("data/diabetes130-sample.csv"),
        "--set", "input.schema=" + root.resolve("configs/diabetes130.schema.yaml"),
        "--set", "spark.master=local[2]", "--set", "output.dir=" + out);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("[6/6] wrote"), run.err());
    for (String f : List.of("model/manifest.json", "model/copula.json", "report.json",
        "config.resolved.yaml", "schema.yaml", "run.json", "synthetic/_SUCCESS")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    // The page is rendered from the report as read back from disk, with Spark's jars present:
    // every column keeps its chart (a Scala-map read-back once left "No observed values").
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(!html.contains("No observed values"), "a column chart lost its data");
    assertTrue(html.split("<svg", -1).length > 40, "charts in report.html");
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertEquals(List.of(out), siblings.toList(), "no staging or checkpoint leftovers");
    }

    // Parquet readable by a plain Parquet reader (no Spark) ...
    long rows = 0;
    List<String> header;
    try (ParquetRowSource src = ParquetRowSource.open(out.resolve("synthetic"))) {
      header = src.header();
      while (src.next() != null) {
        rows++;
      }
    }
    JsonNode report = Json.readTree(out.resolve("report.json"));
    long expected = report.get("summary").get("synthetic_rows").asLong();
    assertEquals(expected, rows);
    assertEquals(report.get("summary").get("training_rows").asLong(), expected);
    // ... and by Spark.
    SparkSession spark = SparkSession.builder().master("local[2]")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    try {
      Dataset<Row> ds = spark.read().parquet(out.resolve("synthetic").toString());
      assertEquals(expected, ds.count());
      assertEquals(header, List.of(ds.columns()));
    } finally {
      spark.stop();
    }

    // Identifiers are never modelled nor emitted.
    assertFalse(header.contains("encounter_id") || header.contains("patient_nbr"), header.toString());
    assertEquals(48, header.size());
    Table sample = TestData.diabetesSample();
    StringBuilder model = new StringBuilder();
    try (Stream<Path> files = Files.list(out.resolve("model"))) {
      for (Path f : files.toList()) {
        model.append(Files.readString(f));
      }
    }
    String text = model.toString();
    assertFalse(text.contains("encounter_id") || text.contains("patient_nbr"));
    var ids = sample.strings("patient_nbr");
    for (int r = 0; r < ids.size(); r++) {
      assertFalse(text.contains("\"" + ids.get(r) + "\""), "patient id in the model");
    }

    double overall = report.get("summary").get("overall_score").asDouble();
    assertTrue(overall > 0.85 && overall <= 1.0, "overall score " + overall);
    assertTrue(report.get("summary").has("baseline_overall_score"));
    assertTrue(report.get("summary").has("privacy.dcr.share_closer_to_training"));
  }
}
