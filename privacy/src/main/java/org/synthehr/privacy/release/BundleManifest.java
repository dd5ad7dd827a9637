package org.synthehr.privacy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;

/**
 * {@code manifest.json}: the path, size and sha256 of every file of a release bundle, written once
 * when the bundle is prepared. Two files are outside it because they change after preparation:
 * {@code approvals.jsonl} (protected by its own hash chain, whose entries name this manifest's
 * sha256) and {@code datacard.html} (a rendering of {@code datacard.json} and the approvals, checked
 * by rendering it again).
 *
 * @param formatVersion the manifest format
 * @param files every file, sorted by path ('/'-separated, relative to the bundle)
 */
public record BundleManifest(int formatVersion, List<Entry> files) {
  /** The manifest's file name in a bundle. */
  public static final String FILE = "manifest.json";
  /** The current format. */
  public static final int FORMAT = 1;

  /**
   * One file.
   *
   * @param path relative to the bundle, '/'-separated
   * @param size bytes
   * @param sha256 hex digest of the content
   */
  public record Entry(String path, long size, String sha256) {}

  public BundleManifest {
    files = List.copyOf(files);
  }

  /** The manifest of every file now in {@code bundle} (except the ones outside the manifest). */
  public static BundleManifest of(Path bundle) {
    List<Entry> entries = new ArrayList<>();
    for (String rel : listFiles(bundle)) {
      if (outside(rel)) {
        continue;
      }
      Path file = bundle.resolve(rel);
      try {
        entries.add(new Entry(rel, Files.size(file), Provenance.sha256(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return new BundleManifest(FORMAT, entries);
  }

  /** Writes {@code manifest.json} into the bundle and returns its sha256. */
  public String write(Path bundle) {
    Path file = bundle.resolve(FILE);
    Json.write(file, this);
    return Provenance.sha256(file);
  }

  /** Whether a bundle-relative path is deliberately not listed in the manifest. */
  public static boolean outside(String rel) {
    return rel.equals(FILE) || rel.equals(ApprovalLog.FILE) || rel.equals(DataCardPage.FILE)
        || rel.equals(BundleApproval.LOCK);
  }

  /** Every regular file under the bundle, as sorted '/'-separated relative paths. */
  public static List<String> listFiles(Path bundle) {
    try (Stream<Path> walk = Files.walk(bundle)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> bundle.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + bundle, e);
    }
  }
}
