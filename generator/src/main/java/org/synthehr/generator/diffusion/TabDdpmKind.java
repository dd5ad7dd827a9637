package org.synthehr.generator.diffusion;

import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.deep.DjlOffline;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.ModelKind;
import org.synthehr.generator.model.OptionsBinder;

/** Registry entry of TabDDPM ({@code model.kind: tabddpm}). */
public final class TabDdpmKind implements ModelKind {
  /** The kind's id. */
  public static final String ID = "tabddpm";

  public TabDdpmKind() {
    // Registered before any DJL class loads: make DJL offline first (RECIPE.md §2).
    DjlOffline.setDefaults();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "TabDDPM: Gaussian + multinomial diffusion with an MLP denoiser, label-conditioned"
        + " (PyTorch via DJL; cpu or gpu)";
  }

  @Override
  public Synthesizer create(ModelConfig config) {
    return new TabDdpmSynthesizer(config,
        OptionsBinder.bind(config.options(), TabDdpmOptions.DEFAULTS, TabDdpmOptions.class));
  }

  @Override
  public FittedSynthesizer load(ModelDirectory.Reader dir) {
    return FittedTabDdpm.load(dir);
  }
}
