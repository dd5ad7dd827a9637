package org.synthehr.privacy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.synthehr.core.error.OutputExistsException;
import org.synthehr.core.io.FileTrees;
import org.synthehr.privacy.policy.ReleaseGateException;

/**
 * Publishes an approved bundle: verifies it as {@code synth release verify} does, copies exactly
 * the verified files into a directory beside the destination, verifies the copy, and renames it
 * into place, so the destination either does not exist or holds a complete, verified release.
 */
public final class BundlePublisher {
  private BundlePublisher() {}

  /** Publishes and returns the verification of the published copy. */
  public static BundleVerifier.Verification publish(Path bundle, Path dest, PublicKey trusted,
      boolean overwrite) {
    BundleVerifier.Verification v = BundleVerifier.verify(bundle, trusted, true);
    if (!v.ok()) {
      throw new ReleaseGateException("publish refused: " + v.problem());
    }
    Path target = dest.toAbsolutePath().normalize();
    if (target.startsWith(bundle.toAbsolutePath().normalize())) {
      throw new org.synthehr.core.error.InvalidConfigException("DEST " + dest + " is inside the"
          + " bundle; publish to a directory outside it.");
    }
    if (Files.exists(target) && !overwrite) {
      throw new OutputExistsException(target);
    }
    Path stage = target.resolveSibling("." + target.getFileName() + ".publishing-"
        + UUID.randomUUID().toString().substring(0, 8));
    try {
      List<String> files = new ArrayList<>();
      BundleManifest.listFiles(bundle).forEach(rel -> {
        if (!rel.startsWith(".")) {
          files.add(rel);
        }
      });
      for (String rel : files) {
        Path to = stage.resolve(rel);
        Files.createDirectories(to.getParent());
        Files.copy(bundle.resolve(rel), to, StandardCopyOption.COPY_ATTRIBUTES);
      }
      BundleVerifier.Verification copy = BundleVerifier.verify(stage, trusted, true);
      if (!copy.ok()) {
        throw new ReleaseGateException("publish failed: the copy in " + stage + " does not verify"
            + " (" + copy.problem() + "); nothing was published.");
      }
      if (Files.exists(target)) {
        Path old = target.resolveSibling("." + target.getFileName() + ".replaced-"
            + UUID.randomUUID().toString().substring(0, 8));
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.deleteRecursively(old);
      } else {
        Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish to " + target, e);
    } finally {
      FileTrees.deleteRecursively(stage);
    }
  }
}
