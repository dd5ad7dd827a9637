package org.synthehr.generator.deep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The losses of every epoch, saved as {@code loss_history.json} in a deep model's directory (and in
 * each checkpoint), so a user can see whether training converged.
 *
 * @param epochs one entry per epoch, in order
 */
public record LossHistory(List<Epoch> epochs) {

  public LossHistory {
    epochs = List.copyOf(epochs);
  }

  /**
   * One epoch.
   *
   * @param epoch 1-based epoch number
   * @param losses mean losses by name
   * @param seconds wall time of the epoch
   * @param rowsPerSecond training throughput
   */
  public record Epoch(int epoch, Map<String, Double> losses, double seconds, double rowsPerSecond) {
    public Epoch {
      losses = Map.copyOf(losses);
    }
  }

  /** No epochs yet. */
  public static LossHistory empty() {
    return new LossHistory(List.of());
  }

  /** This history with one more epoch. */
  public LossHistory with(Epoch e) {
    List<Epoch> out = new ArrayList<>(epochs);
    out.add(e);
    return new LossHistory(out);
  }

  /** The last epoch recorded, or 0. */
  public int lastEpoch() {
    return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
  }
}
