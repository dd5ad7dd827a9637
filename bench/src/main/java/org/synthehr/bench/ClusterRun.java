package org.synthehr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the cluster-scale benchmark, all through child processes: {@code bin/cluster start}
 * (a standalone master, W one-core workers and HDFS, in a directory of its own), the input put on
 * HDFS, {@code spark-submit ... SynthMain pipeline} with input and output on HDFS and a 1 GB
 * driver heap, the run's run.json and report.json fetched back, and {@code bin/cluster stop}
 * always, also when something failed or the benchmark is interrupted. A {@link ProcessMonitor}
 * watches every JVM of the cluster meanwhile; {@link DriverSubmission} stamps the driver's lines.
 */
final class ClusterRun {
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  /**
   * What one run measured.
   *
   * @param rows input rows
   * @param workers workers (one core each)
   * @param exitCode spark-submit's exit code (-1: timed out)
   * @param error why the run failed, or null
   * @param clusterStartSeconds bin/cluster start, HDFS included
   * @param putSeconds bin/cluster hdfs dfs -put of the input
   * @param submitSeconds spark-submit from launch to exit
   * @param startCpu CPU seconds by role when spark-submit was launched
   * @param marks the pipeline's stage lines, in order
   * @param endCpu CPU seconds by role when spark-submit ended
   * @param processes every cluster JVM seen, with its peak RSS and CPU time
   * @param heap the driver's heap from its GC log: {max capacity, peak before GC, peak after GC}
   *     in MB (-1 where the log had no collection)
   * @param runJson the local copy of the run's run.json (null if none)
   * @param syntheticBytes bytes of synthetic/ on HDFS (-1 if unknown)
   * @param dir where the run's logs are
   */
  record Result(long rows, int workers, int exitCode, String error, double clusterStartSeconds,
      double putSeconds, double submitSeconds, Map<String, Double> startCpu,
      List<DriverSubmission.Mark> marks, Map<String, Double> endCpu,
      List<ProcessMonitor.Proc> processes, long[] heap, Path runJson, long syntheticBytes,
      Path dir) {
    boolean ok() {
      return error == null;
    }
  }

  private final Path root;
  private final Path dir;
  private final Path clusterDir;
  private final long rows;
  private final int workers;
  private final String executorMemory;
  private final long timeoutMinutes;

  ClusterRun(Path root, Path dir, long rows, int workers, String executorMemory,
      long timeoutMinutes) {
    this.root = root;
    this.dir = dir;
    this.clusterDir = dir.resolve("cluster");
    this.rows = rows;
    this.workers = workers;
    this.executorMemory = executorMemory;
    this.timeoutMinutes = timeoutMinutes;
  }

  /** The cluster command line of this run. */
  List<String> clusterStart() {
    return List.of("bin/cluster", "start", "--workers", String.valueOf(workers),
        "--worker-cores", "1", "--worker-memory", executorMemory, "--hdfs", "--dir",
        rel(clusterDir));
  }

  /** Runs it; never leaves a cluster process behind. */
  Result run(Path input, List<String> pipelineArgs) throws IOException, InterruptedException {
    deleteTree(dir);
    Files.createDirectories(dir);
    Thread hook = new Thread(this::stopCluster, "cluster-scale-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    double start = -1;
    double put = -1;
    DriverSubmission s = null;
    String error = null;
    List<ProcessMonitor.Proc> procs;
    long synthetic = -1;
    Path runJson = null;
    try (ProcessMonitor monitor = new ProcessMonitor(clusterDir, 500)) {
      try {
        long t0 = System.nanoTime();
        check(exec(clusterStart(), dir.resolve("cluster-start.log")), "bin/cluster start",
            dir.resolve("cluster-start.log"));
        start = (System.nanoTime() - t0) / 1e9;
        Map<String, String> env = readEnv(clusterDir.resolve("cluster.env"));
        String hdfs = env.get("SYNTH_HDFS");
        long t1 = System.nanoTime();
        check(hdfs("dfs", "-mkdir", "-p", "/scale"), "hdfs dfs -mkdir", hdfsLog());
        check(hdfs("dfs", "-put", "-f", input.toString(), "/scale/input.parquet"),
            "hdfs dfs -put", hdfsLog());
        put = (System.nanoTime() - t1) / 1e9;
        List<String> args = new ArrayList<>(pipelineArgs);
        args.addAll(List.of("--set", "input.path=" + hdfs + "/scale/input.parquet", "--set",
            "output.dir=" + hdfs + "/scale/out", "--overwrite"));
        s = DriverSubmission.run(root, dir, clusterDir, env, executorMemory, sparkJar(root), args,
            monitor, timeoutMinutes);
        if (s.exit() != 0) {
          error = s.exit() < 0 ? "spark-submit timed out after " + timeoutMinutes + " min"
              : "spark-submit exited " + s.exit() + ": " + lastSynthLine(s.err());
        } else if (s.oom()) {
          error = "the driver or an executor ran out of memory (see " + s.err() + ")";
        } else {
          Path local = dir.resolve("out");
          Files.createDirectories(local);
          if (hdfs("dfs", "-get", "/scale/out/run.json", "/scale/out/report.json",
              local.toString()) == 0) {
            runJson = local.resolve("run.json");
          }
          synthetic = duBytes("/scale/out/synthetic");
        }
      } catch (IllegalStateException e) {
        error = e.getMessage();
      } finally {
        if (s != null && s.process().isAlive()) {
          s.process().descendants().forEach(ProcessHandle::destroyForcibly);
          s.process().destroyForcibly();
        }
        stopCluster();
        Runtime.getRuntime().removeShutdownHook(hook);
      }
      procs = monitor.processes();
    }
    String left = leftovers();
    if (left != null && error == null) {
      error = left;
    }
    long[] heap = gcHeap(dir.resolve("driver-gc.log"));
    if (error == null) {
      error = driverHeapProblem(procs, heap);
    }
    pruneCluster();
    return new Result(rows, workers, s == null ? -1 : s.exit(), error, start, put,
        s == null ? -1 : s.seconds(), s == null ? Map.of() : s.startCpu(),
        s == null ? List.of() : s.marks(),
        s == null ? Map.of() : s.endCpu(), procs, heap, runJson, synthetic, dir);
  }

  /** Why the driver's heap broke the 1 GB promise, or null. */
  static String driverHeapProblem(List<ProcessMonitor.Proc> procs, long[] heap) {
    List<ProcessMonitor.Proc> drivers = procs.stream().filter(p -> p.role().equals("driver"))
        .toList();
    if (drivers.isEmpty()) {
      return "no driver process was seen";
    }
    for (ProcessMonitor.Proc d : drivers) {
      if (!d.maxHeap().equalsIgnoreCase(DriverSubmission.DRIVER_MEMORY) && !d.maxHeap().equalsIgnoreCase("1024m")) {
        return "the driver ran with -Xmx" + d.maxHeap() + ", not -Xmx" + DriverSubmission.DRIVER_MEMORY;
      }
    }
    if (heap[0] > 1024) {
      return "the driver's heap grew to " + heap[0] + " MB (GC log), more than 1 GB";
    }
    return null;
  }

  /** {max capacity, peak before GC, peak after GC} in MB from a -Xlog:gc log; -1 when unknown. */
  static long[] gcHeap(Path log) {
    long[] h = {-1, -1, -1};
    try {
      for (String line : Files.readAllLines(log)) {
        Matcher m = GC.matcher(line);
        if (m.find()) {
          h[1] = Math.max(h[1], Long.parseLong(m.group(1)));
          h[2] = Math.max(h[2], Long.parseLong(m.group(2)));
          h[0] = Math.max(h[0], Long.parseLong(m.group(3)));
        }
      }
    } catch (IOException e) {
      // no log: unknown
    }
    return h;
  }

  private long duBytes(String path) throws IOException, InterruptedException {
    Path log = dir.resolve("hdfs-du.log");
    if (exec(List.of("bin/cluster", "hdfs", "--dir", rel(clusterDir), "dfs", "-du", "-s", path),
        log) != 0) {
      return -1;
    }
    for (String line : Files.readAllLines(log)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && f[0].matches("[0-9]+") && line.contains(path)) {
        return Long.parseLong(f[0]);
      }
    }
    return -1;
  }

  private int hdfs(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bin/cluster", "hdfs", "--dir", rel(clusterDir)));
    cmd.addAll(List.of(args));
    return exec(cmd, hdfsLog(), true);
  }

  private Path hdfsLog() {
    return dir.resolve("hdfs.log");
  }

  private void stopCluster() {
    try {
      exec(List.of("bin/cluster", "stop", "--dir", rel(clusterDir)), dir.resolve("cluster-stop.log"));
    } catch (IOException | InterruptedException e) {
      System.err.println("bench cluster-scale: bin/cluster stop --dir " + clusterDir + " failed: "
          + e);
    }
  }

  /** A message naming the processes of this cluster still alive after the stop, or null. */
  private String leftovers() {
    List<ProcessMonitor.Proc> alive = new ArrayList<>();
    try (ProcessMonitor after = new ProcessMonitor(clusterDir, 60_000)) {
      alive.addAll(after.processes());
    }
    return alive.isEmpty() ? null : "processes of " + clusterDir + " still run after"
        + " bin/cluster stop: " + alive.stream().map(p -> p.pid() + " " + p.name()).toList();
  }

  /** Deletes the bulky copies a run leaves: HDFS blocks, fetched application jars, DJL. */
  private void pruneCluster() throws IOException {
    deleteTree(clusterDir.resolve("hdfs"));
    deleteTree(clusterDir.resolve("djl"));
    Path work = clusterDir.resolve("work");
    if (Files.isDirectory(work)) {
      try (var walk = Files.walk(work)) {
        for (Path jar : walk.filter(f -> f.toString().endsWith(".jar")).toList()) {
          Files.deleteIfExists(jar);
        }
      }
    }
  }

  private int exec(List<String> cmd, Path log) throws IOException, InterruptedException {
    return exec(cmd, log, false);
  }

  private int exec(List<String> cmd, Path log, boolean append)
      throws IOException, InterruptedException {
    String header = "$ " + String.join(" ", cmd) + "\n";
    if (append) {
      Files.writeString(log, header, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } else {
      Files.writeString(log, header);
    }
    return new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start().waitFor();
  }

  private static void check(int exit, String what, Path log) {
    if (exit != 0) {
      throw new IllegalStateException(what + " exited " + exit + " (log: " + log + ")");
    }
  }

  private static String lastSynthLine(Path err) {
    try {
      List<String> lines = Files.readAllLines(err);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains("synth pipeline: ")) {
          return lines.get(i).substring(lines.get(i).indexOf("synth pipeline: ")).strip();
        }
      }
      return "see " + err;
    } catch (IOException e) {
      return "see " + err;
    }
  }

  private static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    Pattern export = Pattern.compile("^export ([A-Z_]+)='(.*)'$");
    for (String line : Files.readAllLines(file)) {
      Matcher m = export.matcher(line);
      if (m.matches()) {
        env.put(m.group(1), m.group(2));
      }
    }
    for (String k : List.of("SPARK_HOME", "SYNTH_MASTER", "SYNTH_EVENT_LOG", "SYNTH_HDFS")) {
      if (!env.containsKey(k)) {
        throw new IllegalStateException(file + " lacks " + k);
      }
    }
    return env;
  }

  /** The toolkit's shaded jar that spark-submit runs. */
  static Path sparkJar(Path root) throws IOException {
    try (var jars = Files.newDirectoryStream(root.resolve("spark-jobs/target"),
        "synthehr-spark-jobs-*-spark.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    throw new IllegalStateException("no spark-jobs/target/synthehr-spark-jobs-*-spark.jar");
  }

  private String rel(Path p) {
    return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
  }

  static void deleteTree(Path p) throws IOException {
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
