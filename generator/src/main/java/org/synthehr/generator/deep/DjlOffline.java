package org.synthehr.generator.deep;

import org.synthehr.core.error.InvalidConfigException;

/**
 * Makes DJL work offline before any DJL class loads: it must never download an engine or call
 * home (RECIPE.md §2). The flags are JVM-wide system properties that DJL reads when the engine
 * starts; this class has no DJL imports so it can run first. Calling it again is harmless.
 */
public final class DjlOffline {
  private DjlOffline() {}

  /**
   * Sets the offline defaults without checking the environment: safe in static initialisers (the
   * model registry), where a failure would be hard to read. {@link #enforce()} checks too.
   */
  public static void setDefaults() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  /**
   * Sets {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} unless already set, and
   * refuses an environment that explicitly turns offline mode off (the environment wins over
   * system properties in DJL).
   *
   * @throws InvalidConfigException when {@code DJL_OFFLINE} or {@code ai.djl.offline} is false
   */
  public static void enforce() {
    String env = System.getenv("DJL_OFFLINE");
    if (env != null && !Boolean.parseBoolean(env.trim())) {
      throw new InvalidConfigException("The environment sets DJL_OFFLINE=" + env + ", which would let"
          + " DJL download engine files at run time. Unset DJL_OFFLINE (or set it to true): the"
          + " PyTorch engine ships inside the toolkit.");
    }
    String prop = System.getProperty("ai.djl.offline");
    if (prop != null && !Boolean.parseBoolean(prop.trim())) {
      throw new InvalidConfigException("-Dai.djl.offline=" + prop + " would let DJL download engine"
          + " files at run time. Remove the flag (or set it to true): the PyTorch engine ships"
          + " inside the toolkit.");
    }
    setDefaults();
  }
}
