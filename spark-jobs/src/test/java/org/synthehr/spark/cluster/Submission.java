package org.synthehr.spark.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code spark-submit} of the toolkit's shaded jar, as a user types it: Spark's own launcher
 * from the assembled {@code SPARK_HOME}, client deploy mode, the command line's stdout and stderr
 * kept in files beside the cluster.
 */
public final class Submission {
  private Submission() {}

  /** The result of one spark-submit. */
  public record Result(int exitCode, boolean timedOut, String stdout, String stderr,
      Path stdoutFile, Path stderrFile, Duration elapsed) {
    /** The last lines of stderr, for assertion messages. */
    public String stderrTail(int lines) {
      List<String> all = stderr.lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public String toString() {
      return "spark-submit exit " + exitCode + (timedOut ? " (timed out)" : "") + " after "
          + elapsed.toSeconds() + "s; stderr " + stderrFile + ", last lines:\n" + stderrTail(40);
    }
  }

  /** A submission that is still running. */
  public static final class Running {
    private final Process process;
    private final Path out;
    private final Path err;
    private final long started = System.nanoTime();

    Running(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    /** What the driver printed to stderr so far. */
    public String stderrSoFar() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    public boolean alive() {
      return process.isAlive();
    }

    /** Waits for the end (killing the submission and its children after {@code timeout}). */
    public Result await(Duration timeout) throws IOException {
      boolean done;
      try {
        done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException ex) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while spark-submit ran", ex);
      }
      return new Result(done ? process.exitValue() : -1, !done,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), out, err,
          Duration.ofNanos(System.nanoTime() - started));
    }
  }

  static Running start(Path repoRoot, Path sparkHome, Path jar, Path dir, int n, String master,
      String driverOptions, Map<String, String> conf, List<String> synthArgs) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(sparkHome.resolve("bin/spark-submit").toString(),
        "--master", master, "--deploy-mode", "client", "--class", LocalCluster.MAIN_CLASS,
        "--driver-java-options", driverOptions));
    conf.forEach((k, v) -> {
      cmd.add("--conf");
      cmd.add(k + "=" + v);
    });
    cmd.add(jar.toString());
    cmd.addAll(synthArgs);
    Path out = dir.resolve("submit-" + n + ".out");
    Path err = dir.resolve("submit-" + n + ".err");
    Files.writeString(dir.resolve("submit-" + n + ".cmd"), String.join("\n", cmd) + "\n");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repoRoot.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile())
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
    e.put("DJL_CACHE_DIR", dir.resolve("djl").toString());
    return new Running(pb.start(), out, err);
  }
}
