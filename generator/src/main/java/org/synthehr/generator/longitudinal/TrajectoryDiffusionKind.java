package org.synthehr.generator.longitudinal;

import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.OptionsBinder;

/** Registry entry of the trajectory diffusion model ({@code model.kind: trajectory-diffusion}). */
public final class TrajectoryDiffusionKind implements TrajectoryKind {
  /** The kind's id. */
  public static final String ID = "trajectory-diffusion";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "CSDI-style conditional diffusion over static attributes, values and observation masks;"
        + " one model for new cohorts, imputation and digital twins";
  }

  @Override
  public TrajectorySynthesizer create(ModelConfig config) {
    return new TrajectoryDiffusionSynthesizer(config, OptionsBinder.bind(config.options(),
        TrajectoryDiffusionOptions.DEFAULTS, TrajectoryDiffusionOptions.class));
  }

  @Override
  public FittedTrajectorySynthesizer load(ModelDirectory.Reader dir) {
    return FittedTrajectoryDiffusion.load(dir);
  }
}
