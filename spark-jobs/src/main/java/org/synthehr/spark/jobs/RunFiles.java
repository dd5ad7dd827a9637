package org.synthehr.spark.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.schema.SchemaFile;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.spark.config.JobConfigLoader;

/**
 * The small files every run leaves next to its results: the resolved config, the resolved schema
 * (reusable as a schema file), and {@code run.json} (command, overrides, timings, provenance).
 */
final class RunFiles {
  private RunFiles() {}

  /** Writes config.resolved.yaml alone (an unfinished run shows what it was made with). */
  static void writeConfig(Path dir, JobConfigLoader.Loaded loaded) {
    try {
      Files.writeString(dir.resolve("config.resolved.yaml"), "# Resolved from " + loaded.file()
          + (loaded.overrides().isEmpty() ? "" : " with --set " + String.join(" --set ",
              loaded.overrides())) + "\n" + loaded.resolvedYaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path dir, String command, JobConfigLoader.Loaded loaded, TableSchema schema,
      Provenance provenance, Map<String, Object> figures) {
    writeConfig(dir, loaded);
    try {
      if (schema != null) {
        Files.writeString(dir.resolve("schema.yaml"), "# The schema this run used; pass it as"
            + " input.schema to reuse it.\n" + ConfigLoader.toYaml(SchemaFile.of(schema)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("command", command);
    run.put("config_file", loaded.file().toString());
    run.put("overrides", List.copyOf(loaded.overrides()));
    run.put("figures", figures);
    run.put("provenance", provenance);
    Json.write(dir.resolve("run.json"), run);
  }
}
