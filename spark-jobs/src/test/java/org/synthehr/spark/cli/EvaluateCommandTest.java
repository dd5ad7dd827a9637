package org.synthehr.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.io.CsvTableWriter;
import org.synthehr.core.io.Json;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.spark.Chromium;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.config.SparkConfig;
import org.synthehr.spark.ingest.SparkTables;

/**
 * {@code synth evaluate} end to end on the diabetes130 sample against Gaussian-copula samples: the
 * config form (split as the pipeline splits) and the file form (another tool's CSV, a separate
 * holdout file), then the HTML report rendered by headless Chromium with its charts checked.
 */
class EvaluateCommandTest {
  private static Table synthetic;

  @TempDir
  static Path dir;

  @BeforeAll
  static void sample() {
    Table real = TestData.diabetesSample().modelled();
    try (FittedSynthesizer model = ModelKinds.create(ModelConfig.of("copula"))
        .fit(real, TrainingContext.of(1))) {
      synthetic = model.sample(SampleRequest.of(2400, 2));
    }
  }

  private static final String[] SMALL = {"--set", "evaluate.bootstrap=30",
      "--set", "evaluate.detection.max_rows=500", "--set", "evaluate.support.max_rows=300",
      "--set", "evaluate.utility.importance_rows=100", "--set", "evaluate.max_rows=3000"};

  private static String[] args(String... first) {
    List<String> all = new ArrayList<>(List.of("evaluate"));
    all.addAll(List.of(first));
    all.addAll(List.of(SMALL));
    all.add("--quiet");
    return all.toArray(String[]::new);
  }

  private static Map<String, JsonNode> metrics(Path reportJson) {
    Map<String, JsonNode> out = new java.util.HashMap<>();
    Json.readTree(reportJson).get("metrics").forEach(m -> out.put(m.get("id").asText(), m));
    return out;
  }

  @Test
  void configFormWritesBothReportsAndChromiumDrawsTheCharts() throws Exception {
    Path syn = dir.resolve("copula.parquet");
    SparkSession spark = SparkSessions.create("test", new SparkConfig("local[2]", Map.of()));
    spark.createDataFrame(SparkTables.rows(synthetic), SparkTables.structType(synthetic.schema()))
        .repartition(2).write().parquet(syn.toString());
    Path out = dir.resolve("config-form");
    Path root = TestData.repoRoot();
    int code = SynthMain.execute(args(root.resolve("configs/diabetes130-sample.yaml").toString(),
        "--synthetic", syn.toString(), "--set", "output.dir=" + out,
        "--set", "input.path=" + root.resolve("data/diabetes130-sample.csv"),
        "--set", "input.schema=" + root.resolve("configs/diabetes130.schema.yaml"),
        "--set", "evaluate.utility.models=[logistic]", "--set", "evaluate.fairness.columns=[gender]"));
    assertEquals(0, code);
    Map<String, JsonNode> m = metrics(out.resolve("report.json"));
    for (String id : List.of("fidelity.quality.overall", "fidelity.column.ks.num_lab_procedures",
        "fidelity.column.tvd.race", "fidelity.pair.pearson.num_procedures|num_medications",
        "fidelity.pairs.association", "fidelity.detection.auc", "fidelity.alpha_precision",
        "fidelity.beta_recall", "utility.logistic.tstr.auc", "utility.logistic.ratio.auc",
        "utility.logistic.importance_agreement", "fairness.gender=Female.auc_ratio",
        "fairness.flagged", "privacy.dcr.share_closer_to_training")) {
      assertTrue(m.containsKey(id), id);
    }
    JsonNode auc = m.get("fidelity.detection.auc");
    assertTrue(auc.has("interval") && auc.has("baseline") && auc.get("direction").asText()
        .equals("lower_is_better"), auc.toString());
    assertTrue(auc.get("value").asDouble() > 0.5, "a copula is detectable: " + auc);
    // Detection ran XGBoost on Spark's classpath (kryo and commons-logging come from Spark).
    assertTrue(auc.get("details").get("model").asText().contains("XGBoost"));
    JsonNode tstr = m.get("utility.logistic.tstr.auc");
    assertTrue(tstr.get("value").asDouble() > 0.5 && tstr.has("baseline"), tstr.toString());
    assertTrue(Files.exists(out.resolve("report.config.yaml")));
    renderInChromium(out.resolve("report.html"), synthetic.columnCount());
  }

  @Test
  void fileFormScoresAnotherToolsCsvAgainstASeparateHoldout() throws Exception {
    Table full = TestData.diabetesSample();
    Path real = dir.resolve("real.csv");
    Path holdout = dir.resolve("holdout.csv");
    CsvTableWriter.write(full.head(2400), real);
    CsvTableWriter.write(full.take(java.util.stream.IntStream.range(2400, full.rowCount())
        .toArray()), holdout);
    // Another tool: columns reordered, an invented race, written as CSV.
    List<Column> cols = new ArrayList<>();
    for (int i = synthetic.columnCount() - 1; i >= 0; i--) {
      Column c = synthetic.column(i);
      if (c.name().equals("race")) {
        CategoricalColumn cat = (CategoricalColumn) c;
        List<String> dict = new ArrayList<>(cat.dictionary());
        dict.set(dict.indexOf("Other"), "Martian");
        c = new CategoricalColumn("race", cat.codes(), dict);
      }
      cols.add(c);
    }
    List<String> names = cols.stream().map(Column::name).toList();
    Table other = new Table(synthetic.select(names).schema(), cols);
    Path syn = dir.resolve("other-tool.csv");
    CsvTableWriter.write(other, syn);
    Path out = dir.resolve("file-form");
    int code = SynthMain.execute(args("--real", real.toString(), "--synthetic", syn.toString(),
        "--schema", TestData.repoRoot().resolve("configs/diabetes130.schema.yaml").toString(),
        "--holdout", holdout.toString(), "--label", "readmitted", "--positive", "<30",
        "--out", out.toString(), "--set", "evaluate.utility.models=[logistic]",
        "--set", "evaluate.detection.enabled=false", "--set", "evaluate.support.enabled=false"));
    assertEquals(0, code);
    JsonNode report = Json.readTree(out.resolve("report.json"));
    assertEquals(2400, report.get("summary").get("training_rows").asInt());
    assertEquals(full.rowCount() - 2400, report.get("summary").get("holdout_rows").asInt());
    assertTrue(report.get("summary").get("utility_outcome").asText().startsWith("readmitted = <30"));
    Map<String, JsonNode> m = metrics(out.resolve("report.json"));
    assertTrue(m.get("fidelity.column.invented.race").get("value").asDouble() > 0);
    assertTrue(m.containsKey("utility.logistic.tstr.auc"));
    assertTrue(!m.containsKey("fidelity.detection.auc"));
    assertTrue(Files.exists(out.resolve("report.html")));
    // A synthetic file without the real data's columns is a clear input error (exit code 3).
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "race,gender\nCaucasian,Female\n");
    assertEquals(3, SynthMain.execute(args("--real", real.toString(), "--synthetic",
        bad.toString(), "--out", dir.resolve("bad").toString())));
    assertEquals(2, SynthMain.execute(args("--real", real.toString(), "--synthetic",
        syn.toString(), "--out", dir.resolve("bad2").toString(), "--set",
        "evaluate.utility.bogus=1")));
    assertTrue(!Files.exists(dir.resolve("bad").resolve("report.json")));
  }

  /** Renders the page in headless Chromium and checks the browser built every chart. */
  private static void renderInChromium(Path html, int columns) throws Exception {
    Chromium chromium = Chromium.require(dir, "report.html");
    String dom = chromium.dom(html, 1400, 2400);
    // The DOM as the browser parsed it: every chart is an SVG element with its marks.
    int charts = Chromium.count(dom, "<svg ");
    assertTrue(charts >= columns + 3 + 2 + 2, "charts in DOM: " + charts);
    assertTrue(Chromium.count(dom, "<rect ") > 1000, "bars and cells: "
        + Chromium.count(dom, "<rect "));
    assertTrue(dom.contains("<section id=\"summary\">") || dom.contains("<section id='summary'>"));
    chromium.screenshot(html, html.resolveSibling("report.png"), 1400, 2400, 50_000);
  }
}
