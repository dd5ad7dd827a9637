package org.synthehr.generator.tvae;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.codec.ModeSpecificCodec;
import org.synthehr.generator.deep.DeviceSelection;
import org.synthehr.generator.deep.DjlOffline;
import org.synthehr.generator.deep.LossHistory;
import org.synthehr.generator.deep.TrainingFingerprint;
import org.synthehr.generator.deep.TrainingLoop;
import org.synthehr.generator.deep.TrainingTables;
import org.synthehr.generator.model.ModelConfig;

/**
 * TVAE (Xu et al. 2019) on DJL's PyTorch engine: a variational autoencoder over the
 * mode-specific-normalised rows, with the reference's architecture and loss.
 */
public final class TvaeSynthesizer implements Synthesizer {
  private final ModelConfig config;
  private final TvaeOptions options;

  public TvaeSynthesizer(ModelConfig config, TvaeOptions options) {
    this.config = config;
    this.options = options;
  }

  @Override
  public String kind() {
    return TvaeKind.ID;
  }

  @Override
  public FittedSynthesizer fit(Table training, TrainingContext context) {
    return fit(training, context, true);
  }

  /** Fits; with {@code train} false, returns the initialised, untrained decoder (tests). */
  FittedTvae fit(Table training, TrainingContext context, boolean train) {
    DjlOffline.enforce();
    Table table = TrainingTables.modelled(training);
    Device device = DeviceSelection.resolve(config.device());
    Seeds seeds = context.seeds();
    int parallelism = Runtime.getRuntime().availableProcessors();
    long t0 = System.nanoTime();
    ModeSpecificCodec codec = ModeSpecificCodec.fit(table, options.codec(), seeds.child("codec"),
        parallelism);
    long t1 = System.nanoTime();
    float[] data = codec.encode(table, seeds.random("encode"), parallelism);
    long t2 = System.nanoTime();
    context.listener().message(String.format(Locale.ROOT, "tvae: codec fitted in %.2f s, %,d rows"
        + " encoded in %.2f s (encoded width %d), device %s", (t1 - t0) / 1e9, table.rowCount(),
        (t2 - t1) / 1e9, codec.width(), device));
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    try {
      // Belt and braces: nothing in training draws from PyTorch's generator, but seed it anyway.
      Engine.getInstance().setRandomSeed((int) seeds.seed("engine"));
      try (TvaeTraining run = new TvaeTraining(options, codec, data, table.rowCount(),
          config.batchSize(), manager, seeds.random("init"))) {
        LossHistory history = LossHistory.empty();
        if (train) {
          history = TrainingLoop.run(run, new TrainingLoop.Plan(TvaeKind.ID, config.epochs(),
              config.checkpointEvery(), TrainingFingerprint.of(TvaeKind.ID, options,
                  config.batchSize(), codec, data, seeds.root())), context);
        }
        TvaeArchitecture arch = new TvaeArchitecture(options.embeddingDim(),
            options.decompressDims(), codec.width());
        return new FittedTvae(config, table.schema(), codec, history, manager, arch,
            run.decoder(), options);
      }
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }
}
