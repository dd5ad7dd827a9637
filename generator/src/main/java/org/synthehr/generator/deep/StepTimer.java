package org.synthehr.generator.deep;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a training step's time goes, by named phase (batch assembly on the JVM, forward passes,
 * backward, optimiser). Phases are timed back to back with {@link #lap}; on the CPU every native
 * operation is synchronous, so the split is exact. Both wall time and the training thread's CPU
 * time are kept: with one PyTorch thread all work runs on the calling thread, so CPU time is what
 * the step costs even when other processes compete for the cores. Reported once at the end of
 * training and used by the benchmarks to explain their figures.
 */
public final class StepTimer {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final String[] names;
  private final long[] wall;
  private final long[] cpu;
  private long lastWall;
  private long lastCpu;
  private long steps;

  public StepTimer(String... names) {
    this.names = names.clone();
    this.wall = new long[names.length];
    this.cpu = new long[names.length];
  }

  /** Starts timing a step. */
  public void start() {
    lastWall = System.nanoTime();
    lastCpu = THREADS.getCurrentThreadCpuTime();
    steps++;
  }

  /** Charges the time since the last lap (or start) to a phase. */
  public void lap(int phase) {
    long now = System.nanoTime();
    long nowCpu = THREADS.getCurrentThreadCpuTime();
    wall[phase] += now - lastWall;
    cpu[phase] += nowCpu - lastCpu;
    lastWall = now;
    lastCpu = nowCpu;
  }

  /** "31.2 ms per step (thread CPU 14.0 ms: batch 1.2, forward 4.1, ...), 360 steps". */
  public String describe() {
    if (steps == 0) {
      return "no steps timed";
    }
    List<String> parts = new ArrayList<>();
    long totalWall = 0;
    long totalCpu = 0;
    for (int i = 0; i < names.length; i++) {
      parts.add(String.format(Locale.ROOT, "%s %.1f", names[i], cpu[i] / 1e6 / steps));
      totalWall += wall[i];
      totalCpu += cpu[i];
    }
    return String.format(Locale.ROOT, "%.1f ms per step (training thread CPU %.1f ms: %s),"
        + " %,d steps", totalWall / 1e6 / steps, totalCpu / 1e6 / steps, String.join(", ", parts),
        steps);
  }
}
