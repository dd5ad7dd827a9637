package org.synthehr.generator.ctgan;

import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.deep.DjlOffline;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.ModelKind;
import org.synthehr.generator.model.OptionsBinder;

/** Registry entry of CTGAN ({@code model.kind: ctgan}). */
public final class CtganKind implements ModelKind {
  /** The kind's id. */
  public static final String ID = "ctgan";

  public CtganKind() {
    // Registered before any DJL class loads: make DJL offline first (RECIPE.md §2).
    DjlOffline.setDefaults();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "CTGAN: conditional GAN with mode-specific normalisation (PyTorch via DJL; cpu or gpu)";
  }

  @Override
  public Synthesizer create(ModelConfig config) {
    return new CtganSynthesizer(config,
        OptionsBinder.bind(config.options(), CtganOptions.DEFAULTS, CtganOptions.class));
  }

  @Override
  public FittedSynthesizer load(ModelDirectory.Reader dir) {
    return FittedCtgan.load(dir);
  }
}
