package org.synthehr.spark.longitudinal;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.synthehr.core.io.FileTrees;
import org.synthehr.core.longitudinal.CohortInputConfig;
import org.synthehr.core.longitudinal.omop.OmopConfig;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.generator.longitudinal.TrajectoryKinds;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.fs.AtomicDir;
import org.synthehr.spark.jobs.Checkpoints;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.sampling.DistributedSampler.ModelLocation;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongitudinalPipelineJobTest {
  private static final Path CONFIG = Path.of("src/test/resources/longitudinal-test.yaml");
  private SparkSession spark;
  private LongitudinalPipelineJob.Result result;
  private LongitudinalConfigLoader.Loaded loaded;

  @BeforeAll
  void run() {
    Path out = Path.of("target/longitudinal-pipeline-test");
    FileTrees.deleteRecursively(out);
    loaded = LongitudinalConfigLoader.load(CONFIG, List.of("output.dir=" + out));
    spark = SparkSessions.create("longitudinal test", loaded.config().spark());
    result = LongitudinalPipelineJob.run(spark, loaded, false, false, Console.silent());
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void writesOmopShapedTablesOfSyntheticPatients() {
    Path syn = output().resolve("synthetic");
    Dataset<Row> person = spark.read().parquet(syn.resolve("person").toString());
    assertEquals(60, person.count());
    assertEquals(60, person.select("person_id").distinct().count());
    assertEquals(1L, person.agg(org.apache.spark.sql.functions.min("person_id")).first()
        .getLong(0));
    assertEquals(0, person.filter(col("person_source_value").startsWith("synthetic-").equalTo(
        false)).count(), "every person is marked synthetic");
    assertTrue(List.of(person.columns()).containsAll(List.of("person_id", "gender_concept_id",
        "year_of_birth")));
    Dataset<Row> m = spark.read().parquet(syn.resolve("measurement").toString());
    assertEquals(result.measurements(), m.count());
    assertTrue(m.count() > 60, "measurements were written");
    assertTrue(List.of(m.columns()).containsAll(List.of("measurement_id", "person_id",
        "measurement_datetime", "value_as_number", "unit_source_value",
        "measurement_source_value")));
    assertEquals(m.count(), m.select("measurement_id").distinct().count());
    Dataset<Row> visits = spark.read().parquet(syn.resolve("visit_occurrence").toString());
    assertEquals(60, visits.count());
    assertTrue(Files.exists(syn.resolve("README.md")));
  }

  @Test
  void reportHoldsTheLongitudinalMetricsAndPlots() throws Exception {
    assertTrue(result.report().metric("utility.tstr_auc").isPresent());
    assertTrue(result.report().metric("trajectory.discriminative").isPresent());
    assertTrue(result.report().metric("twins.coverage").isPresent());
    assertTrue(result.report().metric("plausibility.after_end").isPresent());
    String html = Files.readString(output().resolve("report.html"));
    assertTrue(html.contains("<svg") && html.contains("Digital twins"));
    assertTrue(Files.exists(output().resolve("report.json")));
    assertTrue(Files.exists(output().resolve("config.resolved.yaml")));
    assertTrue(Files.exists(output().resolve("model/provenance.json")));
    assertTrue(Files.exists(output().resolve(AtomicDir.SUCCESS)), "marked complete");
    assertFalse(Files.exists(checkpoints(output())), "checkpoints removed after success");
  }

  @Test
  void aLongitudinalRunBecomesAReleaseBundleWhoseCardSaysPrivacyWasNotMeasured(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path bundle = tmp.resolve("bundle");
    var prepared = org.synthehr.spark.release.ReleasePreparer.prepare(
        new org.synthehr.spark.release.ReleasePreparer.Request(output(), bundle, null, null, false,
            false), java.time.Instant.parse("2026-12-08T00:00:00Z"));
    var card = prepared.card();
    assertEquals("longitudinal", card.shape());
    assertEquals(List.of("synthetic/person", "synthetic/visit_occurrence",
        "synthetic/measurement"), card.tables().stream().filter(t -> t.rows() != null)
        .map(t -> t.name()).toList());
    assertEquals(result.measurements(), card.tables().get(2).rows());
    assertTrue(card.privacy().isEmpty());
    assertTrue(card.limitations().get(0).startsWith("No membership or disclosure attack"),
        card.limitations().get(0));
    assertTrue(card.fidelity().stream().anyMatch(f -> f.id().equals("trajectory.discriminative")));
    assertTrue(Files.exists(bundle.resolve("synthetic/measurement")));
    var verification = org.synthehr.privacy.release.BundleVerifier.verify(bundle, null, false);
    assertTrue(verification.ok(), verification.problem());
  }

  @Test
  void trainThenSampleThenEvaluateGiveThePipelinesReport(@org.junit.jupiter.api.io.TempDir
      Path tmp) throws Exception {
    String out = "output.dir=" + tmp.resolve("chain");
    org.synthehr.spark.CliRun validate = org.synthehr.spark.CliRun.of("validate",
        CONFIG.toString(), "--set", out);
    assertEquals(0, validate.exitCode(), validate.err());
    assertTrue(validate.err().contains("Nothing was written"), validate.err());
    for (String command : List.of("train", "sample", "evaluate")) {
      org.synthehr.spark.CliRun r = org.synthehr.spark.CliRun.of(command, CONFIG.toString(),
          "--set", out, "-q");
      assertEquals(0, r.exitCode(), command + ": " + r.err());
    }
    org.synthehr.core.result.Report chain = org.synthehr.core.io.Json.read(
        tmp.resolve("chain/report.json"), org.synthehr.core.result.Report.class);
    assertEquals(result.report().metrics().size(), chain.metrics().size());
    for (org.synthehr.core.result.MetricResult m : result.report().metrics()) {
      var mine = chain.metric(m.id()).orElseThrow(() -> new AssertionError(m.id()));
      assertEquals(m.value(), mine.value(), 0.0, m.id());
      assertEquals(m.baseline(), mine.baseline(), m.id());
    }
    assertTrue(Files.exists(tmp.resolve("chain/report.html")));
    assertTrue(Files.isDirectory(tmp.resolve("chain/synthetic/grid")));
  }

  @Test
  void samplingDoesNotDependOnPartitions() {
    Path model = output().resolve("model");
    OmopConfig omop = loaded.config().omop();
    ModelLocation location = ModelLocation.local(model);
    try (FittedTrajectorySynthesizer m = TrajectoryKinds.load(model)) {
      List<Row> one = measurements(CohortSampler.sample(spark, location, m.schema(), 60, 25, 1, 7,
          omop));
      List<Row> three = measurements(CohortSampler.sample(spark, location, m.schema(), 60, 25, 3,
          7, omop));
      assertEquals(one, three);
      List<Row> written = spark.read().parquet(output().resolve("synthetic/measurement")
          .toString()).orderBy("measurement_id").collectAsList();
      assertEquals(written.size(), one.size());
      assertEquals(written.get(written.size() - 1).getDouble(7), one.get(one.size() - 1)
          .getDouble(7), 0.0, "the written data is the reference draw");
    }
  }

  @Test
  void pathsGivenAsFileUrisGiveTheSameSyntheticData() {
    Path out = Path.of("target/longitudinal-pipeline-uri-test").toAbsolutePath();
    FileTrees.deleteRecursively(out);
    CohortInputConfig in = loaded.config().input();
    // Every file as a file:// URI, and another partitioning: the seed alone decides the data.
    LongitudinalConfigLoader.Loaded uris = LongitudinalConfigLoader.load(CONFIG, List.of(
        "output.dir=" + uri(out.toString()), "input.static_path=" + uri(in.staticPath()),
        "input.static_schema=" + uri(in.staticSchema()),
        "input.events_path=" + uri(in.eventsPath()),
        "input.outcomes_path=" + uri(in.outcomesPath()), "input.variables=" + uri(in.variables()),
        "sample.partitions=3"));
    LongitudinalPipelineJob.Result r = LongitudinalPipelineJob.run(spark, uris, false, false,
        Console.silent());
    assertEquals(out.toString(), r.output(), "a local output is shown as a plain path");
    assertTrue(Files.exists(out.resolve(AtomicDir.SUCCESS)), "marked complete");
    assertTrue(Files.exists(out.resolve("model/provenance.json")));
    assertFalse(Files.exists(checkpoints(out)), "checkpoints removed after success");
    for (String table : List.of("person", "visit_occurrence", "measurement")) {
      assertEquals(sorted(output().resolve("synthetic").resolve(table)),
          sorted(out.resolve("synthetic").resolve(table)), table);
    }
  }

  private Path output() {
    return Path.of(result.output());
  }

  private static String uri(String path) {
    return Path.of(path).toAbsolutePath().normalize().toUri().toString();
  }

  private static Path checkpoints(Path output) {
    return Path.of(Checkpoints.dirFor(new org.apache.hadoop.fs.Path(output.toAbsolutePath()
        .toString())).toUri().getPath());
  }

  private List<Row> sorted(Path table) {
    Dataset<Row> rows = spark.read().parquet(table.toString());
    return rows.orderBy(Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new))
        .collectAsList();
  }

  private static List<Row> measurements(Dataset<Row> rows) {
    return rows.filter(col("kind").equalTo(CohortSampler.MEASUREMENT))
        .select(CohortSampler.MEASUREMENT + ".*").orderBy("measurement_id").collectAsList();
  }
}
