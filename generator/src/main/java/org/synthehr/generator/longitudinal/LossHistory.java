package org.synthehr.generator.longitudinal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mean losses of every epoch, saved with the model ({@code loss_history.json}) so that training
 * can be inspected after the fact.
 *
 * @param epochs one map of loss name to mean per epoch, in order
 */
public record LossHistory(List<Map<String, Double>> epochs) {

  public LossHistory {
    epochs = List.copyOf(epochs);
  }

  /** An empty history. */
  public static LossHistory empty() {
    return new LossHistory(List.of());
  }

  /** The history with one more epoch. */
  public LossHistory plus(Map<String, Double> losses) {
    List<Map<String, Double>> l = new ArrayList<>(epochs);
    l.add(Map.copyOf(losses));
    return new LossHistory(l);
  }
}
