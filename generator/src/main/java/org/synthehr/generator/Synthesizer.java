package org.synthehr.generator;

import org.synthehr.core.table.Table;

/**
 * A configured generative model kind, ready to learn from a table. Implementations are stateless;
 * {@link #fit} returns a new immutable fitted model.
 */
public interface Synthesizer {
  /** The model kind, as written in {@code model.kind}. */
  String kind();

  /**
   * Learns the joint distribution of the table's modelled columns. Identifier and text columns are
   * ignored: they are never learned and never emitted.
   *
   * @param training the training split
   * @param context seeds, config, progress reporting and checkpointing
   */
  FittedSynthesizer fit(Table training, TrainingContext context);
}
