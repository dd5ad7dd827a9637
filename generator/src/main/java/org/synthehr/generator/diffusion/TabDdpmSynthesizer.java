package org.synthehr.generator.diffusion;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.deep.DeviceSelection;
import org.synthehr.generator.deep.DjlOffline;
import org.synthehr.generator.deep.LossHistory;
import org.synthehr.generator.deep.TrainingFingerprint;
import org.synthehr.generator.deep.TrainingLoop;
import org.synthehr.generator.deep.TrainingTables;
import org.synthehr.generator.model.ModelConfig;

/**
 * TabDDPM (Kotelnikov et al. 2023) on DJL's PyTorch engine: Gaussian diffusion of quantile-normal
 * numeric scores and multinomial diffusion of categories (missing values as their own class or
 * indicator), one MLP denoiser with a sinusoidal timestep embedding, conditioned on the label.
 * Training uses the shared deep-model loop (progress, loss history, checkpoints, resume, seeds).
 */
public final class TabDdpmSynthesizer implements Synthesizer {
  private final ModelConfig config;
  private final TabDdpmOptions options;

  public TabDdpmSynthesizer(ModelConfig config, TabDdpmOptions options) {
    this.config = config;
    this.options = options;
  }

  @Override
  public String kind() {
    return TabDdpmKind.ID;
  }

  @Override
  public FittedSynthesizer fit(Table training, TrainingContext context) {
    return fit(training, context, true);
  }

  /** Fits; with {@code train} false, returns the initialised, untrained denoiser (tests). */
  FittedTabDdpm fit(Table training, TrainingContext context, boolean train) {
    DjlOffline.enforce();
    Table table = TrainingTables.modelled(training);
    Device device = DeviceSelection.resolve(config.device());
    Seeds seeds = context.seeds();
    long t0 = System.nanoTime();
    DiffusionCodec codec = DiffusionCodec.fit(table, options, seeds.child("codec"));
    DiffusionCodec.Rows rows = codec.encode(table);
    long t1 = System.nanoTime();
    context.listener().message(String.format(Locale.ROOT, "tabddpm: codec fitted and %,d rows laid"
        + " out in %.2f s (%d numeric scores, %d class blocks of one-hot width %d, label %s),"
        + " T = %d, device %s", table.rowCount(), (t1 - t0) / 1e9, codec.numeric().size(),
        codec.blocks().size(), codec.oneHotWidth(), codec.label() == null ? "none"
            : codec.label() + " (" + codec.labelClasses() + " classes)", options.timesteps(),
        device));
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    try {
      // Belt and braces: nothing in training draws from PyTorch's generator, but seed it anyway.
      Engine.getInstance().setRandomSeed((int) seeds.seed("engine"));
      try (TabDdpmTraining run = new TabDdpmTraining(options, codec, rows, config.batchSize(),
          config.epochs(), manager, seeds.random("init"))) {
        LossHistory history = LossHistory.empty();
        if (train) {
          history = TrainingLoop.run(run, new TrainingLoop.Plan(TabDdpmKind.ID, config.epochs(),
              config.checkpointEvery(), TrainingFingerprint.of(TabDdpmKind.ID, options,
                  config.batchSize(), codec, fingerprintData(rows), seeds.root())), context);
        }
        return new FittedTabDdpm(config, options, table.schema(), codec, history, manager,
            run.network());
      }
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  /** The laid-out training rows as one float array, for the checkpoint fingerprint. */
  private static float[] fingerprintData(DiffusionCodec.Rows rows) {
    float[] out = new float[rows.numeric().length + rows.classes().length + rows.labels().length];
    int at = 0;
    for (double v : rows.numeric()) {
      out[at++] = (float) v;
    }
    for (int c : rows.classes()) {
      out[at++] = c;
    }
    for (int l : rows.labels()) {
      out[at++] = l;
    }
    return out;
  }
}
