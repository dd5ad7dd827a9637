package org.synthehr.generator.longitudinal;

import java.util.Map;
import org.synthehr.generator.EpochStats;

/** Elapsed time, throughput and ETA of a training run, as {@link EpochStats}. */
final class TrainingClock {
  private final long start = System.nanoTime();
  private final int epochs;
  private final int startEpoch;

  /**
   * @param epochs epochs planned in total
   * @param startEpoch epochs already done before this run (when resuming)
   */
  TrainingClock(int epochs, int startEpoch) {
    this.epochs = epochs;
    this.startEpoch = startEpoch;
  }

  /** Stats after an epoch (1-based) that processed {@code rows} rows in total this run. */
  EpochStats stats(int epoch, Map<String, Double> losses, long rowsThisRun) {
    double elapsed = (System.nanoTime() - start) / 1e9;
    int done = epoch - startEpoch;
    double perEpoch = done > 0 ? elapsed / done : 0;
    return new EpochStats(epoch, epochs, losses, elapsed > 0 ? rowsThisRun / elapsed : 0, elapsed,
        perEpoch * (epochs - epoch));
  }

  /** Seconds since the start of this run. */
  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}
