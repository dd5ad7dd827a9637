package org.synthehr.spark.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.generator.model.ModelKinds;

/**
 * Loads a job config: built-in defaults, then the user's file, then {@code --set key=value}
 * overrides; unknown keys and wrong types are rejected, and the model's kind-specific options are
 * checked now so that a typo fails before any work.
 */
public final class JobConfigLoader {
  private JobConfigLoader() {}

  /**
   * A loaded config and how it was made.
   *
   * @param config the typed config
   * @param resolvedYaml the complete resolved config (defaults filled in), as saved with outputs
   * @param file the file it came from
   * @param overrides the {@code --set} assignments applied, in order
   */
  public record Loaded(JobConfig config, String resolvedYaml, Path file, List<String> overrides) {}

  /**
   * A config from the built-in defaults and {@code key=value} assignments alone (commands that take
   * everything from options, e.g. {@code synth evaluate --real ... --synthetic ...}).
   *
   * @param source how to name the config in messages and in run records
   */
  public static Loaded fromAssignments(List<String> assignments, Path source) {
    ObjectNode tree = ConfigLoader.readResource(JobConfigLoader.class, "job-defaults.yaml");
    for (String a : assignments) {
      ConfigLoader.applyOverride(tree, a);
    }
    JobConfig config = ConfigLoader.bind(tree, JobConfig.class, source.toString());
    ModelKinds.create(config.model());
    return new Loaded(config, ConfigLoader.toYaml(tree), source, List.copyOf(assignments));
  }

  /** Loads and checks a config file with overrides. */
  public static Loaded load(Path file, List<String> overrides) {
    ObjectNode defaults = ConfigLoader.readResource(JobConfigLoader.class, "job-defaults.yaml");
    ObjectNode tree = ConfigLoader.resolveTree(file, overrides, defaults);
    JobConfig config = ConfigLoader.bind(tree, JobConfig.class, file.toString());
    ModelKinds.create(config.model());
    return new Loaded(config, ConfigLoader.toYaml(tree), file, List.copyOf(overrides));
  }

  /** The config of a resolved YAML text (as written to config.resolved.yaml), e.g. in a task. */
  public static JobConfig fromResolved(String resolvedYaml) {
    try {
      return ConfigLoader.bind(ConfigLoader.yamlMapper().readTree(resolvedYaml), JobConfig.class,
          "the resolved config");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the resolved config is not YAML", e);
    }
  }
}
