package org.synthehr.spark.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.synthehr.core.error.UnfinishedRunException;

/**
 * An exclusive lock on an in-progress directory, held for the whole run, so that a second run on
 * the same output (with {@code --overwrite} or {@code --resume}) cannot delete or reuse work that
 * is still being written. The operating system drops the lock when the process dies, even by
 * {@code kill -9}, so a killed run never blocks its own resume.
 */
final class RunLock implements AutoCloseable {
  static final String FILE = ".lock";
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks the directory (created if absent).
   *
   * @throws UnfinishedRunException when another run holds it
   */
  static RunLock acquire(Path dir) {
    FileChannel ch;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir.resolve(FILE), e);
    }
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another run in this JVM
    } catch (IOException e) {
      close(ch);
      throw new UncheckedIOException("cannot lock " + dir.resolve(FILE), e);
    }
    if (lock == null) {
      close(ch);
      throw new UnfinishedRunException(dir + " is being written by another synth run right now."
          + " Fix: wait for that run to end, or choose another output.dir.");
    }
    return new RunLock(ch, lock);
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      // Closing the channel below releases it as well.
    }
    close(channel);
  }

  private static void close(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
  }
}
