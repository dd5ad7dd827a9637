package org.synthehr.spark.resume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.synthehr.core.io.Json;
import org.synthehr.core.testing.TestData;

/**
 * A small, fast pipeline config on the shipped diabetes130 sample (a copula, 600 synthetic rows,
 * light evaluation) and the helpers the resume tests share.
 */
final class ResumeFixture {
  private ResumeFixture() {}

  /** Writes the config; every test run sets output.dir with --set. */
  static Path config(Path dir, Path input) throws IOException {
    Path root = TestData.repoRoot();
    Path file = dir.resolve("resume-test.yaml");
    Files.writeString(file, String.join("\n",
        "seed: 42",
        "input:",
        "  path: " + (input == null ? root.resolve("data/diabetes130-sample.csv") : input),
        "  schema: " + root.resolve("configs/diabetes130.schema.yaml"),
        "model:",
        "  kind: copula",
        "sample:",
        "  rows: 600",
        "evaluate:",
        "  bootstrap: 0",
        "  detection:",
        "    model: logistic",
        "  utility:",
        "    positive: [\"<30\"]",
        "    models: [logistic]",
        "  fairness:",
        "    columns: [gender]",
        "privacy:",
        "  attacks:",
        "    targets: 300",
        "    shadow_models: 0",
        "    singling_out_queries: 200",
        "    bootstrap: 10",
        "spark:",
        "  master: local[2]",
        ""));
    return file;
  }

  /** report.json without what legitimately differs between two runs: timings and dates. */
  static JsonNode comparable(Path output) {
    ObjectNode report = (ObjectNode) Json.readTree(output.resolve("report.json"));
    ((ObjectNode) report.get("summary")).remove("seconds");
    ((ObjectNode) report.get("provenance")).remove("created_at");
    return report;
  }

  /** The differing top-level entries of two reports, for a readable failure. */
  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    for (String section : List.of("title", "summary", "provenance")) {
      if (!expected.path(section).equals(actual.path(section))) {
        out.add(section + ": " + expected.path(section) + " vs " + actual.path(section));
      }
    }
    for (int i = 0; i < Math.max(expected.path("metrics").size(), actual.path("metrics").size());
        i++) {
      if (!expected.path("metrics").path(i).equals(actual.path("metrics").path(i))) {
        out.add("metric " + i + ": " + expected.path("metrics").path(i) + " vs "
            + actual.path("metrics").path(i));
      }
    }
    return out;
  }

  /** Each model file's bytes and modification time, by name. */
  static Map<String, String> modelFiles(Path modelDir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(modelDir)) {
      for (Path f : files.toList()) {
        FileTime mtime = Files.getLastModifiedTime(f);
        out.put(f.getFileName().toString(), mtime.toMillis() + ":"
            + org.synthehr.core.provenance.Provenance.sha256(f));
      }
    }
    return out;
  }

  /** The status of a stage in a kept run's stages.json ("" if absent). */
  static String status(Path partial, String stage) {
    Path file = partial.resolve("stages.json");
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try {
      return Json.mapper().readTree(file.toFile()).path("stages").path(stage).path("status")
          .asText("");
    } catch (IOException e) {
      return ""; // being replaced right now: read it again on the next poll
    }
  }
}
