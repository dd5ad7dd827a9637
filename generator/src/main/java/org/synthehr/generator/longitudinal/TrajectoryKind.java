package org.synthehr.generator.longitudinal;

import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;

/** A trajectory model kind: how to configure one and how to load a saved one. */
public interface TrajectoryKind {
  /** The name used in {@code model.kind}. */
  String id();

  /** One line for {@code --help} and the docs. */
  String description();

  /**
   * A synthesizer for the config; binds and checks {@code model.options}.
   *
   * @throws org.synthehr.core.error.InvalidConfigException when the options are wrong
   */
  TrajectorySynthesizer create(ModelConfig config);

  /** Loads a model saved by this kind. */
  FittedTrajectorySynthesizer load(ModelDirectory.Reader dir);
}
