package org.synthehr.privacy.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;

/**
 * {@code approvals.jsonl}: the append-only record of stewards' decisions on a bundle, one
 * {@link ApprovalEntry} per line, each chained to the line before it by sha256. Appending copies
 * the earlier lines byte for byte into a temporary file and moves it into place, so a crash never
 * leaves half a line and earlier entries are never rewritten.
 */
public final class ApprovalLog {
  /** The log's file name in a bundle. */
  public static final String FILE = "approvals.jsonl";

  private ApprovalLog() {}

  /**
   * One line of the log as read.
   *
   * @param number 1-based line number
   * @param text the line's exact text
   * @param entry the parsed entry, or null when the line is not a valid entry
   * @param error why it is not, or null
   */
  public record Line(int number, String text, ApprovalEntry entry, String error) {
    /** sha256 of the line's exact text: what the next entry's previous_sha256 must be. */
    public String sha256() {
      return Provenance.sha256(text);
    }
  }

  /** The log's lines (empty when the bundle has no approvals yet). */
  public static List<Line> read(Path bundle) {
    Path file = bundle.resolve(FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Line> lines = new ArrayList<>();
    String[] raw = content.split("\n", -1);
    // A well-formed log ends with a line break, which leaves one empty piece at the end.
    int count = raw.length > 0 && raw[raw.length - 1].isEmpty() ? raw.length - 1 : raw.length;
    for (int i = 0; i < count; i++) {
      String text = raw[i];
      try {
        lines.add(new Line(i + 1, text, Json.mapper().readValue(text, ApprovalEntry.class), null));
      } catch (JsonProcessingException e) {
        lines.add(new Line(i + 1, text, null, e.getOriginalMessage()));
      }
    }
    return lines;
  }

  /** What the next entry's previous_sha256 must be: the last line's hash, or the manifest's. */
  public static String previousHash(List<Line> lines, String manifestSha256) {
    return lines.isEmpty() ? manifestSha256 : lines.get(lines.size() - 1).sha256();
  }

  /** Appends an entry (whose seq and previous hash the caller took from {@link #read}). */
  public static void append(Path bundle, ApprovalEntry entry) {
    Path file = bundle.resolve(FILE);
    Path tmp = bundle.resolve("." + FILE + ".tmp");
    try {
      byte[] earlier = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
      byte[] line = (entry.line() + "\n").getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[earlier.length + line.length];
      System.arraycopy(earlier, 0, all, 0, earlier.length);
      System.arraycopy(line, 0, all, earlier.length, line.length);
      Files.write(tmp, all);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // The move above either happened or its error is the one that matters.
      }
    }
  }
}
