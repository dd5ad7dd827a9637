package org.synthehr.generator.longitudinal;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.PlausibilityRules;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.deep.Scalars;
import org.synthehr.generator.model.ModelConfig;

/**
 * A GAN for patient trajectories with static metadata in the style of DoppelGANger (Lin et al.
 * 2020): static attributes first, then the series conditioned on them by a GRU, judged by a critic
 * of whole patients and an auxiliary critic of the attributes alone. Trained with the
 * non-saturating logistic loss (one critic step per generator step, Adam with beta1 = 0.5). Twins
 * are drawn by fitting the generator's noise to a patient's history (GAN inversion) and drawing
 * fresh noise for the future.
 */
public final class TrajectoryGanSynthesizer implements TrajectorySynthesizer {
  static final String GENERATOR = "generator.params";
  static final String CRITIC = "critic.params";

  private final ModelConfig config;
  private final TrajectoryGanOptions options;

  public TrajectoryGanSynthesizer(ModelConfig config, TrajectoryGanOptions options) {
    this.config = config;
    this.options = options;
  }

  @Override
  public String kind() {
    return TrajectoryGanKind.ID;
  }

  @Override
  public FittedTrajectorySynthesizer fit(Cohort training, TrainingContext context) {
    PreparedCohort prepared = PreparedCohort.of(training, options.tail());
    CohortCodec codec = prepared.codec();
    PlausibilityRules rules = prepared.rules();
    CohortCodec.Encoded enc = prepared.encoded();
    Device device = OfflinePyTorch.device(config.device());
    int n = training.size();
    int batch = Math.min(config.batchSize(), n);
    int steps = codec.steps();
    int k = codec.variables();
    int s = codec.staticWidth();
    Path dir = context.checkpointDir();
    LossHistory history = LossHistory.empty();
    byte[] params;
    context.listener().message(String.format(java.util.Locale.ROOT, "trajectory-gan: %d patients,"
        + " %d static entries, %d steps x %d variables, %d epochs of batches of %d", n, s, steps,
        k, config.epochs(), batch));
    try (Model gModel = Model.newInstance("trajectory-gan-generator", device, "PyTorch");
        Model cModel = Model.newInstance("trajectory-gan-critic", device, "PyTorch")) {
      TrajectoryGenerator gen = generator(codec);
      TrajectoryCritic critic = new TrajectoryCritic(options.criticHidden());
      gModel.setBlock(gen);
      cModel.setBlock(critic);
      try (Trainer gt = gModel.newTrainer(trainingConfig(options.learningRate(), device));
          Trainer ct = cModel.newTrainer(trainingConfig(options.criticLearningRate(), device))) {
        gt.initialize(TrajectoryGenerator.inputShapes(batch, options, steps, s));
        ct.initialize(new Shape(batch, s), new Shape(batch, steps, 2L * k));
        SeededInit.apply(gen, context.seeds().random("init.generator"));
        SeededInit.apply(critic, context.seeds().random("init.critic"));
        int start = 0;
        Checkpoint cp = context.resume() ? Checkpoint.read(dir, TrajectoryGanKind.ID) : null;
        if (cp != null) {
          ParameterBytes.assign(gen, ParameterBytes.values(generator(codec),
              TrajectoryGenerator.inputShapes(1, options, steps, s),
              Checkpoint.network(dir, GENERATOR), dir.toString()));
          ParameterBytes.assign(critic, ParameterBytes.values(
              new TrajectoryCritic(options.criticHidden()), new Shape[] {new Shape(1, s),
                  new Shape(1, steps, 2L * k)}, Checkpoint.network(dir, CRITIC), dir.toString()));
          start = cp.epoch();
          history = cp.history();
          context.listener().message("resumed from the checkpoint after epoch " + start);
        }
        TrainingClock clock = new TrainingClock(config.epochs(), start);
        long rows = 0;
        for (int epoch = start + 1; epoch <= config.epochs(); epoch++) {
          SplittableRandom rnd = new SplittableRandom(context.seeds().blockSeed("epoch", epoch));
          int[] order = TrajectoryDiffusionSynthesizer.permutation(n, rnd);
          double dSum = 0;
          double gSum = 0;
          int batches = 0;
          for (int from = 0; from < n; from += batch) {
            int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batch));
            RealBatch real = RealBatch.of(enc, idx, codec);
            dSum += criticStep(gt, ct, real, noise(idx.length, rnd, steps, s));
            gSum += generatorStep(gt, ct, critic, noise(idx.length, rnd, steps, s));
            batches++;
            rows += idx.length;
          }
          Map<String, Double> losses = Map.of("critic", dSum / batches, "generator",
              gSum / batches);
          history = history.plus(losses);
          context.listener().epoch(clock.stats(epoch, losses, rows));
          if (dir != null && config.checkpointEvery() > 0 && epoch % config.checkpointEvery() == 0
              && epoch < config.epochs()) {
            Checkpoint.write(dir, new Checkpoint(TrajectoryGanKind.ID, epoch, history),
                Map.of(GENERATOR, ParameterBytes.save(gen), CRITIC, ParameterBytes.save(critic)));
            context.listener().message("checkpoint after epoch " + epoch + " in " + dir);
            context.listener().checkpointSaved(dir);
          }
        }
        params = ParameterBytes.save(gen);
      }
    }
    return new FittedTrajectoryGan(config, options, codec, rules, params, history);
  }

  private TrajectoryGenerator generator(CohortCodec codec) {
    return new TrajectoryGenerator(options, codec.steps(), codec.variables(), codec.staticWidth(),
        codec.spans());
  }

  private static DefaultTrainingConfig trainingConfig(double lr, Device device) {
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr))
        .optBeta1(0.5f).optBeta2(0.999f).build();
    return new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam)
        .optDevices(new Device[] {device});
  }

  /** Noise for one batch: static noise, step noise, no given entries. */
  private float[][] noise(int rows, SplittableRandom rnd, int steps, int staticWidth) {
    float[] zs = new float[rows * options.staticNoise()];
    float[] zt = new float[rows * steps * options.stepNoise()];
    for (int i = 0; i < zs.length; i++) {
      zs[i] = (float) TrajectoryDiffusion.gaussian(rnd);
    }
    for (int i = 0; i < zt.length; i++) {
      zt[i] = (float) TrajectoryDiffusion.gaussian(rnd);
    }
    return new float[][] {zs, zt, new float[rows * staticWidth]};
  }

  private NDList generatorInputs(NDManager m, float[][] z, int rows, int steps, int s) {
    NDArray none = m.create(z[2], new Shape(rows, s));
    return new NDList(m.create(z[0], new Shape(rows, options.staticNoise())),
        m.create(z[1], new Shape(rows, steps, options.stepNoise())), none, none);
  }

  private double criticStep(Trainer gt, Trainer ct, RealBatch real, float[][] z) {
    try (NDManager sub = ct.getManager().newSubManager()) {
      int rows = real.rows;
      NDList realIn = new NDList(sub.create(real.statics, new Shape(rows, real.staticWidth)),
          sub.create(real.series, new Shape(rows, real.steps, 2L * real.variables)));
      double value;
      try (GradientCollector gc = ct.newGradientCollector()) {
        NDList fake = fakeForCritic(gt.forward(generatorInputs(sub, z, rows, real.steps,
            real.staticWidth)), true);
        NDList dReal = ct.forward(realIn);
        NDList dFake = ct.forward(fake);
        NDArray loss = softplus(dReal.get(0).neg()).add(softplus(dFake.get(0)))
            .add(Scalars.mul(softplus(dReal.get(1).neg()).add(softplus(dFake.get(1))),
                options.auxWeight()));
        gc.backward(loss);
        value = loss.getFloat();
      }
      ct.step();
      return value;
    }
  }

  private double generatorStep(Trainer gt, Trainer ct, TrajectoryCritic critic, float[][] z) {
    try (NDManager sub = gt.getManager().newSubManager()) {
      int rows = z[0].length / options.staticNoise();
      int steps = z[1].length / rows / options.stepNoise();
      int s = z[2].length / rows;
      double value;
      freeze(critic, true);
      try (GradientCollector gc = gt.newGradientCollector()) {
        NDList fake = fakeForCritic(gt.forward(generatorInputs(sub, z, rows, steps, s)), false);
        NDList d = ct.forward(fake);
        NDArray loss = softplus(d.get(0).neg()).add(Scalars.mul(softplus(d.get(1).neg()),
            options.auxWeight()));
        gc.backward(loss);
        value = loss.getFloat();
      } finally {
        freeze(critic, false);
      }
      gt.step();
      return value;
    }
  }

  private static void freeze(TrajectoryCritic critic, boolean frozen) {
    for (Parameter p : critic.getParameters().values()) {
      p.freeze(frozen);
    }
  }

  /** Generator output as critic input: static, and (values x flags, flags) per step. */
  static NDList fakeForCritic(NDList out, boolean detach) {
    NDArray stat = out.get(0);
    NDArray values = out.get(1);
    NDArray prob = out.get(2);
    NDArray series = values.mul(prob).concat(prob, 2);
    if (detach) {
      return new NDList(stat.stopGradient(), series.stopGradient());
    }
    return new NDList(stat, series);
  }

  private static NDArray softplus(NDArray x) {
    return Activation.softPlus(x).mean();
  }

  /** Real patients as critic input. */
  static final class RealBatch {
    final int rows;
    final int steps;
    final int variables;
    final int staticWidth;
    final float[] statics;
    final float[] series;

    private RealBatch(int rows, int steps, int variables, int staticWidth) {
      this.rows = rows;
      this.steps = steps;
      this.variables = variables;
      this.staticWidth = staticWidth;
      this.statics = new float[rows * staticWidth];
      this.series = new float[rows * steps * 2 * variables];
    }

    static RealBatch of(CohortCodec.Encoded enc, int[] idx, CohortCodec codec) {
      int steps = codec.steps();
      int k = codec.variables();
      int s = codec.staticWidth();
      RealBatch b = new RealBatch(idx.length, steps, k, s);
      for (int r = 0; r < idx.length; r++) {
        int p = idx[r];
        System.arraycopy(enc.statics(), p * s, b.statics, r * s, s);
        for (int t = 0; t < steps; t++) {
          for (int j = 0; j < k; j++) {
            int src = (p * steps + t) * k + j;
            int dst = (r * steps + t) * 2 * k;
            b.series[dst + j] = enc.values()[src] * enc.mask()[src];
            b.series[dst + k + j] = enc.mask()[src];
          }
        }
      }
      return b;
    }
  }
}
