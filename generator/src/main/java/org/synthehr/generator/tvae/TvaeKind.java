package org.synthehr.generator.tvae;

import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.deep.DjlOffline;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.ModelKind;
import org.synthehr.generator.model.OptionsBinder;

/** Registry entry of TVAE ({@code model.kind: tvae}). */
public final class TvaeKind implements ModelKind {
  /** The kind's id. */
  public static final String ID = "tvae";

  public TvaeKind() {
    // Registered before any DJL class loads: make DJL offline first (RECIPE.md §2).
    DjlOffline.setDefaults();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "TVAE: variational autoencoder with mode-specific normalisation (PyTorch via DJL; cpu or"
        + " gpu)";
  }

  @Override
  public Synthesizer create(ModelConfig config) {
    return new TvaeSynthesizer(config,
        OptionsBinder.bind(config.options(), TvaeOptions.DEFAULTS, TvaeOptions.class));
  }

  @Override
  public FittedSynthesizer load(ModelDirectory.Reader dir) {
    return FittedTvae.load(dir);
  }
}
