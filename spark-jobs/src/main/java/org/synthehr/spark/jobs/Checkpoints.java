package org.synthehr.spark.jobs;

import org.apache.hadoop.fs.Path;
import org.synthehr.spark.fs.FileStore;

/**
 * Where training checkpoints of a run live: beside the output directory, on its filesystem, not in
 * it, so they survive a failed run (and a lost executor) for {@code --resume} and task retries, and
 * are removed once the run succeeds.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /** The checkpoint directory of the run whose output is {@code output}. */
  public static Path dirFor(Path output) {
    return FileStore.sibling(output, ".", ".checkpoints");
  }

  /** Removes the checkpoints of a run (once it succeeded). */
  public static void clear(FileStore store, Path output) {
    store.delete(dirFor(output));
  }
}
