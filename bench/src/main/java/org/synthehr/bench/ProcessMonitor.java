package org.synthehr.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches the JVMs of one local cluster through /proc: every poll (about every 0.5 s, on a daemon
 * thread) finds the Java processes whose command line names the cluster directory, tells their
 * role from their main class (the spark-submit driver, executors, master, workers, NameNode,
 * DataNode) and records each one's peak resident memory ({@code VmHWM}, exact even between polls)
 * and CPU time ({@code utime + stime}). A process that ends keeps its last figures. A fork of a
 * cluster JVM that has not exec'd yet (it still shows the JVM's command line) is not counted.
 */
final class ProcessMonitor implements AutoCloseable {
  /** Roles in the order they are reported. */
  static final List<String> ROLES = List.of("driver", "executor", "master", "worker", "namenode",
      "datanode");
  private static final double TICKS_PER_SECOND = 100; // CLK_TCK on Linux (getconf CLK_TCK)

  /**
   * One process seen.
   *
   * @param pid its pid
   * @param role one of {@link #ROLES}, or "hdfs-cli" for bin/cluster's HDFS commands
   * @param name e.g. "executor 1 (app-...)" or "worker-2"
   * @param peakRssKb the largest VmHWM seen, in kB
   * @param cpuTicks its CPU time (user + system) at the last poll, in clock ticks
   * @param maxHeap the -Xmx of its command line, or "" when none
   */
  record Proc(long pid, String role, String name, long peakRssKb, long cpuTicks, String maxHeap) {
    double peakRssMb() {
      return peakRssKb / 1024.0;
    }

    double cpuSeconds() {
      return cpuTicks / TICKS_PER_SECOND;
    }
  }

  private final String marker;
  private final Map<Long, Proc> seen = new LinkedHashMap<>();
  private final Thread thread;
  private volatile boolean stopped;

  /** Starts polling for the JVMs of the cluster in {@code clusterDir}. */
  ProcessMonitor(Path clusterDir, long intervalMillis) {
    this.marker = clusterDir.toAbsolutePath().normalize() + "/";
    this.thread = new Thread(() -> {
      while (!stopped) {
        poll();
        try {
          Thread.sleep(intervalMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "process-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  /** Polls now, then returns every process seen so far (by pid). */
  synchronized List<Proc> processes() {
    poll();
    return List.copyOf(seen.values());
  }

  /** Polls now, then sums the CPU seconds of every process seen, by role. */
  synchronized Map<String, Double> cpuByRole() {
    poll();
    Map<String, Double> out = new TreeMap<>();
    seen.values().forEach(p -> out.merge(p.role(), p.cpuSeconds(), Double::sum));
    return out;
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    poll();
  }

  private synchronized void poll() {
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        long pid = Long.parseLong(proc.getFileName().toString());
        List<String> args = cmdline(proc);
        if (args.isEmpty() || !args.get(0).endsWith("java")
            || args.stream().noneMatch(a -> a.contains(marker))) {
          continue;
        }
        String[] role = role(args);
        if (role == null) {
          continue;
        }
        long[] mem = status(proc);
        long[] stat = stat(proc);
        if (mem == null || stat == null) {
          continue; // it ended between the reads
        }
        Proc parent = seen.get(stat[0]);
        if (parent != null && parent.name().equals(role[1])) {
          continue; // a fork of a cluster JVM caught before it exec'd (e.g. the DataNode's df)
        }
        long cpu = stat[1];
        Proc old = seen.get(pid);
        long peak = Math.max(mem[1], old == null ? 0 : old.peakRssKb());
        seen.put(pid, new Proc(pid, role[0], role[1], peak, cpu, maxHeap(args)));
      }
    } catch (IOException e) {
      // /proc unreadable for a moment: the next poll tries again
    }
  }

  /** {role, name} of a cluster JVM, or null for one that is not measured (Spark's launcher). */
  private static String[] role(List<String> args) {
    if (args.contains("org.apache.spark.launcher.Main")) {
      return null; // the short-lived JVM that prints the command of every Spark JVM
    }
    if (args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")) {
      return new String[] {"executor", "executor " + after(args, "--executor-id")};
    }
    if (args.contains("org.apache.spark.deploy.SparkSubmit")) {
      return new String[] {"driver", "driver (spark-submit)"};
    }
    if (args.contains("org.apache.spark.deploy.master.Master")) {
      return new String[] {"master", "master"};
    }
    if (args.contains("org.apache.spark.deploy.worker.Worker")) {
      String work = after(args, "--work-dir");
      return new String[] {"worker", work.substring(work.lastIndexOf('/') + 1)};
    }
    if (args.contains("org.apache.hadoop.hdfs.server.namenode.NameNode")) {
      return args.contains("-format") ? null : new String[] {"namenode", "NameNode"};
    }
    if (args.contains("org.apache.hadoop.hdfs.server.datanode.DataNode")) {
      return new String[] {"datanode", "DataNode"};
    }
    return new String[] {"hdfs-cli", "HDFS command"};
  }

  private static String after(List<String> args, String flag) {
    int i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "?";
  }

  private static String maxHeap(List<String> args) {
    String xmx = "";
    for (String a : args) {
      if (a.startsWith("-Xmx")) {
        xmx = a.substring(4); // the last one wins, as in the JVM
      }
    }
    return xmx;
  }

  private static List<String> cmdline(Path proc) {
    try {
      byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
      return raw.length == 0 ? List.of()
          : Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }

  /** {VmRSS, VmHWM} in kB, or null when the process is gone. */
  private static long[] status(Path proc) {
    try {
      long rss = -1;
      long hwm = -1;
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        } else if (line.startsWith("VmHWM:")) {
          hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return hwm < 0 ? null : new long[] {rss, Math.max(hwm, rss)};
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /** {parent pid, utime + stime in clock ticks}, or null when the process is gone. */
  private static long[] stat(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      // Fields after the command name, which may hold spaces and ends at the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
