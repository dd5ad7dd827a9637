package org.synthehr.spark.training;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.synthehr.core.io.FileTrees;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.TrainingContext;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.sampling.ModelBundle;

/**
 * The local scratch directory of a training task and what it shares with the run's filesystem:
 * checkpoints (fetched when the task resumes, mirrored as they are written) and the saved model
 * (published when done). Tabular and trajectory trainings use it alike.
 *
 * <p>A task resumes when the run was started with {@code --resume}, and always when Spark retries
 * it (its first attempt's executor was lost): the checkpoints that attempt mirrored are then the
 * way back to where it was.
 */
final class TaskWorkspace implements AutoCloseable {
  private final FileStore store;
  private final Path remoteCheckpoints;
  private final java.nio.file.Path scratch;
  private final boolean resume;

  private TaskWorkspace(FileStore store, Path remoteCheckpoints, java.nio.file.Path scratch,
      boolean resume) {
    this.store = store;
    this.remoteCheckpoints = remoteCheckpoints;
    this.scratch = scratch;
    this.resume = resume;
  }

  /**
   * A fresh scratch directory, with the run's checkpoints in it when the task resumes.
   *
   * @param checkpointDir the run's checkpoint directory on its filesystem
   * @param resume whether the run asked to resume
   */
  static TaskWorkspace open(FileStore store, String checkpointDir, boolean resume,
      Console console) throws IOException {
    TaskContext task = TaskContext.get();
    boolean retried = task != null && task.attemptNumber() > 0;
    Path remote = new Path(checkpointDir);
    java.nio.file.Path scratch = Files.createTempDirectory("synthehr-train-");
    TaskWorkspace w = new TaskWorkspace(store, remote, scratch, resume || retried);
    if (w.resume && store.isDirectory(remote)) {
      store.download(remote, w.localCheckpoints());
      if (retried) {
        console.detail(String.format(Locale.ROOT, "training task attempt %d: resuming from the"
            + " checkpoints in %s", task.attemptNumber() + 1, FileStore.display(remote)));
      }
    }
    return w;
  }

  /** The training context: checkpoints written locally and mirrored to the run's filesystem. */
  TrainingContext context(Seeds seeds, Console console) {
    return new TrainingContext(seeds, new CheckpointMirror(console, store, remoteCheckpoints),
        localCheckpoints(), resume);
  }

  /**
   * Publishes a model: {@code save} writes it into a local directory, provenance is added, and
   * the directory replaces {@code modelDir} on the run's filesystem.
   */
  void publish(ModelWriter save, Provenance provenance, String modelDir) throws IOException {
    java.nio.file.Path saved = scratch.resolve("model");
    save.saveTo(saved);
    Json.write(saved.resolve("provenance.json"), provenance);
    ModelBundle.publish(store, saved, new Path(modelDir));
  }

  private java.nio.file.Path localCheckpoints() {
    return scratch.resolve("checkpoints");
  }

  @Override
  public void close() {
    FileTrees.deleteRecursively(scratch);
  }

  /** Writes a fitted model into a directory. */
  @FunctionalInterface
  interface ModelWriter {
    void saveTo(java.nio.file.Path dir) throws IOException;
  }
}
