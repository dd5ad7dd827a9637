package org.synthehr.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Byte-for-byte comparison of the Parquet a run wrote (its part files, in part order). */
final class ParquetDirs {
  private ParquetDirs() {}

  /**
   * Asserts the two directories hold the same part files byte for byte. Part files are matched by
   * their number ({@code part-00003-<job uuid>.snappy.parquet}): the uuid differs per job.
   */
  static void assertSameBytes(Path expected, Path actual) throws IOException {
    List<Path> a = parts(expected);
    List<Path> b = parts(actual);
    assertFalse(a.isEmpty(), "no Parquet part files in " + expected);
    assertEquals(a.size(), b.size(), "part files in " + expected + " and " + actual);
    for (int i = 0; i < a.size(); i++) {
      long mismatch = Files.mismatch(a.get(i), b.get(i));
      if (mismatch != -1) {
        fail(a.get(i) + " and " + b.get(i) + " differ from byte " + mismatch + " ("
            + Files.size(a.get(i)) + " and " + Files.size(b.get(i)) + " bytes)");
      }
    }
  }

  static List<Path> parts(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("part-")
          && f.getFileName().toString().endsWith(".parquet"))
          .sorted((x, y) -> partNumber(x).compareTo(partNumber(y))).toList();
    }
  }

  private static String partNumber(Path f) {
    String n = f.getFileName().toString();
    return n.substring(0, Math.min(10, n.length()));
  }
}
