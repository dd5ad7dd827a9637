package org.synthehr.generator.deep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.synthehr.core.error.InvalidConfigException;

/** Maps {@code model.device} to a DJL device of the PyTorch engine. */
public final class DeviceSelection {
  private DeviceSelection() {}

  /**
   * The device for a config value.
   *
   * @param configured {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}
   * @throws InvalidConfigException when a GPU is asked for and PyTorch sees none (or fewer)
   */
  public static Device resolve(String configured) {
    DjlOffline.enforce();
    String value = configured == null ? "cpu" : configured.trim().toLowerCase(java.util.Locale.ROOT);
    if (value.equals("cpu")) {
      return Device.cpu();
    }
    int index = value.startsWith("gpu:") ? Integer.parseInt(value.substring(4)) : 0;
    int gpus = gpuCount();
    if (gpus == 0) {
      throw new InvalidConfigException("model.device is '" + configured + "' but PyTorch sees no"
          + " GPU on this machine (no CUDA device or driver, or the toolkit was built with the CPU"
          + " engine). Set model.device: cpu, or run on a machine with a CUDA GPU and the"
          + " pytorch-native-cu* engine jar.");
    }
    if (index >= gpus) {
      throw new InvalidConfigException("model.device is '" + configured + "' but PyTorch sees only "
          + gpus + " GPU(s) (gpu:0 to gpu:" + (gpus - 1) + "). Choose one of those.");
    }
    return Device.gpu(index);
  }

  /** GPUs visible to the PyTorch engine. */
  public static int gpuCount() {
    DjlOffline.enforce();
    return Engine.getEngine("PyTorch").getGpuCount();
  }
}
