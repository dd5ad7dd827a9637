package org.synthehr.generator.deep;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.synthehr.core.io.FileTrees;
import org.synthehr.core.io.Json;

/**
 * Training checkpoints in a directory: {@code epoch-000010/} holds {@code state.bin} (networks and
 * optimisers), {@code history.json} and {@code checkpoint.json} (which model, config and data it
 * belongs to). A checkpoint is written under a temporary name and renamed when complete, so a crash
 * while writing never leaves a half checkpoint; only the newest two are kept.
 */
public final class CheckpointStore {
  private static final String PREFIX = "epoch-";
  private static final int KEEP = 2;
  private final Path dir;

  /**
   * What a checkpoint belongs to.
   *
   * @param kind model kind
   * @param epoch epochs completed
   * @param fingerprint hash of the model's config (epochs aside), codec and training data
   */
  public record Info(String kind, int epoch, String fingerprint) {}

  /** A checkpoint found on disk. */
  public record Found(Path dir, Info info) {
    /** Reads the saved training state into a trainer. */
    public void restore(EpochTrainer trainer) {
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(
          Files.newInputStream(dir.resolve("state.bin"))))) {
        trainer.loadState(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read checkpoint " + dir, e);
      }
    }

    /** The loss history up to the checkpoint. */
    public LossHistory history() {
      return Json.read(dir.resolve("history.json"), LossHistory.class);
    }
  }

  public CheckpointStore(Path dir) {
    this.dir = dir;
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Found> latest() {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .filter(p -> Files.isRegularFile(p.resolve("checkpoint.json")))
          .max(Comparator.comparing(p -> p.getFileName().toString()))
          .map(p -> new Found(p, Json.read(p.resolve("checkpoint.json"), Info.class)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  /** Writes a checkpoint after an epoch and removes older ones beyond the newest two. */
  public Path write(Info info, EpochTrainer trainer, LossHistory history) {
    String name = String.format(Locale.ROOT, "%s%06d", PREFIX, info.epoch());
    Path target = dir.resolve(name);
    Path tmp = dir.resolve(".tmp-" + name);
    try {
      Files.createDirectories(dir);
      FileTrees.deleteRecursively(tmp);
      Files.createDirectories(tmp);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          Files.newOutputStream(tmp.resolve("state.bin"))))) {
        trainer.saveState(out);
      }
      Json.write(tmp.resolve("history.json"), history);
      Json.write(tmp.resolve("checkpoint.json"), info);
      FileTrees.deleteRecursively(target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      prune();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }

  private void prune() throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).forEach(all::add);
    }
    all.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (int i = 0; i < all.size() - KEEP; i++) {
      FileTrees.deleteRecursively(all.get(i));
    }
  }
}
