package org.synthehr.spark.longitudinal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.longitudinal.omop.OmopConfig;
import org.synthehr.generator.longitudinal.TrajectoryKinds;

/**
 * Loads a longitudinal config: built-in defaults, the user's file, then {@code --set} overrides;
 * unknown keys are rejected and the model's options checked before any work.
 */
public final class LongitudinalConfigLoader {
  private LongitudinalConfigLoader() {}

  /**
   * A loaded config and how it was made.
   *
   * @param config the typed config
   * @param resolvedYaml the complete resolved config
   * @param file the file it came from
   * @param overrides the {@code --set} assignments applied
   */
  public record Loaded(LongitudinalJobConfig config, String resolvedYaml, Path file,
      List<String> overrides) {}

  /** Whether a config file is a longitudinal one ({@code kind: longitudinal} at the top). */
  public static boolean isLongitudinal(Path file) {
    try {
      JsonNode kind = ConfigLoader.readTree(file).get("kind");
      return kind != null && LongitudinalJobConfig.KIND.equals(kind.asText());
    } catch (InvalidConfigException e) {
      return false;
    }
  }

  /** Loads and checks a config file with overrides. */
  public static Loaded load(Path file, List<String> overrides) {
    ObjectNode defaults = ConfigLoader.readResource(LongitudinalConfigLoader.class,
        "longitudinal-defaults.yaml");
    ObjectNode tree = ConfigLoader.resolveTree(file, overrides, defaults);
    LongitudinalJobConfig config = ConfigLoader.bind(tree, LongitudinalJobConfig.class,
        file.toString());
    TrajectoryKinds.create(config.model());
    if (config.omop() == null) {
      tree.set("omop", ConfigLoader.yamlMapper().valueToTree(OmopConfig.minimal()));
    }
    return new Loaded(config, ConfigLoader.toYaml(tree), file, List.copyOf(overrides));
  }

  /**
   * The config of a resolved YAML (as {@link Loaded#resolvedYaml()} holds it): how a Spark task
   * gets the run's config, since the typed config is not serializable.
   */
  public static LongitudinalJobConfig fromResolved(String resolvedYaml) {
    try {
      return ConfigLoader.bind(ConfigLoader.yamlMapper().readTree(resolvedYaml),
          LongitudinalJobConfig.class, "the resolved config");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the resolved config is not YAML", e);
    }
  }
}
