package org.synthehr.generator.longitudinal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.synthehr.core.io.Json;

/**
 * Training state written every {@code model.checkpoint_every} epochs so that {@code --resume}
 * continues a failed run: the epochs done, the loss history and each network's parameters. Each
 * epoch draws its randomness from its own seed stream, so a resumed run sees the same batches and
 * noise as an uninterrupted one; the optimizer's moment estimates restart from zero.
 *
 * @param kind the model kind (a checkpoint of another kind is ignored)
 * @param epoch epochs done
 * @param history losses so far
 */
record Checkpoint(String kind, int epoch, LossHistory history) {

  private static final String STATE = "checkpoint.json";

  /** Writes the state and parameter files, replacing an older checkpoint atomically per file. */
  static void write(Path dir, Checkpoint state, Map<String, byte[]> networks) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, byte[]> e : new TreeMap<>(networks).entrySet()) {
        Path tmp = dir.resolve(e.getKey() + ".tmp");
        Files.write(tmp, e.getValue());
        Files.move(tmp, dir.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING);
      }
      Path tmp = dir.resolve(STATE + ".tmp");
      Json.write(tmp, state);
      Files.move(tmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint to " + dir, e);
    }
  }

  /** The last checkpoint of a kind in a directory, or null. */
  static Checkpoint read(Path dir, String kind) {
    if (dir == null || !Files.isRegularFile(dir.resolve(STATE))) {
      return null;
    }
    Checkpoint c = Json.read(dir.resolve(STATE), Checkpoint.class);
    return kind.equals(c.kind()) ? c : null;
  }

  /** The bytes of one network of a checkpoint. */
  static byte[] network(Path dir, String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint file " + dir.resolve(name), e);
    }
  }
}
