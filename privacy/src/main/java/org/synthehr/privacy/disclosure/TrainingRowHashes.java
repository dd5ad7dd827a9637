package org.synthehr.privacy.disclosure;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.Table;

/**
 * Keyed 64-bit fingerprints of the training rows (over the modelled columns), sorted: what sampling
 * tasks need to drop synthetic rows that exactly copy a training record, without ever holding the
 * records. The key is drawn at random per run and lives only in memory, so the fingerprints cannot
 * be checked against guessed records by anyone who later finds them; they are never written to
 * disk. Two different rows share a fingerprint with probability about n^2 / 2^65 (1e-9 for 200k
 * rows), which would remove one innocent row.
 */
public final class TrainingRowHashes implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> columns;
  private final byte[] key;
  private final long[] sorted;

  private TrainingRowHashes(List<String> columns, byte[] key, long[] sorted) {
    this.columns = List.copyOf(columns);
    this.key = key;
    this.sorted = sorted;
  }

  /** Fingerprints every training row with a fresh random key. */
  public static TrainingRowHashes of(Table training) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return of(training, key);
  }

  static TrainingRowHashes of(Table training, byte[] key) {
    List<String> columns = training.schema().modelled().names();
    Table t = training.select(columns);
    long[] h = new long[t.rowCount()];
    MessageDigest md = digest();
    for (int r = 0; r < h.length; r++) {
      h[r] = fingerprint(md, key, t, r);
    }
    Arrays.sort(h);
    return new TrainingRowHashes(columns, key.clone(), h);
  }

  /** Training rows fingerprinted. */
  public int size() {
    return sorted.length;
  }

  /** Whether row {@code row} of a table with the same modelled columns copies a training row. */
  public boolean copies(Table table, int row) {
    return Arrays.binarySearch(sorted, fingerprint(digest(), key, table.select(columns), row)) >= 0;
  }

  /**
   * The table without the rows that copy a training row.
   *
   * @param kept the remaining rows
   * @param removed how many were dropped
   */
  public record Filtered(Table kept, int removed) {}

  /** Drops the rows of a table (same modelled columns) that copy a training row. */
  public Filtered removeCopies(Table table) {
    Table t = table.select(columns);
    MessageDigest md = digest();
    int[] keep = new int[t.rowCount()];
    int n = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      if (Arrays.binarySearch(sorted, fingerprint(md, key, t, r)) < 0) {
        keep[n++] = r;
      }
    }
    if (n == t.rowCount()) {
      return new Filtered(table, 0);
    }
    return new Filtered(table.take(Arrays.copyOf(keep, n)), t.rowCount() - n);
  }

  private static long fingerprint(MessageDigest md, byte[] key, Table t, int row) {
    md.reset();
    md.update(key);
    for (int c = 0; c < t.columnCount(); c++) {
      Column col = t.column(c);
      // Unambiguous cells: a marker for missing, the formatted value otherwise, then a separator.
      String v = col.isMissing(row) ? "\u0001" : t.format(row, c);
      md.update(v.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
    }
    byte[] d = md.digest();
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
