package org.synthehr.generator;

/** Receives training progress (the CLI prints it; tests may record it). */
public interface TrainingListener {
  /** An epoch finished. */
  void epoch(EpochStats stats);

  /** A notable step (a phase started, a checkpoint was written). */
  void message(String text);

  /**
   * A checkpoint was written completely into {@code checkpointDir} (the context's directory), e.g.
   * for a Spark task to copy it to a filesystem that outlives the executor.
   */
  default void checkpointSaved(java.nio.file.Path checkpointDir) {}

  /** A listener that ignores everything. */
  static TrainingListener silent() {
    return new TrainingListener() {
      @Override
      public void epoch(EpochStats stats) {}

      @Override
      public void message(String text) {}
    };
  }
}
