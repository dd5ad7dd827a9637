package org.synthehr.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import org.synthehr.core.error.OutputExistsException;

/**
 * An output directory that appears only when complete: work is written to a hidden sibling directory
 * and moved into place by {@link #commit()}. Closing without committing deletes the partial output,
 * so a failed run leaves nothing half-written. An existing output is replaced only when allowed.
 */
public final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private boolean committed;
  private boolean keep;

  private AtomicOutput(Path target, boolean overwrite) {
    this.target = target.toAbsolutePath().normalize();
    this.overwrite = overwrite;
    this.staging = this.target.resolveSibling("." + this.target.getFileName() + ".tmp-"
        + UUID.randomUUID().toString().substring(0, 8));
  }

  private AtomicOutput(Path target, Path staging, boolean overwrite) {
    this.target = target.toAbsolutePath().normalize();
    this.overwrite = overwrite;
    this.staging = staging.toAbsolutePath().normalize();
  }

  /**
   * Starts an output.
   *
   * @throws OutputExistsException when the target exists and {@code overwrite} is false
   */
  public static AtomicOutput begin(Path target, boolean overwrite) {
    return started(new AtomicOutput(target, overwrite), overwrite);
  }

  private static AtomicOutput started(AtomicOutput out, boolean overwrite) {
    if (Files.exists(out.target) && !overwrite) {
      throw new OutputExistsException(out.target);
    }
    try {
      Files.createDirectories(out.staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out.staging, e);
    }
    return out;
  }

  /**
   * Starts an output staged in a named directory (created if absent, reused as it is otherwise), for
   * runs that keep their finished work when they fail and continue it later: the caller decides
   * with {@link #keepOnClose()} whether a failed run's directory stays.
   *
   * @throws OutputExistsException when the target exists and {@code overwrite} is false
   */
  public static AtomicOutput inDirectory(Path target, Path staging, boolean overwrite) {
    return started(new AtomicOutput(target, staging, overwrite), overwrite);
  }

  /** Closing without committing leaves the staging directory in place (kept for resuming). */
  public void keepOnClose() {
    keep = true;
  }

  /** Where to write; becomes {@link #target()} on commit. */
  public Path dir() {
    return staging;
  }

  /** The final location. */
  public Path target() {
    return target;
  }

  /** Moves the finished output into place (replacing an old one only if allowed at start). */
  public void commit() {
    try {
      Path old = null;
      if (Files.exists(target)) {
        if (!overwrite) {
          throw new OutputExistsException(target);
        }
        old = target.resolveSibling("." + target.getFileName() + ".old-"
            + UUID.randomUUID().toString().substring(0, 8));
        Files.move(target, old);
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staging, target);
      }
      committed = true;
      if (old != null) {
        deleteRecursively(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + staging + " to " + target, e);
    }
  }

  /** Deletes the staging directory unless committed or kept. */
  @Override
  public void close() {
    if (!committed && !keep) {
      deleteRecursively(staging);
    }
  }

  /** Deletes a directory tree (no-op if absent). */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
