package org.synthehr.spark.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.schema.SchemaFile;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.fs.FileStore;

/**
 * The small files every run leaves next to its results: the resolved config, the resolved schema
 * (reusable as a schema file), and {@code run.json} (command, overrides, timings, provenance).
 */
final class RunFiles {
  private RunFiles() {}

  /** Writes config.resolved.yaml alone (an unfinished run shows what it was made with). */
  static void writeConfig(FileStore store, Path dir, JobConfigLoader.Loaded loaded) {
    store.writeString(new Path(dir, "config.resolved.yaml"), "# Resolved from " + loaded.file()
        + (loaded.overrides().isEmpty() ? "" : " with --set " + String.join(" --set ",
            loaded.overrides())) + "\n" + loaded.resolvedYaml());
  }

  static void write(FileStore store, Path dir, String command, JobConfigLoader.Loaded loaded,
      TableSchema schema, Provenance provenance, Map<String, Object> figures) {
    writeConfig(store, dir, loaded);
    if (schema != null) {
      store.writeString(new Path(dir, "schema.yaml"), "# The schema this run used; pass it as"
          + " input.schema to reuse it.\n" + ConfigLoader.toYaml(SchemaFile.of(schema)));
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("command", command);
    run.put("config_file", loaded.file().toString());
    run.put("overrides", List.copyOf(loaded.overrides()));
    run.put("figures", figures);
    run.put("provenance", provenance);
    store.writeJson(new Path(dir, "run.json"), run);
  }
}
