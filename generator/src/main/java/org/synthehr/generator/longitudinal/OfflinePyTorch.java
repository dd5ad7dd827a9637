package org.synthehr.generator.longitudinal;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.synthehr.core.error.InvalidConfigException;

/**
 * The PyTorch engine, offline: sets DJL's offline and no-tracking switches before the engine loads
 * (Spark executors are separate JVMs that do not get the launcher's flags), and resolves the device
 * a config asks for.
 */
final class OfflinePyTorch {
  private OfflinePyTorch() {}

  /** Makes sure DJL never downloads or calls home; call before any DJL class is used. */
  static void enforce() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  /** The device of {@code model.device}: cpu, gpu or gpu:N, with a clear error when absent. */
  static Device device(String name) {
    enforce();
    if (name == null || name.equals("cpu")) {
      return Device.cpu();
    }
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    int id = name.contains(":") ? Integer.parseInt(name.substring(name.indexOf(':') + 1)) : 0;
    if (id >= gpus) {
      throw new InvalidConfigException("model.device is '" + name + "' but this machine has "
          + gpus + " GPU(s) visible to PyTorch. Fix: set model.device: cpu, or run where the GPU"
          + " and a CUDA build of PyTorch are available.");
    }
    return Device.gpu(id);
  }
}
