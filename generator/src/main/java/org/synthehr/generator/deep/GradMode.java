package org.synthehr.generator.deep;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off for the current thread and restores it on close. PyTorch
 * keeps this flag per thread and starts new threads (Spark tasks, test runners) with recording on,
 * so inference must switch it off itself or every forward pass builds a graph nobody uses.
 */
public final class GradMode implements AutoCloseable {
  private final boolean previous;

  private GradMode(boolean enabled) {
    // Loads the native library if nothing has yet (JniUtils needs it).
    ai.djl.engine.Engine.getEngine("PyTorch");
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(enabled);
  }

  /** Recording off until closed. */
  public static GradMode off() {
    return new GradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
