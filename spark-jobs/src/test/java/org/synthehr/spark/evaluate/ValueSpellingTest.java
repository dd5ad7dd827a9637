package org.synthehr.spark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.io.Json;
import org.synthehr.core.io.ParquetRowSource;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.spark.CliRun;

/**
 * The figures compare meanings, never spellings. A table whose flags are 0/1 (inferred boolean)
 * goes through the pipeline; its synthetic Parquet keeps 0/1 as integers; another tool's output
 * that spells the flags true/false scores exactly as the same rows spelled 0/1; and a synthetic
 * file that spells a category differently is an error naming the column and both spellings.
 */
class ValueSpellingTest {
  private static final List<String> COLUMNS = List.of("patient_nbr", "race", "gender", "age",
      "time_in_hospital", "num_lab_procedures", "num_medications", "number_inpatient",
      "A1Cresult", "insulin", "change", "diabetesMed", "readmitted");
  private static final String[] SMALL = {"--set", "evaluate.bootstrap=30",
      "--set", "evaluate.detection.max_rows=600", "--set", "evaluate.support.max_rows=300",
      "--set", "evaluate.utility.importance_rows=100", "--set", "spark.master=local[2]",
      "--quiet"};

  @TempDir
  static Path dir;
  private static Path config;
  private static Path output;

  /** The diabetes sample with its yes/no flags spelled 1/0 and the outcome as a 0/1 flag. */
  @BeforeAll
  static void runPipeline() throws IOException {
    Table real = TestData.diabetesSample().select(COLUMNS);
    Path csv = dir.resolve("flags.csv");
    write(real, csv, (c, v) -> switch (c) {
      case "diabetesMed" -> v.equals("Yes") ? "1" : "0";
      case "change" -> v.equals("Ch") ? "1" : "0";
      case "readmitted" -> v.equals("<30") ? "1" : "0";
      default -> v;
    });
    output = dir.resolve("run");
    config = dir.resolve("flags.yaml");
    Files.writeString(config, String.join("\n",
        "seed: 7",
        "input: {path: " + csv + ", entity_key: patient_nbr, label: readmitted}",
        "evaluate: {utility: {positive: [\"true\"]}}",
        "output: {dir: " + output + "}", ""));
    CliRun run = CliRun.of(concat(new String[] {"pipeline", config.toString()}, SMALL));
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void flagsAreInferredBooleanAndTheSyntheticParquetKeepsTheirIntegers() throws IOException {
    try (ParquetRowSource src = ParquetRowSource.open(output.resolve("synthetic"))) {
      int col = src.header().indexOf("diabetesMed");
      String[] row;
      java.util.Set<String> seen = new java.util.TreeSet<>();
      while ((row = src.next()) != null) {
        seen.add(row[col]);
      }
      assertEquals(java.util.Set.of("0", "1"), seen);
    }
    String schema = Files.readString(output.resolve("schema.yaml"));
    assertTrue(schema.contains("diabetesMed") && schema.contains("boolean"), schema);
    Map<String, Double> m = metrics(output.resolve("report.json"));
    assertTrue(m.get("fidelity.detection.auc") < 0.9, "detection " + m);
    assertTrue(m.get("utility.logistic.tstr.auc") > 0.52, "TSTR " + m);
  }

  @Test
  void anotherToolsTrueFalseSpellingScoresAsTheSameRowsSpelledOneZero() throws IOException {
    Table synthetic = syntheticRows();
    Path asOneZero = dir.resolve("one-zero.csv");
    Path asTrueFalse = dir.resolve("true-false.csv");
    write(synthetic, asOneZero, (c, v) -> v);
    write(synthetic, asTrueFalse, (c, v) -> List.of("diabetesMed", "change", "readmitted")
        .contains(c) ? (v.equals("1") ? "True" : v.equals("0") ? "False" : v) : v);
    Map<String, Double> a = evaluate(asOneZero, "a.json");
    Map<String, Double> b = evaluate(asTrueFalse, "b.json");
    for (String id : List.of("fidelity.detection.auc", "fidelity.quality.overall",
        "utility.logistic.tstr.auc", "fidelity.beta_recall")) {
      assertEquals(a.get(id), b.get(id), id);
    }
  }

  @Test
  void aCategorySpelledDifferentlyIsAnErrorNotAFigure() throws IOException {
    Table synthetic = syntheticRows();
    Path upper = dir.resolve("upper.csv");
    write(synthetic, upper, (c, v) -> c.equals("A1Cresult") ? v.toUpperCase() : v);
    CliRun run = CliRun.of(concat(new String[] {"evaluate", config.toString(), "--synthetic",
        upper.toString(), "--report", dir.resolve("upper.json").toString()}, SMALL));
    assertEquals(3, run.exitCode(), run.err());
    assertTrue(run.err().contains("A1Cresult") && run.err().contains("NONE")
        && run.err().contains("None") && !run.err().contains("\tat "), run.err());
    assertTrue(!Files.exists(dir.resolve("upper.json")), "no report written");
  }

  /** The pipeline's synthetic Parquet, read back as any Parquet input is. */
  private static Table syntheticRows() {
    return org.synthehr.core.io.DatasetLoader.load(new org.synthehr.core.io.InputConfig(
        output.resolve("synthetic").toString(), null, List.of(), List.of(), null, null)).table();
  }

  private static Map<String, Double> evaluate(Path synthetic, String report) {
    Path out = dir.resolve(report);
    CliRun run = CliRun.of(concat(new String[] {"evaluate", config.toString(), "--synthetic",
        synthetic.toString(), "--report", out.toString()}, SMALL));
    assertEquals(0, run.exitCode(), run.err());
    return metrics(out);
  }

  private static Map<String, Double> metrics(Path reportJson) {
    Map<String, Double> out = new HashMap<>();
    for (JsonNode m : Json.readTree(reportJson).get("metrics")) {
      if (m.hasNonNull("value")) {
        out.put(m.get("id").asText(), m.get("value").asDouble());
      }
    }
    return out;
  }

  private static void write(Table t, Path csv, BiFunction<String, String, String> respell)
      throws IOException {
    List<String> names = t.schema().names();
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder()
            .setHeader(names.toArray(String[]::new)).get())) {
      for (int r = 0; r < t.rowCount(); r++) {
        for (int c = 0; c < names.size(); c++) {
          String v = t.format(r, c);
          p.print(v == null || v.isEmpty() ? "" : respell.apply(names.get(c), v));
        }
        p.println();
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
