package org.synthehr.spark.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.hadoop.fs.Path;
import org.synthehr.core.io.FileTrees;

/**
 * A file of any filesystem as a local path, for the few readers that need one on the driver: a
 * schema or policy file (copied whole), or the head of a large input file, which is enough to
 * read its header and sniff its delimiter and encoding (Spark reads the data itself from where it
 * is). A local location is used in place; a remote one is copied into a temporary directory,
 * under the same file name, and deleted on {@link #close()}.
 */
public final class LocalCopy implements AutoCloseable {
  /** How much of a large remote input is copied for sniffing. */
  public static final int HEAD_BYTES = 8 << 20;
  private final java.nio.file.Path path;
  private final java.nio.file.Path temp;

  private LocalCopy(java.nio.file.Path path, java.nio.file.Path temp) {
    this.path = path;
    this.temp = temp;
  }

  /** A small file, whole. */
  public static LocalCopy of(FileStore store, Path location) {
    return of(store, location, Integer.MAX_VALUE);
  }

  /**
   * The first {@code maxBytes} bytes of a file, or an empty directory of the same name for a
   * directory (whose format is then known from its being one).
   */
  public static LocalCopy of(FileStore store, Path location, int maxBytes) {
    if (FileStore.isLocal(location)) {
      return new LocalCopy(FileStore.toLocal(location), null);
    }
    try {
      java.nio.file.Path temp = Files.createTempDirectory("synthehr-copy-");
      java.nio.file.Path local = temp.resolve(location.getName());
      if (store.isDirectory(location)) {
        Files.createDirectories(local);
      } else {
        Files.write(local, store.head(location, maxBytes));
      }
      return new LocalCopy(local, temp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + location + " to a temporary file", e);
    }
  }

  /** Whether this is the head of a larger remote file rather than the file itself. */
  public boolean isLocal() {
    return temp == null;
  }

  public java.nio.file.Path path() {
    return path;
  }

  @Override
  public void close() {
    if (temp != null) {
      FileTrees.deleteRecursively(temp);
    }
  }
}
