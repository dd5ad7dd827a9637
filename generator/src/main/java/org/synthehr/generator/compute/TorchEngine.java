package org.synthehr.generator.compute;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

/**
 * Opens NDManagers on the CPU PyTorch engine, after making sure DJL can never download anything
 * (RECIPE.md §2.1): the flags are also set by the launch scripts and surefire, but Spark executors
 * and embedding applications are separate JVMs, so they are enforced here too before DJL loads.
 */
final class TorchEngine {
  private TorchEngine() {}

  /** A new root manager; the caller closes it (try-with-resources). */
  static NDManager newManager() {
    enforceOffline();
    return NDManager.newBaseManager(Device.cpu(), "PyTorch");
  }

  /** Sets DJL's offline and no-telemetry flags unless the caller already chose them. */
  static void enforceOffline() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }
}
