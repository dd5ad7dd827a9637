package org.synthehr.spark.jobs;

import org.apache.hadoop.fs.Path;
import org.synthehr.spark.fs.FileStore;

/**
 * Where training checkpoints of a run live: beside the output directory, on its filesystem, not in
 * it, so they survive a failed run (and a lost executor) for {@code --resume} and task retries, and
 * are removed once the run succeeds.
 */
final class Checkpoints {
  private Checkpoints() {}

  static Path dirFor(Path output) {
    return FileStore.sibling(output, ".", ".checkpoints");
  }

  static void clear(FileStore store, Path output) {
    store.delete(dirFor(output));
  }
}
