package org.synthehr.generator.copula;

import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.ModelKind;
import org.synthehr.generator.model.OptionsBinder;

/** Registry entry of the Gaussian copula ({@code model.kind: copula}). */
public final class GaussianCopulaKind implements ModelKind {
  /** The kind's id. */
  public static final String ID = "copula";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Gaussian copula: exact marginals, correlations of normal scores; fast statistical"
        + " baseline, no training epochs";
  }

  @Override
  public Synthesizer create(ModelConfig config) {
    return new GaussianCopulaSynthesizer(config,
        OptionsBinder.bind(config.options(), CopulaOptions.DEFAULTS, CopulaOptions.class));
  }

  @Override
  public FittedSynthesizer load(ModelDirectory.Reader dir) {
    return new FittedGaussianCopula(dir.json("config.json", ModelConfig.class), dir.schema(),
        dir.json("copula.json", CopulaParameters.class));
  }
}
