package org.synthehr.generator.deep;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A network being trained, seen by {@link TrainingLoop}: it runs one epoch at a time and can save and
 * restore its whole training state (every network and optimiser), which is all a new model needs to
 * get progress reporting, a loss history, checkpoints and resume.
 */
public interface EpochTrainer {
  /** Training rows processed per epoch (for throughput figures). */
  long rowsPerEpoch();

  /**
   * Runs one epoch.
   *
   * @param epoch 1-based epoch number
   * @param random the epoch's own random stream (batch order, noise, dropout), derived from the run
   *     seed and the epoch number, so a resumed run draws the same numbers as an uninterrupted one
   * @return the epoch's mean losses by name
   */
  Map<String, Double> runEpoch(int epoch, SplittableRandom random);

  /**
   * Whether training must end before the planned epochs (e.g. a differential-privacy budget is
   * spent); the loop stops and says so.
   */
  default boolean finished() {
    return false;
  }

  /** A one-line breakdown of where training time went (phases per step), or null. */
  default String profile() {
    return null;
  }

  /** Writes the full training state. */
  void saveState(DataOutputStream out) throws IOException;

  /** Restores a state written by {@link #saveState} for the same architecture. */
  void loadState(DataInputStream in) throws IOException;
}
