package org.synthehr.spark.jobs;

import java.nio.file.Path;
import org.synthehr.core.io.AtomicOutput;

/**
 * Where training checkpoints of a run live: beside the output directory, not in it, so they
 * survive a failed run for {@code --resume} and are removed once the run succeeds.
 */
final class Checkpoints {
  private Checkpoints() {}

  static Path dirFor(Path output) {
    Path abs = output.toAbsolutePath().normalize();
    return abs.resolveSibling("." + abs.getFileName() + ".checkpoints");
  }

  static void clear(Path output) {
    AtomicOutput.deleteRecursively(dirFor(output));
  }
}
