package org.synthehr.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real Spark standalone cluster (a Master and N Workers, separate JVMs on 127.0.0.1) and
 * optionally HDFS (a NameNode and a DataNode), started through {@code bin/cluster} in a directory
 * of its own, for integration tests (*IT.java, run by failsafe after {@code package}).
 *
 * <p>Jobs go through Spark's own {@code spark-submit} with the toolkit's shaded jar and the
 * command line {@code org.synthehr.spark.cli.SynthMain}, exactly as a user submits them; nothing
 * here calls the toolkit's classes. {@link #close()} stops every process, also when a test fails,
 * and a JVM shutdown hook does the same if the test JVM is stopped before.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(dir, LocalCluster.options().hdfs(true))) {
 *   LocalCluster.SubmitResult r = cluster.submit(List.of("pipeline", "configs/x.yaml"), Map.of());
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
  /** The class spark-submit runs. */
  public static final String MAIN_CLASS = "org.synthehr.spark.cli.SynthMain";
  /** The executor JVM flags of the README's "Running on a cluster". */
  public static final String EXECUTOR_JAVA_OPTIONS =
      "-Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dai.djl.pytorch.num_threads=1";
  /** The driver JVM flags of the README's "Running on a cluster". */
  public static final String DRIVER_JAVA_OPTIONS = "-Dai.djl.offline=true -DOPT_OUT_TRACKING=true";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(10);

  private final Path repoRoot;
  private final Path dir;
  private final Path sparkJar;
  private final Map<String, String> env;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger submits = new AtomicInteger();
  private final Thread shutdownHook;

  /** Default options: 2 workers of 1 core and 1g, no GPU, no HDFS. */
  public static ClusterOptions options() {
    return new ClusterOptions();
  }


  /** True where bin/cluster can run (Linux with bash and /proc). */
  public static boolean supported() {
    return System.getProperty("os.name", "").toLowerCase().contains("linux")
        && Files.isDirectory(Paths.get("/proc/self")) && Files.isExecutable(Paths.get("/bin/bash"));
  }

  /**
   * Starts a cluster in {@code dir} (created; earlier contents of a previous run are replaced by
   * bin/cluster). Fails with the end of bin/cluster's log if it does not come up.
   */
  public static LocalCluster start(Path dir, ClusterOptions options) throws IOException {
    Path root = findRepoRoot();
    Path abs = dir.toAbsolutePath().normalize();
    Files.createDirectories(abs);
    List<String> cmd = new ArrayList<>(List.of("/bin/bash", root.resolve("bin/cluster").toString(),
        "start", "--dir", abs.toString()));
    cmd.addAll(options.args());
    Path log = abs.resolve("cluster-start.log");
    int code = run(cmd, root, log, START_TIMEOUT);
    if (code != 0) {
      String tail = tail(log, 60);
      stop(root, abs);
      throw new IllegalStateException("bin/cluster start failed (exit " + code + "), log " + log
          + ":\n" + tail);
    }
    Map<String, String> env = readEnv(abs.resolve("cluster.env"));
    return new LocalCluster(root, abs, sparkJar(root), env);
  }

  private LocalCluster(Path repoRoot, Path dir, Path sparkJar, Map<String, String> env) {
    this.repoRoot = repoRoot;
    this.dir = dir;
    this.sparkJar = sparkJar;
    this.env = env;
    this.shutdownHook = new Thread(() -> stop(repoRoot, dir), "local-cluster-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The repository root (where bin/cluster is). */
  public Path repoRoot() {
    return repoRoot;
  }

  /** The cluster directory. */
  public Path dir() {
    return dir;
  }

  /** {@code spark://127.0.0.1:PORT}. */
  public String masterUrl() {
    return env.get("SYNTH_MASTER");
  }

  /** The master's web UI ({@code /json/} gives its state). */
  public String masterUi() {
    return env.get("SYNTH_MASTER_UI");
  }

  /** {@code hdfs://127.0.0.1:PORT}, when started with HDFS. */
  public Optional<URI> hdfsUri() {
    return Optional.ofNullable(env.get("SYNTH_HDFS")).map(URI::create);
  }

  /** The Spark distribution layout (bin/spark-submit, conf/, jars/). */
  public Path sparkHome() {
    return Paths.get(env.get("SPARK_HOME"));
  }

  /** Where spark-submit's event logs go (one entry per application). */
  public Path eventLogDir() {
    return Paths.get(env.get("SYNTH_EVENT_LOG"));
  }

  /** The toolkit's shaded jar that {@link #submit} submits. */
  public Path sparkJar() {
    return sparkJar;
  }

  /** The daemons' logs (master.log, worker-N.log, namenode.log, datanode.log). */
  public Path logDir() {
    return dir.resolve("logs");
  }

  /** {@link #submit(List, Map, Duration)} with the default timeout. */
  public Submission.Result submit(List<String> synthArgs, Map<String, String> extraConf)
      throws IOException {
    return submit(synthArgs, extraConf, SUBMIT_TIMEOUT);
  }

  /**
   * Runs {@code spark-submit --deploy-mode client --class SynthMain <shaded jar> synthArgs...}
   * against this cluster from the repository root (so relative paths in configs resolve as with
   * bin/synth), with the README's driver and executor flags, DJL offline with its cache under the
   * cluster directory, and the event log on. {@code extraConf} entries are passed as
   * {@code --conf k=v} after (and over) the defaults.
   */
  public Submission.Result submit(List<String> synthArgs, Map<String, String> extraConf,
      Duration timeout) throws IOException {
    return startSubmit(masterUrl(), synthArgs, extraConf).await(timeout);
  }

  /** The same submission to {@code local[2]} on this machine: the reference a cluster run equals. */
  public Submission.Result submitLocal(List<String> synthArgs, Map<String, String> extraConf)
      throws IOException {
    return startSubmit("local[2]", synthArgs, extraConf).await(SUBMIT_TIMEOUT);
  }

  /** Starts a submission to {@code master} and returns while it runs (to disturb it). */
  public Submission.Running startSubmit(String master, List<String> synthArgs,
      Map<String, String> extraConf) throws IOException {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.executor.extraJavaOptions", EXECUTOR_JAVA_OPTIONS);
    conf.put("spark.executorEnv.DJL_OFFLINE", "true");
    conf.put("spark.executorEnv.OPT_OUT_TRACKING", "true");
    conf.put("spark.executorEnv.DJL_CACHE_DIR", dir.resolve("djl").toString());
    conf.put("spark.eventLog.enabled", "true");
    conf.put("spark.eventLog.dir", eventLogDir().toUri().toString());
    conf.put("spark.eventLog.compress", "false");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.ui.enabled", "false");
    conf.putAll(extraConf);
    // In local mode the driver is the executor: it gets the executors' PyTorch thread count, so
    // a deep model trains with the same arithmetic as on the cluster.
    String driverOptions = master.startsWith("local") ? DRIVER_JAVA_OPTIONS
        + " -Dai.djl.pytorch.num_threads=1" : DRIVER_JAVA_OPTIONS;
    return Submission.start(repoRoot, sparkHome(), sparkJar, dir, submits.incrementAndGet(),
        master, driverOptions, conf, synthArgs);
  }

  // ------------------------------------------------------------------------------------- HDFS

  /** A client of the cluster's HDFS (Spark's bundled Hadoop client); the caller closes it. */
  public FileSystem hdfs() throws IOException {
    URI uri = hdfsUri().orElseThrow(() -> new IllegalStateException("started without HDFS"));
    Configuration conf = new Configuration(false);
    conf.set("fs.defaultFS", uri.toString());
    conf.set("dfs.replication", "1");
    conf.set("dfs.client.use.datanode.hostname", "false");
    return FileSystem.newInstance(uri, conf);
  }

  /** The full URI of an absolute HDFS path, e.g. {@code /data/x.csv}. */
  public URI hdfsPath(String absolutePath) {
    URI base = hdfsUri().orElseThrow(() -> new IllegalStateException("started without HDFS"));
    if (!absolutePath.startsWith("/")) {
      throw new IllegalArgumentException("not absolute: " + absolutePath);
    }
    return base.resolve(absolutePath);
  }

  /** Copies a local file or directory to an absolute HDFS path (parents created, replaced). */
  public URI hdfsPut(Path local, String hdfsPath) throws IOException {
    URI target = hdfsPath(hdfsPath);
    try (FileSystem fs = hdfs()) {
      org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(target);
      fs.mkdirs(dst.getParent());
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), dst);
    }
    return target;
  }

  /**
   * Copies an HDFS file or directory to a local path (replaced if present), without Hadoop's
   * .crc side files.
   */
  public Path hdfsGet(String hdfsPath, Path local) throws IOException {
    deleteRecursively(local);
    Files.createDirectories(local.toAbsolutePath().getParent());
    try (FileSystem fs = hdfs()) {
      fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(hdfsPath(hdfsPath)),
          new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri()), true);
    }
    return local;
  }

  /** Whether an absolute HDFS path exists. */
  public boolean hdfsExists(String hdfsPath) throws IOException {
    try (FileSystem fs = hdfs()) {
      return fs.exists(new org.apache.hadoop.fs.Path(hdfsPath(hdfsPath)));
    }
  }

  // -------------------------------------------------------------------------------- executors

  /** The executor JVMs (CoarseGrainedExecutorBackend) the workers of this cluster launched. */
  public List<ExecutorProcesses.ExecutorProcess> executors() {
    return ExecutorProcesses.of(sparkHome());
  }

  /** The pids of {@link #executors()}. */
  public List<Long> executorPids() {
    return executors().stream().map(ExecutorProcesses.ExecutorProcess::pid).toList();
  }

  /**
   * Kills an executor JVM of this cluster with SIGKILL (as a crashed machine would lose it) and
   * waits until it is gone. Refuses any other process.
   */
  public void killExecutor(long pid) {
    if (!executorPids().contains(pid)) {
      throw new IllegalArgumentException("pid " + pid + " is not an executor of " + dir);
    }
    ExecutorProcesses.kill(pid);
  }

  // ------------------------------------------------------------------------------------ close

  /**
   * Stops every process of the cluster (idempotent), then deletes the bulky copies it leaves: the
   * application jar each executor fetched into its worker dir (about 135 MB each) and the PyTorch
   * library DJL unpacked (about 430 MB). Logs, executor stdout/stderr and event logs stay.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs (or ran) anyway
    }
    stop(repoRoot, dir);
    try {
      deleteRecursively(dir.resolve("djl"));
      Path work = dir.resolve("work");
      if (Files.isDirectory(work)) {
        try (var walk = Files.walk(work)) {
          for (Path jar : walk.filter(f -> f.toString().endsWith(".jar")).toList()) {
            Files.deleteIfExists(jar);
          }
        }
      }
    } catch (IOException e) {
      System.err.println("could not prune " + dir + ": " + e);
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  private static void stop(Path root, Path dir) {
    try {
      int code = run(List.of("/bin/bash", root.resolve("bin/cluster").toString(), "stop", "--dir",
          dir.toString()), root, dir.resolve("cluster-stop.log"), STOP_TIMEOUT);
      if (code != 0) {
        System.err.println("bin/cluster stop --dir " + dir + " exited " + code + ", see "
            + dir.resolve("cluster-stop.log"));
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("bin/cluster stop --dir " + dir + " failed: " + e);
    }
  }

  /** Runs a command with its output appended to a log file (never a pipe a daemon could hold). */
  private static int run(List<String> cmd, Path workDir, Path log, Duration timeout)
      throws IOException {
    Files.createDirectories(log.getParent());
    Files.writeString(log, "$ " + String.join(" ", cmd) + "\n");
    Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()))
        .start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + cmd, e);
    }
  }

  private static final Pattern EXPORT = Pattern.compile("^export ([A-Z_]+)='(.*)'$");

  private static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = EXPORT.matcher(line);
      if (m.matches()) {
        env.put(m.group(1), m.group(2));
      }
    }
    for (String k : List.of("SPARK_HOME", "SYNTH_MASTER", "SYNTH_EVENT_LOG")) {
      if (!env.containsKey(k)) {
        throw new IllegalStateException(file + " lacks " + k + ": " + env);
      }
    }
    return env;
  }

  /** The repository root: -Dsynth.repo.root, else the first parent of the working dir with bin/cluster. */
  static Path findRepoRoot() {
    String prop = System.getProperty("synth.repo.root");
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("bin/cluster")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no bin/cluster above " + Paths.get("").toAbsolutePath());
  }

  /** -Dsynth.spark.jar (set by the pom), else spark-jobs/target/synthehr-spark-jobs-*-spark.jar. */
  static Path sparkJar(Path root) throws IOException {
    String prop = System.getProperty("synth.spark.jar");
    if (prop != null && !prop.isBlank() && Files.isRegularFile(Paths.get(prop))) {
      return Paths.get(prop).toAbsolutePath();
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(
        root.resolve("spark-jobs/target"), "synthehr-spark-jobs-*-spark.jar")) {
      for (Path jar : jars) {
        return jar.toAbsolutePath();
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // reported below
    }
    throw new IllegalStateException("no shaded jar spark-jobs/target/synthehr-spark-jobs-*-spark.jar"
        + (prop == null ? "" : " (nor -Dsynth.spark.jar=" + prop + ")")
        + ": integration tests run after `package` (mvn -B verify)");
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
