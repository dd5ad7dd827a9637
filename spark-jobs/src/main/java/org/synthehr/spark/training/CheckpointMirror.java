package org.synthehr.spark.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.synthehr.generator.EpochStats;
import org.synthehr.generator.TrainingListener;
import org.synthehr.spark.fs.FileStore;

/**
 * Passes training progress on, and copies every checkpoint the model writes on the task's local
 * disk to the run's checkpoint directory on the shared filesystem, so a training whose executor is
 * lost resumes on another one (Spark retries the task) from the last checkpoint instead of from
 * epoch 1. Each entry is copied beside its final name and renamed into place, and entries the
 * model pruned locally are pruned remotely, so the remote directory is always a complete set of
 * checkpoints.
 */
final class CheckpointMirror implements TrainingListener {
  private final TrainingListener progress;
  private final FileStore store;
  private final Path remote;

  CheckpointMirror(TrainingListener progress, FileStore store, Path remote) {
    this.progress = progress;
    this.store = store;
    this.remote = remote;
  }

  @Override
  public void epoch(EpochStats stats) {
    progress.epoch(stats);
  }

  @Override
  public void message(String text) {
    progress.message(text);
  }

  @Override
  public void checkpointSaved(java.nio.file.Path local) {
    store.mkdirs(remote);
    Set<String> names = new HashSet<>();
    try (Stream<java.nio.file.Path> entries = Files.list(local)) {
      for (java.nio.file.Path e : entries.sorted().toList()) {
        String name = e.getFileName().toString();
        if (name.startsWith(".") || name.endsWith(".tmp")) {
          continue; // a model's own staging, never a complete checkpoint
        }
        names.add(name);
        Path target = new Path(remote, name);
        Path staged = new Path(remote, ".up-" + UUID.randomUUID().toString().substring(0, 8));
        if (Files.isDirectory(e)) {
          if (store.exists(target)) {
            continue; // a checkpoint directory never changes once written
          }
          store.upload(e, staged);
        } else {
          store.write(staged, Files.readAllBytes(e));
        }
        store.delete(target);
        store.rename(staged, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy checkpoints from " + local + " to " + remote, e);
    }
    for (Path p : store.list(remote)) {
      if (!names.contains(p.getName())) {
        store.delete(p);
      }
    }
  }
}
