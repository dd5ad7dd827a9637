package org.synthehr.generator.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.schema.TableSchema;

/**
 * The on-disk layout of a saved model: {@code manifest.json} (written last), {@code config.json},
 * {@code schema.json} and the kind's parameter files (JSON or binary). No Java serialisation, no
 * training rows, no discriminator.
 */
public final class ModelDirectory {
  /** The current layout version. */
  public static final int FORMAT_VERSION = 1;
  static final String MANIFEST = "manifest.json";

  private ModelDirectory() {}

  /** Starts writing a model of a kind into a directory (created if absent, must be empty). */
  public static Writer create(Path dir, String kind) {
    try {
      Files.createDirectories(dir);
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("model directory " + dir + " is not empty");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return new Writer(dir, kind);
  }

  /** Opens a saved model, checking the manifest and every file's checksum. */
  public static Reader open(Path dir) {
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new InvalidInputException(Problem.ofInput(dir.toString(),
          "is not a saved model (no manifest.json)",
          "point at the model/ directory written by 'synth train' or 'synth pipeline'"));
    }
    ModelManifest manifest = Json.read(manifestFile, ModelManifest.class);
    if (manifest.formatVersion() > FORMAT_VERSION) {
      throw new InvalidInputException(Problem.ofInput(dir.toString(), "was written in model format "
          + manifest.formatVersion() + " by version " + manifest.toolVersion()
          + ", newer than this toolkit reads (" + FORMAT_VERSION + ")", "upgrade the toolkit"));
    }
    for (Map.Entry<String, String> f : manifest.files().entrySet()) {
      Path file = dir.resolve(f.getKey());
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException(Problem.ofInput(dir.toString(), "lacks " + f.getKey()
            + ", listed in its manifest", "copy the whole model directory, not single files"));
      }
      if (!Provenance.sha256(file).equals(f.getValue())) {
        throw new InvalidInputException(Problem.ofInput(file.toString(),
            "does not match the checksum in manifest.json (damaged or edited)",
            "restore the model directory from the original output"));
      }
    }
    return new Reader(dir, manifest);
  }

  /** Writes the files of a model; {@link #finish()} writes the manifest. */
  public static final class Writer {
    private final Path dir;
    private final String kind;
    private final Map<String, String> files = new TreeMap<>();

    private Writer(Path dir, String kind) {
      this.dir = dir;
      this.kind = kind;
    }

    /** The directory being written. */
    public Path dir() {
      return dir;
    }

    /** Writes a value as JSON. */
    public Writer json(String name, Object value) {
      Json.write(dir.resolve(name), value);
      files.put(name, Provenance.sha256(dir.resolve(name)));
      return this;
    }

    /** Writes the output schema. */
    public Writer schema(TableSchema schema) {
      return json("schema.json", schema);
    }

    /** Writes raw bytes (network parameters). */
    public Writer bytes(String name, byte[] content) {
      try {
        Files.write(dir.resolve(name), content);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + name, e);
      }
      files.put(name, HexFormat.of().formatHex(sha256(content)));
      return this;
    }

    /** Registers a file the caller wrote into {@link #dir()} itself. */
    public Writer file(String name) {
      files.put(name, Provenance.sha256(dir.resolve(name)));
      return this;
    }

    /** Writes the manifest; the model is complete only after this. */
    public void finish() {
      Json.write(dir.resolve(MANIFEST), new ModelManifest(FORMAT_VERSION, kind,
          Provenance.currentVersion(), Instant.now().toString(), files));
    }

    private static byte[] sha256(byte[] content) {
      try {
        return java.security.MessageDigest.getInstance("SHA-256").digest(content);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Reads the files of a checked model. */
  public static final class Reader {
    private final Path dir;
    private final ModelManifest manifest;

    private Reader(Path dir, ModelManifest manifest) {
      this.dir = dir;
      this.manifest = manifest;
    }

    public Path dir() {
      return dir;
    }

    public ModelManifest manifest() {
      return manifest;
    }

    /** Whether the model has a file (models saved by older versions may lack newer files). */
    public boolean has(String name) {
      return manifest.files().containsKey(name);
    }

    /** Reads a JSON file of the model. */
    public <T> T json(String name, Class<T> type) {
      return Json.read(dir.resolve(name), type);
    }

    /** The output schema. */
    public TableSchema schema() {
      return json("schema.json", TableSchema.class);
    }

    /** Reads a binary file of the model. */
    public byte[] bytes(String name) {
      try {
        return Files.readAllBytes(dir.resolve(name));
      } catch (IOException e) {
        throw new InvalidInputException(Problem.ofInput(dir.resolve(name).toString(),
            "cannot be read", "restore the model directory"));
      }
    }

    /** Reads a text file of the model. */
    public String text(String name) {
      return new String(bytes(name), StandardCharsets.UTF_8);
    }
  }
}
