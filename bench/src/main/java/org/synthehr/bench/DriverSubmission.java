package org.synthehr.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code spark-submit} of the toolkit's shaded jar in client mode, as the README's "Running on
 * a cluster" types it (DJL offline on the driver and the executors, the event log on), with a
 * 1 GB driver heap and the driver's GC log. Every line the driver prints to stderr is stamped with
 * the seconds since launch as it arrives; at each pipeline line {@code [k/6]} the CPU time every
 * cluster process has used so far is taken from the {@link ProcessMonitor}.
 *
 * @param process the spark-submit process (the driver JVM once Spark's launcher has exec'd it)
 * @param exit its exit code, -1 when it timed out
 * @param seconds launch to exit
 * @param startCpu CPU seconds by role at launch
 * @param marks the pipeline's stage lines, in order
 * @param endCpu CPU seconds by role at exit
 * @param err the stamped stderr
 * @param oom whether the driver printed an OutOfMemoryError
 */
record DriverSubmission(Process process, int exit, double seconds, Map<String, Double> startCpu,
    List<DriverSubmission.Mark> marks, Map<String, Double> endCpu, Path err, boolean oom) {
  static final String MAIN_CLASS = "org.synthehr.spark.cli.SynthMain";
  static final String DRIVER_MEMORY = "1g";
  static final String DRIVER_OPTIONS = "-Dai.djl.offline=true -DOPT_OUT_TRACKING=true";
  static final String EXECUTOR_OPTIONS =
      "-Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dai.djl.pytorch.num_threads=1";
  private static final Pattern STEP = Pattern.compile("^\\[(\\d+)/(\\d+)\\] (.*)$");

  /**
   * A pipeline stage mark: the driver printed {@code [index/total] text} at {@code seconds} after
   * spark-submit started, when the cluster's processes had used {@code cpu} seconds (by role).
   */
  record Mark(int index, String text, double seconds, Map<String, Double> cpu) {}

  /**
   * Runs spark-submit against the cluster whose {@code bin/cluster env} is {@code env}, from the
   * repository root, with its stdout in {@code dir/driver.out}, its stamped stderr in
   * {@code dir/driver.err} and its GC log in {@code dir/driver-gc.log}; kills it (and its
   * children) after {@code timeoutMinutes}.
   */
  static DriverSubmission run(Path root, Path dir, Path clusterDir, Map<String, String> env,
      String executorMemory, Path sparkJar, List<String> synthArgs, ProcessMonitor monitor,
      long timeoutMinutes) throws IOException, InterruptedException {
    Path sparkHome = Path.of(env.get("SPARK_HOME"));
    List<String> cmd = new ArrayList<>(List.of(sparkHome.resolve("bin/spark-submit").toString(),
        "--master", env.get("SYNTH_MASTER"), "--deploy-mode", "client", "--class", MAIN_CLASS,
        "--driver-memory", DRIVER_MEMORY, "--driver-java-options",
        DRIVER_OPTIONS + " -Xlog:gc:file=" + dir.resolve("driver-gc.log")));
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.executor.memory", executorMemory);
    // Each executor has its worker's one core. Said explicitly: otherwise the training stage
    // derives the cores per executor from the default parallelism, which standalone Spark raises
    // to at least 2, and on one worker its task claimed 2 cores of a 1-core executor and waited
    // forever.
    conf.put("spark.executor.cores", "1");
    conf.put("spark.executor.extraJavaOptions", EXECUTOR_OPTIONS);
    conf.put("spark.executorEnv.DJL_OFFLINE", "true");
    conf.put("spark.executorEnv.OPT_OUT_TRACKING", "true");
    conf.put("spark.executorEnv.DJL_CACHE_DIR", clusterDir.resolve("djl").toString());
    conf.put("spark.eventLog.enabled", "true");
    conf.put("spark.eventLog.dir", Path.of(env.get("SYNTH_EVENT_LOG")).toUri().toString());
    conf.put("spark.eventLog.compress", "false");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.ui.enabled", "false");
    conf.forEach((k, v) -> cmd.addAll(List.of("--conf", k + "=" + v)));
    cmd.add(sparkJar.toString());
    cmd.addAll(synthArgs);
    Files.writeString(dir.resolve("submit.cmd"), String.join("\n", cmd) + "\n");
    Path out = dir.resolve("driver.out");
    Path err = dir.resolve("driver.err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
        .redirectOutput(out.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Map<String, String> e = pb.environment();
    for (String k : List.of("SPARK_CONF_DIR", "HADOOP_CONF_DIR", "YARN_CONF_DIR",
        "SPARK_SUBMIT_OPTS", "SPARK_DIST_CLASSPATH")) {
      e.remove(k);
    }
    e.put("SPARK_HOME", sparkHome.toString());
    e.put("SPARK_LOCAL_IP", "127.0.0.1");
    e.put("DJL_OFFLINE", "true");
    e.put("OPT_OUT_TRACKING", "true");
    e.put("DJL_CACHE_DIR", clusterDir.resolve("djl").toString());
    Map<String, Double> startCpu = monitor.cpuByRole();
    long t0 = System.nanoTime();
    Process p = pb.start();
    List<Mark> marks = new ArrayList<>();
    boolean[] oom = {false};
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(),
          StandardCharsets.UTF_8)); PrintWriter log = new PrintWriter(Files.newBufferedWriter(err))) {
        String line;
        while ((line = in.readLine()) != null) {
          double t = (System.nanoTime() - t0) / 1e9;
          log.printf(Locale.ROOT, "[%9.3f] %s%n", t, line);
          log.flush();
          Matcher m = STEP.matcher(line);
          if (m.matches()) {
            Mark mark = new Mark(Integer.parseInt(m.group(1)), m.group(3), t,
                monitor.cpuByRole());
            synchronized (marks) {
              marks.add(mark);
            }
            System.err.printf(Locale.ROOT, "  %7.1f s  %s%n", t, line);
          }
          if (line.contains("OutOfMemoryError")) {
            oom[0] = true;
          }
        }
      } catch (IOException ex) {
        System.err.println("bench cluster-scale: lost the driver's stderr: " + ex);
      }
    }, "driver-stderr");
    reader.start();
    boolean done = p.waitFor(timeoutMinutes, TimeUnit.MINUTES);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> endCpu = monitor.cpuByRole();
    reader.join(30_000);
    List<Mark> copy;
    synchronized (marks) {
      copy = List.copyOf(marks);
    }
    return new DriverSubmission(p, done ? p.exitValue() : -1, seconds, startCpu, copy, endCpu, err,
        oom[0]);
  }
}
