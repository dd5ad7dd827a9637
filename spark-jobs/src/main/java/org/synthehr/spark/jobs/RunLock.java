package org.synthehr.spark.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.synthehr.core.error.UnfinishedRunException;
import org.synthehr.spark.fs.FileStore;

/**
 * An exclusive lock on an in-progress directory, held for the whole run, so that a second run on
 * the same output (with {@code --overwrite} or {@code --resume}) cannot delete or reuse work that
 * is still being written.
 *
 * <p>On a local disk it is an operating-system lock, which the OS drops when the process dies (even
 * by {@code kill -9}), so a killed run never blocks its own resume. Distributed filesystems have no
 * such locks: there the lock is a file created exclusively (an atomic create-if-absent on HDFS),
 * naming the process that holds it, deleted when the run ends; one left by a killed driver is
 * named in the error with how to remove it.
 */
final class RunLock implements AutoCloseable {
  static final String FILE = ".lock";
  private final FileChannel channel;
  private final FileLock lock;
  private final FileStore store;
  private final Path remoteFile;

  private RunLock(FileChannel channel, FileLock lock, FileStore store, Path remoteFile) {
    this.channel = channel;
    this.lock = lock;
    this.store = store;
    this.remoteFile = remoteFile;
  }

  /**
   * Locks the directory (created if absent).
   *
   * @throws UnfinishedRunException when another run holds it
   */
  static RunLock acquire(FileStore store, Path dir) {
    store.mkdirs(dir);
    Path file = new Path(dir, FILE);
    return FileStore.isLocal(dir) ? local(FileStore.toLocal(file), dir)
        : remote(store, file, dir);
  }

  private static RunLock local(java.nio.file.Path file, Path dir) {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another run in this JVM
    } catch (IOException e) {
      close(ch);
      throw new UncheckedIOException("cannot lock " + file, e);
    }
    if (lock == null) {
      close(ch);
      throw new UnfinishedRunException(FileStore.display(dir) + " is being written by another"
          + " synth run right now. Fix: wait for that run to end, or choose another output.dir.");
    }
    return new RunLock(ch, lock, null, null);
  }

  private static RunLock remote(FileStore store, Path file, Path dir) {
    String holder = ManagementFactory.getRuntimeMXBean().getName() + " since " + Instant.now();
    try (OutputStream out = store.fs(file).create(file, false)) {
      out.write(holder.getBytes(StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      String other = store.isFile(file) ? store.readString(file).strip() : "another run";
      throw new UnfinishedRunException(FileStore.display(dir) + " is being written by another"
          + " synth run (" + other + "). Fix: wait for that run to end, or choose another"
          + " output.dir. If that run is no longer alive (its driver was killed), delete "
          + file + " and run again.");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
    }
    return new RunLock(null, null, store, file);
  }

  @Override
  public void close() {
    if (remoteFile != null) {
      store.delete(remoteFile);
      return;
    }
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
