package org.synthehr.generator.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.copula.GaussianCopulaKind;
import org.synthehr.generator.ctgan.CtganKind;
import org.synthehr.generator.ctgan.DpCtganKind;
import org.synthehr.generator.diffusion.TabDdpmKind;
import org.synthehr.generator.tvae.TvaeKind;

/** The registry of model kinds: creates synthesizers from configs and loads saved models. */
public final class ModelKinds {
  private static final Map<String, ModelKind> KINDS = new LinkedHashMap<>();

  static {
    register(new GaussianCopulaKind());
    register(new CtganKind());
    register(new DpCtganKind());
    register(new TvaeKind());
    register(new TabDdpmKind());
  }

  private ModelKinds() {}

  private static void register(ModelKind kind) {
    KINDS.put(kind.id(), kind);
  }

  /** All kinds, in registration order. */
  public static List<ModelKind> all() {
    return List.copyOf(KINDS.values());
  }

  /** The kind with this id, or a config error listing the valid ids. */
  public static ModelKind get(String id) {
    ModelKind kind = KINDS.get(id);
    if (kind == null) {
      throw new InvalidConfigException("model.kind '" + id + "' is not a model kind. Valid kinds: "
          + String.join(", ", KINDS.keySet()) + ".");
    }
    return kind;
  }

  /** A synthesizer for a config (options checked now, so mistakes surface before any work). */
  public static Synthesizer create(ModelConfig config) {
    return get(config.kind()).create(config);
  }

  /** Loads a saved model directory of any kind. */
  public static FittedSynthesizer load(Path dir) {
    ModelDirectory.Reader reader = ModelDirectory.open(dir);
    ModelKind kind = KINDS.get(reader.manifest().kind());
    if (kind == null) {
      throw new InvalidInputException(Problem.ofInput(dir.toString(), "holds a model of kind '"
          + reader.manifest().kind() + "', which this version does not know",
          "load it with the toolkit version that made it (" + reader.manifest().toolVersion() + ")"));
    }
    return kind.load(reader);
  }
}
