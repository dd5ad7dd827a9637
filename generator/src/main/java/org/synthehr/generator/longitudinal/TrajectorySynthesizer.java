package org.synthehr.generator.longitudinal;

import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.generator.TrainingContext;

/**
 * A configured generative model of patient trajectories (static attributes + gridded time series
 * with observation masks), ready to learn from a cohort. Stateless; {@link #fit} returns a new
 * fitted model.
 */
public interface TrajectorySynthesizer {
  /** The model kind, as written in {@code model.kind}. */
  String kind();

  /**
   * Learns the joint distribution of static attributes, values, observation patterns and record
   * ends. Patient identifiers are never learned.
   *
   * @param training the training patients
   * @param context seeds, progress reporting and checkpointing
   */
  FittedTrajectorySynthesizer fit(Cohort training, TrainingContext context);
}
