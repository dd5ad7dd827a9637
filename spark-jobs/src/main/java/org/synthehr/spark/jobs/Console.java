package org.synthehr.spark.jobs;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.synthehr.generator.EpochStats;
import org.synthehr.generator.TrainingListener;

/**
 * Progress for people: numbered steps with elapsed time, and training epochs with losses,
 * throughput and ETA, on standard error (standard output stays free for results).
 */
public final class Console implements TrainingListener {
  private final PrintStream out;
  private final long start = System.nanoTime();
  private final boolean quiet;
  private int lastPrintedEpoch;
  private long lastPrintNanos;

  public Console(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** A console on standard error. */
  public static Console stderr() {
    return new Console(System.err, false);
  }

  /** A console that prints nothing (tests). */
  public static Console silent() {
    return new Console(System.err, true);
  }

  /** Prints a step line: "[2/5] split by patient_nbr ... (3.1 s)". */
  public void step(int index, int total, String text) {
    print(String.format(Locale.ROOT, "[%d/%d] %s", index, total, text));
  }

  /** Prints an indented detail line. */
  public void detail(String text) {
    print("      " + text.replace("\n", "\n      "));
  }

  /** Prints a line as is. */
  public void line(String text) {
    print(text);
  }

  /** Whether this console prints nothing (a task working for it stays quiet too). */
  public boolean quiet() {
    return quiet;
  }

  /** Seconds since this console was made. */
  public double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void epoch(EpochStats s) {
    long now = System.nanoTime();
    boolean due = s.epoch() == 1 || s.epoch() == s.epochs() || now - lastPrintNanos > 2_000_000_000L
        || s.epoch() - lastPrintedEpoch >= Math.max(1, s.epochs() / 20);
    if (!due) {
      return;
    }
    lastPrintedEpoch = s.epoch();
    lastPrintNanos = now;
    String losses = s.losses().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
        .collect(Collectors.joining("  "));
    detail(String.format(Locale.ROOT, "epoch %d/%d  %s%,.0f rows/s  elapsed %s  ETA %s",
        s.epoch(), s.epochs(), losses.isEmpty() ? "" : losses + "  ", s.rowsPerSecond(),
        duration(s.elapsedSeconds()), duration(s.etaSeconds())));
  }

  @Override
  public void message(String text) {
    detail(text);
  }

  /** "1m 05s" style durations. */
  public static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
  }

  private void print(String text) {
    if (!quiet) {
      out.println(text);
      out.flush();
    }
  }
}
