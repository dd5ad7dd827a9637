package org.synthehr.generator.longitudinal;

import java.nio.file.Path;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.longitudinal.PlausibilityRules;

/**
 * A trained trajectory model: draws new patients with whole trajectories, and digital twins (futures
 * of given patients' histories). Holds native resources, hence {@link AutoCloseable}. Sampling is
 * deterministic in the seed.
 */
public interface FittedTrajectorySynthesizer extends AutoCloseable {
  /** The model kind. */
  String kind();

  /** What the model emits: static attributes, variables, grid and label of the training cohort. */
  CohortSchema schema();

  /** The plausibility rules learned from the training cohort and applied to every sample. */
  PlausibilityRules rules();

  /**
   * New synthetic patients, with generated identifiers ({@code S1}, {@code S2}, ...), the rules
   * applied, and the counts of rule violations of the raw model output.
   *
   * @param patients number of patients
   * @param seed the same model and seed give the same cohort
   */
  SampledCohort sampleCohort(int patients, long seed);

  /**
   * Digital twins: for each patient of the request, possible continuations of its history after the
   * cut, conditioned on its static attributes (except the outcome label and the record's end, which
   * lie in the future) and on everything charted before the cut.
   */
  TwinForecast sampleTwins(TwinRequest request);

  /**
   * Saves the model to a new directory: manifest, config, schema, codec and network parameters;
   * never training trajectories or identifiers.
   */
  void save(Path dir);

  @Override
  default void close() {}
}
