package org.synthehr.spark.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.io.Json;
import org.synthehr.core.io.ParquetRowSource;
import org.synthehr.spark.Chromium;
import org.synthehr.spark.CliRun;

/**
 * {@code synth twins} end to end on the shipped PhysioNet sample: a model trained by the pipeline,
 * then twins of patients whose histories the test writes (the first 24 hours of six sample
 * patients), two of which do not fit and are set aside with the reason while the others run; the
 * same twins for any partitioning; the fan charts drawn by Chromium.
 */
class TwinsCommandTest {
  private static final String CONFIG = "src/test/resources/longitudinal-test.yaml";
  @TempDir
  static Path tmp;
  static Path histories;
  static List<String> fitting = new ArrayList<>();

  @BeforeAll
  static void trainAndWriteHistories() throws IOException {
    CliRun run = CliRun.of("pipeline", CONFIG, "--set", "output.dir=" + tmp.resolve("run"),
        "--set", "evaluate.twins.patients=0", "-q");
    assertEquals(0, run.exitCode(), run.err());
    histories = tmp.resolve("histories");
    Files.createDirectories(histories);
    Path sample = Path.of("../data/physionet2012-a-sample");
    List<String> statics = Files.readAllLines(sample.resolve("set-a_static.csv"));
    Set<String> ids = new LinkedHashSet<>();
    List<String> staticRows = new ArrayList<>(List.of(statics.get(0)));
    for (String line : statics.subList(1, 7)) {
      ids.add(line.split(",")[0]);
      staticRows.add(line);
    }
    Files.write(histories.resolve("set-a_static.csv"), staticRows);
    List<String> idList = new ArrayList<>(ids);
    String pastWindow = idList.get(4);
    String noStaticRow = "999999";
    fitting.addAll(idList.subList(0, 4));
    fitting.add(idList.get(5));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(sample.resolve("set-a_timeseries.csv.gz"))), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(
            histories.resolve("set-a_timeseries.csv.gz"))), StandardCharsets.UTF_8)) {
      out.write(in.readLine() + "\n");
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(",");
        if (ids.contains(f[0]) && Integer.parseInt(f[1]) <= 24 * 60) {
          out.write(line + "\n");
        }
      }
      // One patient measured after the model's 48-hour window, one with no static row.
      out.write(pastWindow + ",3100,HR,80\n");
      out.write(noStaticRow + ",60,HR,90\n");
    }
  }

  private static CliRun twins(String out, String... more) {
    List<String> args = new ArrayList<>(List.of("twins", CONFIG, "--model",
        tmp.resolve("run/model").toString(), "--histories", histories.toString(), "--cut", "24",
        "--samples", "5", "--out", tmp.resolve(out).toString(), "-q"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void futuresOfTheFittingPatientsAndTheOthersSetAsideWithTheReason() throws Exception {
    CliRun r = twins("twins");
    assertEquals(0, r.exitCode(), r.err());
    Path out = tmp.resolve("twins");
    List<String[]> persons = rows(out.resolve("person"));
    assertEquals(fitting.size() * 5, persons.size());
    Set<String> forecast = new HashSet<>();
    persons.forEach(p -> forecast.add(p[1]));
    assertEquals(new HashSet<>(fitting), forecast);
    for (String[] p : persons) {
      assertEquals(24.0, Double.parseDouble(p[3]), 1e-9, "cut_hours");
    }
    for (String[] m : rows(out.resolve("measurement"))) {
      assertTrue(Double.parseDouble(m[6]) >= 24.0, "only the future is emitted: " + m[6]);
    }
    JsonNode record = Json.readTree(out.resolve("twins.json"));
    JsonNode aside = record.get("set_aside");
    assertEquals(2, aside.size(), aside.toString());
    assertTrue(aside.get("999999").get(0).asText().contains("no row in the static file"));
    String late = aside.fieldNames().next().equals("999999") ? null : aside.fieldNames().next();
    assertTrue(late != null && aside.get(late).get(0).asText().contains("past the model's"
        + " window"), aside.toString());

    Chromium chromium = Chromium.require(tmp, "twins.html");
    Path page = out.resolve("twins.html");
    String dom = chromium.dom(page, 1300, 2400);
    for (String id : fitting) {
      assertTrue(dom.contains("id=\"patient-" + id + "\""), id);
    }
    assertTrue(Chromium.count(dom, "<svg") >= fitting.size() * 3, "fan charts");
    assertTrue(Chromium.count(dom, "<polygon") >= fitting.size() * 3, "bands");
    assertTrue(dom.contains("id=\"set-aside\""));
    chromium.screenshot(page, tmp.resolve("twins.png"), 1300, 2400, 30_000);
  }

  @Test
  void theSameTwinsForAnyPartitioning() throws IOException {
    assertEquals(0, twins("one", "--set", "sample.partitions=1").exitCode());
    assertEquals(0, twins("three", "--set", "sample.partitions=3").exitCode());
    assertEquals(sorted(rows(tmp.resolve("one/measurement"))),
        sorted(rows(tmp.resolve("three/measurement"))));
    assertEquals(sorted(rows(tmp.resolve("one/person"))),
        sorted(rows(tmp.resolve("three/person"))));
  }

  @Test
  void historiesThatFitNothingFailWithEveryPatientNamedAndWriteNothing() throws IOException {
    CliRun r = twins("none", "--cut", "60");
    assertEquals(2, r.exitCode(), "--cut twice is a usage error");
    CliRun past = CliRun.of("twins", CONFIG, "--model", tmp.resolve("run/model").toString(),
        "--histories", histories.toString(), "--cut", "60", "--out",
        tmp.resolve("none").toString(), "-q");
    assertEquals(3, past.exitCode(), past.err());
    assertTrue(past.err().contains("leaves no future inside the model's window"), past.err());
    assertFalse(Files.exists(tmp.resolve("none")));
  }

  @Test
  void scoredAgainstTheRealContinuationWithThePipelinesFigures() throws Exception {
    Path full = tmp.resolve("full-histories");
    Files.createDirectories(full);
    Path sample = Path.of("../data/physionet2012-a-sample");
    List<String> statics = Files.readAllLines(sample.resolve("set-a_static.csv"));
    Files.write(full.resolve("set-a_static.csv"), statics.subList(0, 31));
    Files.copy(sample.resolve("Outcomes-a.csv"), full.resolve("Outcomes-a.csv"));
    Set<String> ids = new HashSet<>();
    statics.subList(1, 31).forEach(l -> ids.add(l.split(",")[0]));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(sample.resolve("set-a_timeseries.csv.gz"))), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(
            full.resolve("set-a_timeseries.csv.gz"))), StandardCharsets.UTF_8)) {
      out.write(in.readLine() + "\n");
      String line;
      while ((line = in.readLine()) != null) {
        if (ids.contains(line.split(",")[0])) {
          out.write(line + "\n");
        }
      }
    }
    CliRun r = CliRun.of("twins", CONFIG, "--model", tmp.resolve("run/model").toString(),
        "--histories", full.toString(), "--cut", "24", "--samples", "8", "--score", "--out",
        tmp.resolve("scored").toString(), "-q");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode scores = Json.readTree(tmp.resolve("scored/twins.json")).get("scores");
    double coverage = scores.get("twins.coverage").get("value").asDouble();
    assertTrue(coverage > 0.3 && coverage <= 1.0, "coverage " + coverage);
    assertTrue(scores.get("twins.crps").get("value").asDouble() > 0);
    assertTrue(scores.has("twins.outcome_auc"), scores.toString());
    assertTrue(Files.readString(tmp.resolve("scored/twins.html")).contains("id='calibration'"));
    assertEquals(2, CliRun.of("twins", CONFIG, "--model", tmp.resolve("run/model").toString(),
        "--histories", full.toString(), "--score", "-q").exitCode(), "--score needs --cut");
  }

  private static List<String[]> rows(Path dir) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (ParquetRowSource src = ParquetRowSource.open(dir)) {
      String[] r;
      while ((r = src.next()) != null) {
        out.add(r);
      }
    }
    return out;
  }

  private static List<String> sorted(List<String[]> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(String.join("|", r)));
    out.sort(null);
    return out;
  }
}
