package org.synthehr.generator.deep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a training step's time goes, by named phase (batch assembly on the JVM, forward passes,
 * backward, optimiser). Phases are timed back to back with {@link #lap}; on the CPU every native
 * operation is synchronous, so the split is exact. Reported once at the end of training and used by
 * the benchmarks to explain their figures.
 */
public final class StepTimer {
  private final String[] names;
  private final long[] nanos;
  private long last;
  private long steps;

  public StepTimer(String... names) {
    this.names = names.clone();
    this.nanos = new long[names.length];
  }

  /** Starts timing a step. */
  public void start() {
    last = System.nanoTime();
    steps++;
  }

  /** Charges the time since the last lap (or start) to a phase. */
  public void lap(int phase) {
    long now = System.nanoTime();
    nanos[phase] += now - last;
    last = now;
  }

  /** "per step: batch 1.2 ms, generator 9.8 ms, ..." over all steps so far. */
  public String describe() {
    if (steps == 0) {
      return "no steps timed";
    }
    List<String> parts = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < names.length; i++) {
      parts.add(String.format(Locale.ROOT, "%s %.1f ms", names[i], nanos[i] / 1e6 / steps));
      total += nanos[i];
    }
    return String.format(Locale.ROOT, "%.1f ms per step (%s), %,d steps", total / 1e6 / steps,
        String.join(", ", parts), steps);
  }
}
