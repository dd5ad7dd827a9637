package org.synthehr.spark.sampling;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A saved model directory as bytes, to broadcast to Spark tasks (which may run on machines that do
 * not see the driver's disk) and unpack there.
 */
public final class ModelBundle {
  private ModelBundle() {}

  /** Zips the files of a model directory (flat; models have no sub-directories). */
  public static byte[] pack(Path dir) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes);
        Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
      for (Path f : sorted) {
        ZipEntry entry = new ZipEntry(f.getFileName().toString());
        entry.setTime(0L);
        zip.putNextEntry(entry);
        Files.copy(f, zip);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack model " + dir, e);
    }
    return bytes.toByteArray();
  }

  /** Unpacks into a new temporary directory, which the caller deletes. */
  public static Path unpack(byte[] bundle) {
    try {
      Path dir = Files.createTempDirectory("synthehr-model-");
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle))) {
        ZipEntry e;
        while ((e = zip.getNextEntry()) != null) {
          Path target = dir.resolve(e.getName()).normalize();
          if (!target.getParent().equals(dir)) {
            throw new IllegalStateException("unexpected entry " + e.getName() + " in model bundle");
          }
          Files.copy(zip, target);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack model bundle", e);
    }
  }
}
