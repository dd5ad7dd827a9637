package org.synthehr.generator.model;

import java.nio.file.Path;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;

/** A model kind the toolkit offers: how to configure one and how to load a saved one. */
public interface ModelKind {
  /** The name used in {@code model.kind}. */
  String id();

  /** One line for {@code --help} and the README. */
  String description();

  /**
   * A synthesizer for the config; binds and checks {@code model.options}.
   *
   * @throws org.synthehr.core.error.InvalidConfigException when the options are wrong
   */
  Synthesizer create(ModelConfig config);

  /** Loads a model saved by this kind's fitted model. */
  FittedSynthesizer load(ModelDirectory.Reader dir);
}
