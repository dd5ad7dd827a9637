package org.synthehr.generator;

import java.util.Map;

/**
 * Progress of training after one epoch (or one step of a non-iterative fit).
 *
 * @param epoch 1-based epoch just finished
 * @param epochs total epochs planned
 * @param losses mean losses of the epoch by name (e.g. generator, critic)
 * @param rowsPerSecond training throughput of the epoch
 * @param elapsedSeconds time since training started
 * @param etaSeconds estimated time to finish
 */
public record EpochStats(int epoch, int epochs, Map<String, Double> losses, double rowsPerSecond,
    double elapsedSeconds, double etaSeconds) {

  public EpochStats {
    losses = Map.copyOf(losses);
  }
}
