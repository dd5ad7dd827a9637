package org.synthehr.generator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;
import org.synthehr.core.error.InvalidConfigException;

/**
 * The {@code model:} section of a job config: what to train and how long. Kind-specific settings live
 * under {@code options} and are bound to the kind's own options record (unknown keys rejected).
 *
 * @param kind model kind: copula, ctgan, tvae, tabddpm (see {@link ModelKinds})
 * @param epochs training epochs for iterative models (ignored by the copula)
 * @param batchSize rows per training step
 * @param device {@code cpu} (default) or {@code gpu} / {@code gpu:N}
 * @param checkpointEvery write a checkpoint every N epochs (0 = never)
 * @param options kind-specific settings
 */
public record ModelConfig(String kind, int epochs, int batchSize, String device,
    int checkpointEvery, JsonNode options) {

  public ModelConfig {
    kind = kind == null ? "copula" : kind.trim().toLowerCase(Locale.ROOT);
    device = device == null ? "cpu" : device.trim().toLowerCase(Locale.ROOT);
    options = options == null || options.isNull() ? JsonNodeFactory.instance.objectNode() : options;
    if (epochs < 1) {
      throw new InvalidConfigException("model.epochs must be at least 1, got " + epochs + ".");
    }
    if (batchSize < 2) {
      throw new InvalidConfigException("model.batch_size must be at least 2, got " + batchSize + ".");
    }
    if (checkpointEvery < 0) {
      throw new InvalidConfigException("model.checkpoint_every must be 0 (never) or positive, got "
          + checkpointEvery + ".");
    }
    if (!device.equals("cpu") && !device.matches("gpu(:\\d+)?")) {
      throw new InvalidConfigException("model.device must be cpu, gpu or gpu:N, got '" + device
          + "'.");
    }
  }

  /** A config for a kind with default settings. */
  public static ModelConfig of(String kind) {
    return new ModelConfig(kind, 300, 500, "cpu", 0, null);
  }

  /** The same config with another number of epochs. */
  public ModelConfig withEpochs(int newEpochs) {
    return new ModelConfig(kind, newEpochs, batchSize, device, checkpointEvery, options);
  }

  /** The same config with other options. */
  public ModelConfig withOptions(JsonNode newOptions) {
    return new ModelConfig(kind, epochs, batchSize, device, checkpointEvery, newOptions);
  }

  /** The same config on another device (e.g. the GPU a Spark task was given). */
  public ModelConfig withDevice(String newDevice) {
    return new ModelConfig(kind, epochs, batchSize, newDevice, checkpointEvery, options);
  }

  /** The same config with another batch size. */
  public ModelConfig withBatchSize(int newBatchSize) {
    return new ModelConfig(kind, epochs, newBatchSize, device, checkpointEvery, options);
  }
}
