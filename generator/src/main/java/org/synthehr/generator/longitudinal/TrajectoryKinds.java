package org.synthehr.generator.longitudinal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;

/** The registry of trajectory model kinds (kept apart from the tabular {@code ModelKinds}). */
public final class TrajectoryKinds {
  private static final Map<String, TrajectoryKind> KINDS = new LinkedHashMap<>();

  static {
    register(new TrajectoryDiffusionKind());
    register(new TrajectoryGanKind());

  }

  private TrajectoryKinds() {}

  private static void register(TrajectoryKind kind) {
    KINDS.put(kind.id(), kind);
  }

  /** All kinds, in registration order. */
  public static List<TrajectoryKind> all() {
    return List.copyOf(KINDS.values());
  }

  /** The kind with this id, or a config error listing the valid ids. */
  public static TrajectoryKind get(String id) {
    TrajectoryKind kind = KINDS.get(id);
    if (kind == null) {
      throw new InvalidConfigException("model.kind '" + id + "' is not a trajectory model kind."
          + " Valid kinds: " + String.join(", ", KINDS.keySet()) + ".");
    }
    return kind;
  }

  /** A synthesizer for a config (options checked now, before any work). */
  public static TrajectorySynthesizer create(ModelConfig config) {
    return get(config.kind()).create(config);
  }

  /** Loads a saved trajectory model of any kind. */
  public static FittedTrajectorySynthesizer load(Path dir) {
    ModelDirectory.Reader reader = ModelDirectory.open(dir);
    TrajectoryKind kind = KINDS.get(reader.manifest().kind());
    if (kind == null) {
      throw new InvalidInputException(Problem.ofInput(dir.toString(), "holds a model of kind '"
          + reader.manifest().kind() + "', which is not a trajectory model this version knows",
          "load it with the toolkit version that made it (" + reader.manifest().toolVersion()
              + ")"));
    }
    return kind.load(reader);
  }
}
