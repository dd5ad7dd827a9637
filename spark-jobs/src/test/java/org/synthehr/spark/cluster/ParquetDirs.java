package org.synthehr.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Byte-for-byte comparison of the Parquet a run wrote: its part files, in part order.
 *
 * <p>Every byte of the row groups (the data pages, dictionaries and page statistics) must be
 * equal. The footer must hold the same metadata: schema, key-value metadata, row counts, offsets,
 * sizes, statistics and encodings. Only the order in which the footer lists a column chunk's
 * encodings may differ: parquet-mr collects them in a hash set, whose order changes from one JVM
 * to the next (two local runs differ there too).
 */
final class ParquetDirs {
  private ParquetDirs() {}

  /**
   * Asserts the two directories hold the same Parquet, as described above. Part files are matched
   * by their number ({@code part-00003-<job uuid>.snappy.parquet}); the uuid differs per job.
   */
  static void assertSameBytes(Path expected, Path actual) throws IOException {
    List<Path> a = parts(expected);
    List<Path> b = parts(actual);
    assertFalse(a.isEmpty(), "no Parquet part files in " + expected);
    assertEquals(a.size(), b.size(), "part files in " + expected + " and " + actual);
    for (int i = 0; i < a.size(); i++) {
      byte[] x = Files.readAllBytes(a.get(i));
      byte[] y = Files.readAllBytes(b.get(i));
      assertEquals(x.length, y.length, a.get(i) + " and " + b.get(i) + " differ in size");
      int footer = footerStart(x);
      int mismatch = Arrays.mismatch(x, 0, footer, y, 0, footer);
      if (mismatch != -1) {
        fail(a.get(i) + " and " + b.get(i) + " differ in their data at byte " + mismatch);
      }
      assertEquals(footer, footerStart(y), "footer offsets of " + a.get(i) + " and " + b.get(i));
      assertEquals(describe(a.get(i)), describe(b.get(i)), "footers of " + a.get(i) + " and "
          + b.get(i));
    }
  }

  /** Where the footer starts: the file ends with its length (4 bytes, little endian) and PAR1. */
  private static int footerStart(byte[] file) {
    int n = file.length;
    int length = (file[n - 8] & 0xff) | (file[n - 7] & 0xff) << 8 | (file[n - 6] & 0xff) << 16
        | (file[n - 5] & 0xff) << 24;
    return n - 8 - length;
  }

  /** The footer's metadata as text, with each column chunk's encodings as a sorted set. */
  private static String describe(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      ParquetMetadata footer = reader.getFooter();
      sb.append(footer.getFileMetaData().getSchema()).append('\n')
          .append(new TreeMap<>(footer.getFileMetaData().getKeyValueMetaData())).append('\n');
      for (BlockMetaData block : footer.getBlocks()) {
        sb.append("rows ").append(block.getRowCount()).append(" bytes ")
            .append(block.getTotalByteSize()).append('\n');
        for (ColumnChunkMetaData c : block.getColumns()) {
          sb.append(c.getPath()).append(' ').append(c.getCodec()).append(' ')
              .append(new TreeSet<>(c.getEncodings())).append(' ').append(c.getFirstDataPageOffset())
              .append(' ').append(c.getDictionaryPageOffset()).append(' ')
              .append(c.getValueCount()).append(' ').append(c.getTotalSize()).append(' ')
              .append(c.getStatistics()).append('\n');
        }
      }
    }
    return sb.toString();
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
