package org.synthehr.spark.sampling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.FileTrees;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.generator.longitudinal.TrajectoryKinds;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.spark.fs.FileStore;

/**
 * A saved model directory read from wherever the run keeps it: {@link #load} copies it from the
 * run's filesystem (local, HDFS, S3) to a local temporary directory, loads it and deletes the copy
 * (models read all their files when loaded). The driver and every sampling task load the model
 * this way, so a cluster needs no disk shared with the driver; {@link #publish} is the way in,
 * from the training task that saved the model on its own disk.
 */
public final class ModelBundle {
  private ModelBundle() {}

  /** Loads the model saved in {@code dir} on the store's filesystem. */
  public static FittedSynthesizer load(FileStore store, org.apache.hadoop.fs.Path dir) {
    return load(store, dir, ModelKinds::load);
  }

  /** Loads the trajectory model (longitudinal runs) saved in {@code dir} on the store's fs. */
  public static FittedTrajectorySynthesizer loadTrajectory(FileStore store,
      org.apache.hadoop.fs.Path dir) {
    return load(store, dir, TrajectoryKinds::load);
  }

  /**
   * Moves a model saved on this process's disk into place on the run's filesystem, replacing an
   * old copy: uploaded beside the target and renamed, so a reader never finds half a model.
   */
  public static void publish(FileStore store, Path saved, org.apache.hadoop.fs.Path target) {
    org.apache.hadoop.fs.Path staged = FileStore.sibling(target, ".", ".tmp-"
        + UUID.randomUUID().toString().substring(0, 8));
    try {
      store.upload(saved, staged);
      store.delete(target);
      store.rename(staged, target);
    } catch (UncheckedIOException e) {
      store.delete(staged);
      throw e;
    }
  }

  private static <T> T load(FileStore store, org.apache.hadoop.fs.Path dir,
      Function<Path, T> loader) {
    if (!store.isDirectory(dir)) {
      throw new InvalidInputException(Problem.ofInput(FileStore.display(dir), "is not a model"
          + " directory (it does not exist)", "pass the model/ directory of a train or pipeline"
          + " run"));
    }
    Path local = null;
    try {
      local = Files.createTempDirectory("synthehr-model-");
      store.download(dir, local);
      return loader.apply(local);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary directory for the model", e);
    } finally {
      if (local != null) {
        FileTrees.deleteRecursively(local);
      }
    }
  }
}
