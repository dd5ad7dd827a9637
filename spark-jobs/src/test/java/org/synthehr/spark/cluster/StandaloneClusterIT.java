package org.synthehr.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The toolkit on a real Spark standalone cluster: two workers (separate JVMs, one core and one GPU
 * address each), a real HDFS, and {@code synth pipeline} submitted with spark-submit in client
 * mode with every path on HDFS. Each cluster run is compared byte for byte with the same
 * submission to {@code local[2]} with local paths, including after executors are killed while
 * the model trains and while the synthetic rows are written. Needs the shaded jar, so it runs in
 * failsafe's integration-test phase ({@code mvn -B verify}).
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {
  private static final String SAMPLE = "data/diabetes130-sample.csv";
  private static final String SCHEMA = "configs/diabetes130.schema.yaml";
  private static final String PHYSIONET = "data/physionet2012-a-sample/";

  private static LocalCluster cluster;
  private static Path work;
  private static Path tabularReference;

  @BeforeAll
  static void startCluster() throws IOException {
    Assumptions.assumeTrue(LocalCluster.supported(), "bin/cluster needs Linux, bash and /proc");
    work = Paths.get("target", "it-cluster", StandaloneClusterIT.class.getSimpleName())
        .toAbsolutePath();
    LocalCluster.deleteRecursively(work);
    long t0 = System.nanoTime();
    cluster = LocalCluster.start(work.resolve("cluster"),
        LocalCluster.options().workers(2).workerCores(1).workerMemory("1g").gpusPerWorker(1)
            .hdfs(true));
    System.out.printf("cluster up in %.1fs: %s, %s%n", (System.nanoTime() - t0) / 1e9,
        cluster.masterUrl(), cluster.hdfsUri().orElseThrow());
    for (String f : List.of(SAMPLE, SCHEMA, PHYSIONET + "set-a_static.csv",
        PHYSIONET + "set-a_timeseries.csv.gz", PHYSIONET + "Outcomes-a.csv",
        "configs/physionet2012.static.schema.yaml", "core/src/test/resources/small-variables.yaml")) {
      cluster.hdfsPut(cluster.repoRoot().resolve(f), "/in/" + f);
    }
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
      assertTrue(cluster.executorPids().isEmpty(), "executors left after stop");
    }
  }

  @Test
  void aFileRoundTripsThroughHdfs() throws IOException {
    Path local = cluster.repoRoot().resolve(SAMPLE);
    Path back = cluster.hdfsGet("/in/" + SAMPLE, work.resolve("from-hdfs/sample.csv"));
    assertEquals(-1L, Files.mismatch(local, back), "HDFS gave back other bytes");
  }

  @Test
  void tabularPipelineOnHdfsEqualsTheLocalRunAndTrainsOnAnExecutor() throws IOException {
    Path reference = tabularReference();
    Submission.Result run = cluster.submit(tabular(hdfs("/in/" + SAMPLE), hdfs("/in/" + SCHEMA),
        hdfs("/out/tabular")), Map.of());
    assertEquals(0, run.exitCode(), run::toString);
    Path out = cluster.hdfsGet("/out/tabular", work.resolve("cluster-out/tabular"));
    for (String f : List.of("_SUCCESS", "report.json", "report.html", "run.json",
        "model/manifest.json", "synthetic/_SUCCESS")) {
      assertTrue(Files.exists(out.resolve(f)), f + " missing in " + out);
    }
    ParquetDirs.assertSameBytes(reference.resolve("synthetic"), out.resolve("synthetic"));

    EventLog log = lastApplication();
    assertEquals(2, log.executorsAdded().size(), log::toString);
    assertEquals(0, log.failedTasks(), log::toString);
    JsonNode training = trainingStage(log);
    int profile = training.path("Resource Profile Id").asInt();
    assertTrue(profile > 0, "the training stage ran under the default profile: " + training);
    assertEquals(Map.of("cpus", 1.0), log.taskResources(profile),
        "a training task claims its executor's core (1 here) and no GPU on a CPU model");
    List<JsonNode> ends = log.taskEnds(training.path("Stage ID").asInt());
    assertEquals(1, ends.size(), "one training task");
    String executor = ends.get(0).path("Task Info").path("Executor ID").asText();
    assertTrue(log.executorsAdded().containsKey(executor), "trained on " + executor + ": " + log);
  }

  @Test
  void anExecutorLostWhileSamplingChangesNothing() throws Exception {
    Path reference = tabularReference();
    Submission.Running running = cluster.startSubmit(cluster.masterUrl(), tabular(
        hdfs("/in/" + SAMPLE), hdfs("/in/" + SCHEMA), hdfs("/out/sampling-killed")), Map.of());
    // Spark's committer makes synthetic/_temporary when the write job starts.
    awaitHdfs("/out/sampling-killed.partial/synthetic/_temporary", running);
    int killed = killAllExecutors();
    Submission.Result run = running.await(Duration.ofMinutes(10));
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(killed > 0, "no executor was running when sampling started");
    EventLog log = lastApplication();
    assertTrue(log.failedTasks() > 0 || !log.executorsRemoved().isEmpty(), log::toString);
    Path out = cluster.hdfsGet("/out/sampling-killed", work.resolve("cluster-out/sampling"));
    ParquetDirs.assertSameBytes(reference.resolve("synthetic"), out.resolve("synthetic"));
  }

  @Test
  void anExecutorLostWhileTrainingResumesFromItsCheckpointOnHdfs() throws Exception {
    List<String> local = deep(cluster.repoRoot().resolve(SAMPLE).toString(),
        cluster.repoRoot().resolve(SCHEMA).toString(), work.resolve("local-out/ctgan").toString());
    Submission.Result reference = cluster.submitLocal(local, Map.of());
    assertEquals(0, reference.exitCode(), reference::toString);

    Submission.Running running = cluster.startSubmit(cluster.masterUrl(), deep(
        hdfs("/in/" + SAMPLE), hdfs("/in/" + SCHEMA), hdfs("/out/ctgan")), Map.of());
    awaitCheckpoints("/out/.ctgan.checkpoints", 2, running);
    int killed = killAllExecutors();
    Submission.Result run = running.await(Duration.ofMinutes(10));
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(killed > 0, "no executor was training");
    EventLog log = lastApplication();
    JsonNode training = trainingStage(log);
    List<JsonNode> attempts = log.taskEnds(training.path("Stage ID").asInt());
    assertTrue(attempts.size() >= 2, "the training task was not retried: " + attempts);
    assertTrue(executorLogsContain("resuming from the checkpoints"),
        "the retried training did not resume from the checkpoints on HDFS");
    Path out = cluster.hdfsGet("/out/ctgan", work.resolve("cluster-out/ctgan"));
    ParquetDirs.assertSameBytes(work.resolve("local-out/ctgan/synthetic"),
        out.resolve("synthetic"));
    assertFalse(cluster.hdfsExists("/out/.ctgan.checkpoints"), "checkpoints left after success");
  }

  @Test
  void longitudinalPipelineOnHdfsEqualsTheLocalRun() throws IOException {
    Path root = cluster.repoRoot();
    Submission.Result reference = cluster.submitLocal(longitudinal(root.toString() + "/",
        work.resolve("local-out/longitudinal").toString()), Map.of());
    assertEquals(0, reference.exitCode(), reference::toString);
    Submission.Result run = cluster.submit(longitudinal(hdfs("/in/"), hdfs("/out/longitudinal")),
        Map.of());
    assertEquals(0, run.exitCode(), run::toString);
    Path out = cluster.hdfsGet("/out/longitudinal", work.resolve("cluster-out/longitudinal"));
    assertTrue(Files.exists(out.resolve("_SUCCESS")), "no _SUCCESS in " + out);
    for (String table : List.of("person", "visit_occurrence", "measurement")) {
      ParquetDirs.assertSameBytes(work.resolve("local-out/longitudinal/synthetic/" + table),
          out.resolve("synthetic/" + table));
    }
    EventLog log = lastApplication();
    JsonNode training = trainingStage(log);
    assertTrue(training.path("Resource Profile Id").asInt() > 0, training::toString);
  }

  @Test
  void aGpuModelGetsAGpuAddressAndSaysPyTorchSeesNoSuchDevice() throws IOException {
    List<String> args = new ArrayList<>(deep(hdfs("/in/" + SAMPLE), hdfs("/in/" + SCHEMA),
        hdfs("/out/gpu")));
    args.addAll(List.of("--set", "model.device=gpu"));
    Submission.Result run = cluster.submit(args, Map.of("spark.executor.resource.gpu.amount", "1",
        "spark.task.maxFailures", "1"));
    assertEquals(2, run.exitCode(), "a config that cannot run here: " + run);
    assertTrue(run.stderr().contains("GPU address") && run.stderr().contains("PyTorch sees no GPU"),
        run::toString);
    EventLog log = lastApplication();
    Set<String> gpus = new HashSet<>();
    log.executorsAdded().keySet().forEach(id -> gpus.addAll(log.gpuAddresses(id)));
    assertEquals(Set.of("0", "1"), gpus, "each worker offers its own GPU address");
    JsonNode training = trainingStage(log);
    assertEquals(Map.of("cpus", 1.0, "gpu", 1.0),
        log.taskResources(training.path("Resource Profile Id").asInt()),
        "the training stage asks one GPU per task");
    assertFalse(cluster.hdfsExists("/out/gpu"), "a failed run left an output");
  }

  @Test
  void everySubcommandOfTheClusterGuideRunsWithPathsOnHdfs() throws IOException {
    List<String> data = List.of("--set", "input.path=" + hdfs("/in/" + SAMPLE),
        "--set", "input.schema=" + hdfs("/in/" + SCHEMA));
    String config = "configs/diabetes130-sample.yaml";
    Submission.Result validate = cluster.submit(concat(List.of("validate", config), data),
        Map.of());
    assertEquals(0, validate.exitCode(), validate::toString);
    Submission.Result train = cluster.submit(concat(List.of("train", config), data,
        List.of("--set", "output.dir=" + hdfs("/out/trained"))), Map.of());
    assertEquals(0, train.exitCode(), train::toString);
    assertTrue(cluster.hdfsExists("/out/trained/model/manifest.json"), train::toString);
    assertTrue(cluster.hdfsExists("/out/trained/_SUCCESS"), train::toString);
    Submission.Result sample = cluster.submit(List.of("sample", config,
        "--model", hdfs("/out/trained/model"), "--rows", "5000", "--out", hdfs("/out/more-rows")),
        Map.of());
    assertEquals(0, sample.exitCode(), sample::toString);
    assertTrue(cluster.hdfsExists("/out/more-rows/_SUCCESS"), sample::toString);
    Submission.Result evaluate = cluster.submit(concat(List.of("evaluate", config), data,
        List.of("--set", "privacy.attacks.shadow_models=0", "--synthetic",
            hdfs("/out/more-rows"), "--report", hdfs("/out/more-rows-report.json"))), Map.of());
    assertEquals(0, evaluate.exitCode(), evaluate::toString);
    assertTrue(cluster.hdfsExists("/out/more-rows-report.html"), evaluate::toString);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------- helpers

  /** The local[2] run every tabular cluster run must equal (made once). */
  private static synchronized Path tabularReference() throws IOException {
    if (tabularReference == null) {
      Path out = work.resolve("local-out/tabular");
      Submission.Result run = cluster.submitLocal(tabular(
          cluster.repoRoot().resolve(SAMPLE).toString(),
          cluster.repoRoot().resolve(SCHEMA).toString(), out.toString()), Map.of());
      assertEquals(0, run.exitCode(), run::toString);
      tabularReference = out;
    }
    return tabularReference;
  }

  /** The copula pipeline, with enough rows that sampling takes a few seconds (60 blocks). */
  private static List<String> tabular(String input, String schema, String out) {
    return List.of("pipeline", "configs/diabetes130-sample.yaml", "--set", "input.path=" + input,
        "--set", "input.schema=" + schema, "--set", "output.dir=" + out,
        "--set", "sample.rows=60000", "--set", "sample.block_rows=1000",
        "--set", "sample.partitions=6", "--set", "privacy.attacks.shadow_models=0");
  }

  /** CTGAN with a checkpoint after every epoch (the evaluation kept small). */
  private static List<String> deep(String input, String schema, String out) {
    return List.of("pipeline", "configs/diabetes130-sample.yaml", "--set", "input.path=" + input,
        "--set", "input.schema=" + schema, "--set", "output.dir=" + out,
        "--set", "model.kind=ctgan", "--set", "model.epochs=8",
        "--set", "model.checkpoint_every=1", "--set", "sample.partitions=2",
        "--set", "privacy.attacks.shadow_models=0");
  }

  /** The small longitudinal test config with every file under {@code base}. */
  private static List<String> longitudinal(String base, String out) {
    return List.of("pipeline", "spark-jobs/src/test/resources/longitudinal-test.yaml",
        "--set", "input.static_path=" + base + PHYSIONET + "set-a_static.csv",
        "--set", "input.static_schema=" + base + "configs/physionet2012.static.schema.yaml",
        "--set", "input.events_path=" + base + PHYSIONET + "set-a_timeseries.csv.gz",
        "--set", "input.outcomes_path=" + base + PHYSIONET + "Outcomes-a.csv",
        "--set", "input.variables=" + base + "core/src/test/resources/small-variables.yaml",
        "--set", "output.dir=" + out);
  }

  private static String hdfs(String path) {
    return cluster.hdfsPath(path).toString();
  }

  private static JsonNode trainingStage(EventLog log) {
    List<JsonNode> stages = log.stagesAt("TrainingStage");
    assertFalse(stages.isEmpty(), "no training stage in " + log);
    return stages.get(0);
  }

  /** The event log of the cluster application that started last. */
  private static EventLog lastApplication() throws IOException {
    // Cluster applications only ("app-..."); the local[2] reference runs log there too.
    List<EventLog> all = EventLog.all(cluster.eventLogDir()).stream()
        .filter(l -> l.appId().startsWith("app-")).toList();
    assertFalse(all.isEmpty(), "no cluster application in " + cluster.eventLogDir());
    return all.get(all.size() - 1);
  }

  private static int killAllExecutors() {
    List<Long> pids = cluster.executorPids();
    pids.forEach(cluster::killExecutor);
    return pids.size();
  }

  private static void awaitHdfs(String path, Submission.Running running) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    while (!cluster.hdfsExists(path)) {
      assertTrue(running.alive(), "the run ended before " + path + " appeared:\n"
          + running.stderrSoFar());
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + path);
      Thread.sleep(200);
    }
  }

  private static void awaitCheckpoints(String dir, int count, Submission.Running running)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    while (true) {
      if (cluster.hdfsExists(dir)) {
        try (org.apache.hadoop.fs.FileSystem fs = cluster.hdfs()) {
          if (Stream.of(fs.listStatus(new org.apache.hadoop.fs.Path(hdfs(dir))))
              .filter(s -> !s.getPath().getName().startsWith(".")).count() >= count) {
            return;
          }
        }
      }
      assertTrue(running.alive(), "the run ended before " + count + " checkpoints in " + dir
          + ":\n" + running.stderrSoFar());
      assertTrue(System.nanoTime() < deadline, "timed out waiting for checkpoints in " + dir);
      Thread.sleep(200);
    }
  }

  private static boolean executorLogsContain(String text) throws IOException {
    try (Stream<Path> files = Files.walk(cluster.dir().resolve("work"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        if (Files.readString(f).contains(text)) {
          return true;
        }
      }
    }
    return false;
  }
}
