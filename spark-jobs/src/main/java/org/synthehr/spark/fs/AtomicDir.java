package org.synthehr.spark.fs;

import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.synthehr.core.error.OutputExistsException;

/**
 * An output directory on any filesystem that appears only when complete: work is written to a
 * staging directory beside it and renamed into place by {@link #commit()} with the target
 * filesystem's own rename, then marked with a {@code _SUCCESS} file (what Hadoop and Spark jobs,
 * and the tools reading their output, look for). Closing without committing deletes the staging
 * directory unless {@link #keepOnClose()} was called. An existing output is replaced only when
 * allowed.
 */
public final class AtomicDir implements AutoCloseable {
  /** The marker of a complete output. */
  public static final String SUCCESS = "_SUCCESS";
  private final FileStore store;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private boolean committed;
  private boolean keep;

  private AtomicDir(FileStore store, Path target, Path staging, boolean overwrite) {
    this.store = store;
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  /**
   * Starts an output staged in a fresh hidden sibling directory.
   *
   * @throws OutputExistsException when the target exists and {@code overwrite} is false
   */
  public static AtomicDir begin(FileStore store, Path target, boolean overwrite) {
    return inDirectory(store, target, FileStore.sibling(target, ".", ".tmp-"
        + UUID.randomUUID().toString().substring(0, 8)), overwrite);
  }

  /**
   * Starts an output staged in a named directory (created if absent, reused as it is otherwise),
   * for runs that keep their finished work when they fail.
   *
   * @throws OutputExistsException when the target exists and {@code overwrite} is false
   */
  public static AtomicDir inDirectory(FileStore store, Path target, Path staging,
      boolean overwrite) {
    if (store.exists(target) && !overwrite) {
      throw new OutputExistsException(FileStore.display(target));
    }
    store.mkdirs(staging);
    return new AtomicDir(store, target, staging, overwrite);
  }

  /** Closing without committing leaves the staging directory in place (kept for resuming). */
  public void keepOnClose() {
    keep = true;
  }

  /** Where to write; becomes {@link #target()} on commit. */
  public Path dir() {
    return staging;
  }

  public Path target() {
    return target;
  }

  /** Moves the finished output into place (replacing an old one only if allowed at start). */
  public void commit() {
    Path old = null;
    if (store.exists(target)) {
      if (!overwrite) {
        throw new OutputExistsException(FileStore.display(target));
      }
      old = FileStore.sibling(target, ".", ".old-" + UUID.randomUUID().toString().substring(0, 8));
      store.rename(target, old);
    }
    store.rename(staging, target);
    committed = true;
    store.write(new Path(target, SUCCESS), new byte[0]);
    if (old != null) {
      store.delete(old);
    }
  }

  /** Deletes the staging directory unless committed or kept. */
  @Override
  public void close() {
    if (!committed && !keep) {
      store.delete(staging);
    }
  }
}
