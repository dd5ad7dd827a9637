package org.synthehr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Appends a benchmark's result table, with the machine and date, to BENCHMARKS.md. */
public final class BenchRecord {
  private BenchRecord() {}

  /** "2 cores, 23.5 GiB, Linux 6.1 amd64, OpenJDK 17.0.15". */
  public static String machine() {
    long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize();
    return String.format(Locale.ROOT, "%d cores, %.1f GiB, %s %s %s, Java %s",
        Runtime.getRuntime().availableProcessors(), mem / (1024.0 * 1024 * 1024),
        System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("os.arch"), System.getProperty("java.version"));
  }

  /** Peak resident memory of this process so far (VmHWM), in MB, or -1 if unknown. */
  public static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Appends a section to BENCHMARKS.md (in the working directory, the repository root when run by
   * bin/bench) and prints it.
   *
   * @param title section title
   * @param command the command that reproduces it
   * @param lines markdown lines (a table, notes)
   */
  public static void append(String title, String command, List<String> lines) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n### ").append(title).append(" (").append(LocalDate.now()).append(")\n\n");
    sb.append("Machine: ").append(machine()).append("  \n");
    sb.append("Command: `").append(command).append("`\n\n");
    lines.forEach(l -> sb.append(l).append('\n'));
    System.out.print(sb);
    try {
      Files.writeString(Path.of("BENCHMARKS.md"), sb.toString(), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
