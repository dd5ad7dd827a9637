package org.synthehr.generator;

import java.nio.file.Path;
import java.util.Optional;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.generator.dp.DpAccounting;

/**
 * A trained model: samples synthetic rows and saves itself. Holds native resources for deep models,
 * hence {@link AutoCloseable}. Sampling is deterministic in the request's seed.
 */
public interface FittedSynthesizer extends AutoCloseable {
  /** The model kind. */
  String kind();

  /** The schema of the rows it emits: the training table's modelled columns. */
  TableSchema schema();

  /**
   * Draws synthetic rows.
   *
   * @throws org.synthehr.core.error.InvalidInputException when a condition names an unknown column
   *     or value, or cannot be met
   */
  Table sample(SampleRequest request);

  /**
   * Saves the model to a new directory (manifest, config, schema, parameters as JSON or binary
   * parameter files); it never contains training rows.
   */
  void save(Path dir);

  /**
   * What the differentially private training of this model spent and covers; empty for models
   * trained without a formal guarantee.
   */
  default Optional<DpAccounting> privacyAccounting() {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
