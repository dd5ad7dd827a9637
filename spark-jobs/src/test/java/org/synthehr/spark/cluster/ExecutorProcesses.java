package org.synthehr.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The executor JVMs of a local cluster, found in /proc by their command line. */
final class ExecutorProcesses {
  private static final String EXECUTOR_CLASS =
      "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private ExecutorProcesses() {}

  /** An executor JVM of a cluster. */
  record ExecutorProcess(long pid, String appId, String executorId) {}

  /** The executors launched from {@code sparkHome}'s jars. */
  static List<ExecutorProcess> of(Path sparkHome) {
    List<ExecutorProcess> found = new ArrayList<>();
    String home = sparkHome.toString() + "/";
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        List<String> args = cmdline(proc);
        if (args.contains(EXECUTOR_CLASS) && args.stream().anyMatch(a -> a.contains(home))) {
          found.add(new ExecutorProcess(Long.parseLong(proc.getFileName().toString()),
              argAfter(args, "--app-id"), argAfter(args, "--executor-id")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** SIGKILL, as a crashed machine would lose the executor, and wait until it is gone. */
  static void kill(long pid) {
    ProcessHandle h = ProcessHandle.of(pid).orElse(null);
    if (h == null) {
      return;
    }
    h.destroyForcibly();
    try {
      h.onExit().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("executor " + pid + " still runs after SIGKILL", e);
    }
  }

  private static List<String> cmdline(Path proc) {
    try {
      byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
      if (raw.length == 0) {
        return List.of();
      }
      return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException | SecurityException e) {
      return List.of(); // gone, or not ours to read
    }
  }

  private static String argAfter(List<String> args, String flag) {
    int i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "";
  }
}
