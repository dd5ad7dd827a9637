package org.synthehr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The copula-enlarged diabetes130 inputs of the cluster-scale benchmark, made once and cached:
 * {@code bin/synth train configs/scale/diabetes130-enlarge.yaml} fits the Gaussian copula on the
 * whole real table (101,766 rows), then {@code bin/synth sample --rows N} draws N rows of Parquet.
 * Both run as child processes (the command a user types); a cached file is reused as long as it
 * exists ({@code bin/synth sample} writes it atomically).
 */
final class ScaleInput {
  static final String CONFIG = "configs/scale/diabetes130-enlarge.yaml";
  static final String REAL = "../shared/datasets/diabetes130/diabetic_data.csv";

  private final Path dir;

  /**
   * Inputs cached under {@code cache} (e.g. bench/target/scale-data), in a subdirectory named by
   * the digest of {@link #CONFIG}, so that a changed config makes new inputs.
   */
  ScaleInput(Path cache) throws IOException {
    this.dir = cache.resolve(digest(Files.readAllBytes(Path.of(CONFIG))));
  }

  private static String digest(byte[] bytes) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      return java.util.HexFormat.of().formatHex(d).substring(0, 10);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The directory of the copula's training run. */
  Path modelRun() {
    return dir.resolve("copula");
  }

  /** The Parquet directory holding {@code rows} enlarged rows. */
  Path parquet(long rows) {
    return dir.resolve("diabetes130-copula-" + rows + ".parquet");
  }

  /** The commands that made (or make) the input of {@code rows} rows, for the record. */
  List<String> commands(long rows) {
    return List.of(String.join(" ", trainCommand()), String.join(" ", sampleCommand(rows)));
  }

  /**
   * The input of {@code rows} rows, made now if it is not cached yet (training the copula first if
   * needed).
   */
  Path ensure(long rows) throws IOException, InterruptedException {
    Path out = parquet(rows);
    if (Files.isRegularFile(out.resolve("_SUCCESS"))) {
      System.err.printf(Locale.ROOT, "bench cluster-scale: input of %,d copula-enlarged rows"
          + " cached in %s (%s)%n", rows, out, ClusterScaleBenchmark.mb(bytes(out)));
      return out;
    }
    Files.createDirectories(dir);
    // bin/synth train renames its output into place when it is complete.
    if (!Files.isDirectory(modelRun().resolve("model"))) {
      if (!Files.isRegularFile(Path.of(REAL))) {
        throw new IllegalStateException("the real diabetes130 table is not at " + REAL
            + " (see /work/shared/datasets/README.md)");
      }
      System.err.println("bench cluster-scale: training the copula on the full diabetes130 ("
          + String.join(" ", trainCommand()) + ")");
      run(trainCommand(), dir.resolve("copula-train.log"));
    }
    System.err.printf(Locale.ROOT, "bench cluster-scale: sampling %,d copula-enlarged rows into"
        + " %s (%s)%n", rows, out, String.join(" ", sampleCommand(rows)));
    long t0 = System.nanoTime();
    run(sampleCommand(rows), dir.resolve("sample-" + rows + ".log"));
    System.err.printf(Locale.ROOT, "bench cluster-scale: made %,d rows (%s) in %.0f s%n", rows,
        ClusterScaleBenchmark.mb(bytes(out)), (System.nanoTime() - t0) / 1e9);
    return out;
  }

  private List<String> trainCommand() {
    return List.of(CorpusRun.SYNTH, "train", CONFIG, "--set", "output.dir=" + rel(modelRun()),
        "--overwrite", "-q");
  }

  private List<String> sampleCommand(long rows) {
    return List.of(CorpusRun.SYNTH, "sample", CONFIG, "--model",
        rel(modelRun().resolve("model")), "--rows", String.valueOf(rows), "--out",
        rel(parquet(rows)), "--overwrite");
  }

  private static String rel(Path p) {
    Path root = Path.of("").toAbsolutePath();
    return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
  }

  private static void run(List<String> cmd, Path log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    int exit = p.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " exited " + exit + ": "
          + CorpusRun.errorLine(log) + " (log: " + log + ")");
    }
  }

  /** Bytes of the files under a directory (or of a file). */
  static long bytes(Path p) throws IOException {
    if (!Files.exists(p)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(p)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().endsWith(".crc"))
          .mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
