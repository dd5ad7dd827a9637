package org.synthehr.generator.ctgan;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import org.synthehr.core.error.InvalidConfigException;
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
import org.synthehr.generator.dp.DpAccounting;
import org.synthehr.generator.model.ModelConfig;

/**
 * CTGAN (Xu et al. 2019) on DJL's PyTorch engine: mode-specific normalisation, a conditional
 * generator trained by sampling, a PacGAN critic with WGAN-GP. Differs from the reference where the
 * reference is wrong: conditional vectors are indexed correctly for every discrete column, sampling
 * runs batch norm in inference mode, integers are rounded, missing values are modelled, and a seed
 * reproduces the model.
 */
public final class CtganSynthesizer implements Synthesizer {
  private final ModelConfig config;
  private final CtganOptions options;
  private final DpOptions dp;

  public CtganSynthesizer(ModelConfig config, CtganOptions options) {
    this(config, options, null);
  }

  /**
   * A CTGAN whose critic learns by DP-SGD when {@code dp} is not null (kind dp-ctgan).
   *
   * @param dp differential-privacy settings, or null
   */
  public CtganSynthesizer(ModelConfig config, CtganOptions options, DpOptions dp) {
    if (config.batchSize() % options.pac() != 0) {
      throw new InvalidConfigException("model.batch_size (" + config.batchSize() + ") must be a"
          + " multiple of model.options.pac (" + options.pac() + "): the critic judges packs of pac"
          + " rows. Use e.g. batch_size " + Math.max(options.pac(),
              config.batchSize() / options.pac() * options.pac()) + ".");
    }
    this.config = config;
    this.options = options;
    this.dp = dp;
  }

  @Override
  public String kind() {
    return dp == null ? CtganKind.ID : DpCtganKind.ID;
  }

  @Override
  public FittedSynthesizer fit(Table training, TrainingContext context) {
    return fit(training, context, true);
  }

  /** Fits; with {@code train} false, returns the initialised, untrained generator (tests). */
  FittedCtgan fit(Table training, TrainingContext context, boolean train) {
    DjlOffline.enforce();
    Table table = TrainingTables.modelled(training);
    Device device = DeviceSelection.resolve(config.device());
    Seeds seeds = context.seeds();
    // Before any work: a plan over the epsilon budget is refused here.
    DpPlan plan = dp == null ? null : DpPlan.of(dp, config, options, table.rowCount());
    if (plan != null) {
      context.listener().message(plan.describe());
    }
    int parallelism = Runtime.getRuntime().availableProcessors();
    long t0 = System.nanoTime();
    ModeSpecificCodec codec = ModeSpecificCodec.fit(table, options.codec(), seeds.child("codec"),
        parallelism);
    long t1 = System.nanoTime();
    float[] data = codec.encode(table, seeds.random("encode"), parallelism);
    long t2 = System.nanoTime();
    context.listener().message(String.format(Locale.ROOT, "ctgan: codec fitted in %.2f s, %,d rows"
        + " encoded in %.2f s (encoded width %d, %d discrete columns), device %s",
        (t1 - t0) / 1e9, table.rowCount(), (t2 - t1) / 1e9, codec.width(),
        codec.discreteColumns().size(), device));
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    try {
      // Belt and braces: nothing in training draws from PyTorch's generator, but seed it anyway.
      Engine.getInstance().setRandomSeed((int) seeds.seed("engine"));
      try (CtganTraining run = new CtganTraining(options, codec, data, table.rowCount(),
          config.batchSize(), manager, seeds.random("init"))) {
        if (plan != null) {
          run.makePrivate(dp, plan.budget(), plan.noiseMultiplier(), plan.samplingRate());
        }
        LossHistory history = LossHistory.empty();
        if (train) {
          Object fingerprinted = dp == null ? options : java.util.List.of(options, dp);
          history = TrainingLoop.run(run, new TrainingLoop.Plan(kind(), config.epochs(),
              config.checkpointEvery(), TrainingFingerprint.of(kind(), fingerprinted,
                  config.batchSize(), codec, data, seeds.root())), context);
        }
        DpAccounting accounting = plan == null ? null : plan.accounting(run.privacyBudget());
        if (accounting != null) {
          context.listener().message(String.format(Locale.ROOT, "%s: epsilon %.3f spent of %.3f"
              + " at delta %.3g in %,d private critic steps", kind(), accounting.epsilonSpent(),
              accounting.epsilonBudget(), accounting.delta(), accounting.steps()));
        }
        CtganArchitecture arch = new CtganArchitecture(options.embeddingDim(),
            options.generatorDims(), codec.width(), run.conditionalVectors().width());
        return new FittedCtgan(config, table.schema(), codec, history, manager, arch,
            run.generator(), options.candidatesPerRow(), accounting);
      }
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }
}
