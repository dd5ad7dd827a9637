package org.synthehr.generator;

import java.nio.file.Path;
import java.util.Objects;
import org.synthehr.core.seed.Seeds;

/**
 * Everything a fit needs besides the data.
 *
 * @param seeds the training seed streams
 * @param listener progress receiver
 * @param checkpointDir where deep models write checkpoints, or null for none
 * @param resume continue from the last checkpoint in {@code checkpointDir}
 */
public record TrainingContext(Seeds seeds, TrainingListener listener, Path checkpointDir,
    boolean resume) {

  public TrainingContext {
    Objects.requireNonNull(seeds, "seeds");
    listener = listener == null ? TrainingListener.silent() : listener;
  }

  /** A context with a seed and nothing else. */
  public static TrainingContext of(long seed) {
    return new TrainingContext(Seeds.of(seed), TrainingListener.silent(), null, false);
  }
}
