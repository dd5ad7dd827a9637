package org.synthehr.generator.longitudinal;

import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.OptionsBinder;

/** Registry entry of the trajectory GAN ({@code model.kind: trajectory-gan}). */
public final class TrajectoryGanKind implements TrajectoryKind {
  /** The kind's id. */
  public static final String ID = "trajectory-gan";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "DoppelGANger-style GAN: static attributes first, then a GRU generates values and"
        + " observation flags step by step; twins by fitting the noise to a history";
  }

  @Override
  public TrajectorySynthesizer create(ModelConfig config) {
    return new TrajectoryGanSynthesizer(config, OptionsBinder.bind(config.options(),
        TrajectoryGanOptions.DEFAULTS, TrajectoryGanOptions.class));
  }

  @Override
  public FittedTrajectorySynthesizer load(ModelDirectory.Reader dir) {
    return FittedTrajectoryGan.load(dir);
  }
}
