package org.synthehr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synthehr.core.io.Json;
import org.synthehr.core.testing.TestData;
import org.synthehr.spark.config.JobConfigLoader;

/**
 * Every model kind through the default {@code synth pipeline} (all stages, shadow-model attack on,
 * embedded {@code local[*]}), with few epochs, on the shipped demo and on corpus tables it was not
 * developed on: 0/1 and TRUE/FALSE flags (nwtco), two rows per patient (colon), a three-class
 * outcome with many missing labs (pbc). Deep shadows train in concurrent Spark tasks, the case
 * that crashed with "A PtGradientCollector is already collecting".
 */
class AllModelsPipelineTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
      "copula, diabetes130-sample.yaml", "ctgan, diabetes130-sample.yaml",
      "tvae, diabetes130-sample.yaml", "tabddpm, diabetes130-sample.yaml",
      "dp-ctgan, diabetes130-sample.yaml",
      "copula, corpus/nwtco.yaml", "ctgan, corpus/nwtco.yaml", "tvae, corpus/nwtco.yaml",
      "tabddpm, corpus/nwtco.yaml", "dp-ctgan, corpus/nwtco.yaml",
      "copula, corpus/colon.yaml", "ctgan, corpus/colon.yaml", "tvae, corpus/colon.yaml",
      "tabddpm, corpus/colon.yaml", "dp-ctgan, corpus/colon.yaml",
      "copula, corpus/pbc.yaml", "ctgan, corpus/pbc.yaml", "tvae, corpus/pbc.yaml",
      "tabddpm, corpus/pbc.yaml", "dp-ctgan, corpus/pbc.yaml"})
  void everyKindRunsTheWholePipeline(String kind, String config) {
    Path root = TestData.repoRoot();
    Path out = dir.resolve("run");
    Path file = root.resolve("configs").resolve(config);
    String input = JobConfigLoader.load(file, List.of()).config().input().path();
    List<String> args = new ArrayList<>(List.of("pipeline", file.toString(),
        "--set", "input.path=" + root.resolve(input),
        "--set", "model.kind=" + kind, "--set", "model.epochs=2",
        "--set", "spark.master=local[*]", "--set", "output.dir=" + out,
        "--set", "split.max_train_rows=1200", "--set", "sample.rows=600",
        "--set", "evaluate.bootstrap=30", "--set", "evaluate.detection.max_rows=400",
        "--set", "evaluate.support.max_rows=300", "--set", "evaluate.utility.importance_rows=50",
        "--set", "privacy.attacks.shadow_models=2", "--set", "privacy.attacks.bootstrap=30"));
    if (config.startsWith("diabetes130")) {
      args.addAll(List.of("--set", "input.schema=" + root.resolve(
          "configs/diabetes130.schema.yaml")));
    }
    if (kind.equals("dp-ctgan")) {
      // DP-SGD needs batches smaller than the training rows (a few hundred on small tables).
      args.addAll(List.of("--set", "model.options={dp: {epsilon: 50}}",
          "--set", "model.batch_size=100"));
    }
    args.add("--quiet");
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    assertTrue(Files.exists(out.resolve("model/manifest.json")));
    Map<String, Double> m = new HashMap<>();
    for (JsonNode r : Json.readTree(out.resolve("report.json")).get("metrics")) {
      m.put(r.get("id").asText(), r.get("value").asDouble());
    }
    for (String id : List.of("fidelity.quality.overall", "fidelity.detection.auc",
        "privacy.mia.distance.auc", "privacy.mia.shadow_model.auc")) {
      assertTrue(m.containsKey(id) && Double.isFinite(m.get(id)), id + " in " + m.keySet());
    }
    assertEquals(600, Json.readTree(out.resolve("report.json")).get("summary")
        .get("synthetic_rows").asLong());
  }
}
