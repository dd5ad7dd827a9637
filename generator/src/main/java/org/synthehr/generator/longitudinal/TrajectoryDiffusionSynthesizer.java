package org.synthehr.generator.longitudinal;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.PlausibilityRules;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.deep.Scalars;
import org.synthehr.generator.model.ModelConfig;

/**
 * A conditional diffusion model of whole patient trajectories in the style of CSDI (Tashiro et al.
 * 2021): static attributes, values and observation flags of every grid step are denoised jointly
 * by a transformer; entries that are given (conditioning) enter on their own channel and are not
 * generated. Trained on a mix of unconditional, forecasting and imputation examples, one model
 * serves new cohorts, imputation and digital-twin forecasting. After training, the per-patient
 * summaries the network generates are calibrated against the training cohort's
 * ({@link SummaryCalibration}) on 512 to 2,048 sampled patients, and every sampled patient's
 * charting and spread follow its calibrated summaries.
 */
public final class TrajectoryDiffusionSynthesizer implements TrajectorySynthesizer {
  static final String DENOISER = "denoiser.params";
  /** Share of {@code learning_rate} the cosine decay reaches at the last epoch. */
  static final double FINAL_LEARNING_RATE = 0.1;
  /**
   * Fewest patients sampled after training to calibrate the summaries; as many as the training
   * cohort has are sampled, up to {@link #MOST_CALIBRATION_PATIENTS}.
   */
  static final int CALIBRATION_PATIENTS = 512;

  /**
   * Most patients sampled to calibrate. The lab draw counts of 512 sampled patients move together
   * from one set of seeds to another (a patient with many potassium draws has many sodium draws),
   * so their quantiles drifted as one (the mean charting share of bicarbonate moved noticeably
   * between sets of 512). More patients steady them, for more sampling time after training
   * (measurements: docs/longitudinal.md, 'Design measurements').
   */
  static final int MOST_CALIBRATION_PATIENTS = 2048;

  /**
   * Patients sampled to train the realism critic, per patient sampled to calibrate. The critic is
   * short of synthetic patients before real ones: training it on more sampled patients lowered the
   * discriminative score of the weighed cohort
   * (measurements: docs/longitudinal.md, 'Design measurements').
   */
  static final int CRITIC_SAMPLES = 2;

  private final ModelConfig config;
  private final TrajectoryDiffusionOptions options;

  public TrajectoryDiffusionSynthesizer(ModelConfig config, TrajectoryDiffusionOptions options) {
    this.config = config;
    this.options = options;
  }

  @Override
  public String kind() {
    return TrajectoryDiffusionKind.ID;
  }

  @Override
  public FittedTrajectorySynthesizer fit(Cohort training, TrainingContext context) {
    PreparedCohort prepared = PreparedCohort.of(training, options.tail());
    CohortCodec codec = prepared.codec();
    PlausibilityRules rules = prepared.rules();
    CohortCodec.Encoded enc = prepared.encoded();
    TrajectoryDiffusion diffusion = new TrajectoryDiffusion(codec, options);
    Device device = OfflinePyTorch.device(config.device());
    int n = training.size();
    int batch = Math.min(config.batchSize(), n);
    Path dir = context.checkpointDir();
    LossHistory history = LossHistory.empty();
    byte[] params;
    context.listener().message(String.format(java.util.Locale.ROOT, "trajectory-diffusion: %d"
        + " patients, %d static entries, %d steps x %d variables, %d epochs of batches of %d",
        n, codec.staticWidth(), codec.steps(), codec.variables(), config.epochs(), batch));
    Checkpoint cp = context.resume() ? Checkpoint.read(dir, TrajectoryDiffusionKind.ID) : null;
    int start = cp == null ? 0 : cp.epoch();
    long batchesPerEpoch = (n + batch - 1) / batch;
    try (Model model = Model.newInstance(TrajectoryDiffusionKind.ID, device, "PyTorch")) {
      TrajectoryDenoiser net = diffusion.network();
      model.setBlock(net);
      Optimizer adam = Optimizer.adam()
          .optLearningRateTracker(new CosineDecay(options.learningRate(), FINAL_LEARNING_RATE,
              config.epochs() * batchesPerEpoch, start * batchesPerEpoch))
          .optClipGrad(1f).build();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam)
          .optDevices(new Device[] {device});
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(net.inputShapes(batch));
        SeededInit.apply(net, context.seeds().random("init"));
        if (cp != null) {
          ParameterBytes.assign(net, ParameterBytes.values(diffusion.network(),
              net.inputShapes(1), Checkpoint.network(dir, DENOISER), dir.toString()));
          history = cp.history();
          context.listener().message("resumed from the checkpoint after epoch " + start);
        }
        ParameterAverage ema = new ParameterAverage(net, options.emaDecay());
        TrainingClock clock = new TrainingClock(config.epochs(), start);
        long rows = 0;
        for (int epoch = start + 1; epoch <= config.epochs(); epoch++) {
          SplittableRandom rnd = new SplittableRandom(context.seeds().blockSeed("epoch", epoch));
          int[] order = permutation(n, rnd);
          double sum = 0;
          int batches = 0;
          for (int from = 0; from < n; from += batch) {
            int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batch));
            sum += step(trainer, net, diffusion.trainBatch(enc, idx, rnd));
            ema.update();
            batches++;
            rows += idx.length;
          }
          Map<String, Double> losses = Map.of("denoise", sum / batches);
          history = history.plus(losses);
          context.listener().epoch(clock.stats(epoch, losses, rows));
          if (dir != null && config.checkpointEvery() > 0 && epoch % config.checkpointEvery() == 0
              && epoch < config.epochs()) {
            Checkpoint.write(dir, new Checkpoint(TrajectoryDiffusionKind.ID, epoch, history),
                Map.of(DENOISER, ParameterBytes.save(net)));
            context.listener().message("checkpoint after epoch " + epoch + " in " + dir);
            context.listener().checkpointSaved(dir);
          }
        }
        ema.copyToBlock();
        params = ParameterBytes.save(net);
      }
    }
    try (FittedTrajectoryDiffusion raw = new FittedTrajectoryDiffusion(config, options, codec,
        rules, params, history, null, null)) {
      return calibrated(raw, diffusion, codec, training, enc, context);
    }
  }

  /**
   * A saved model with its calibration fitted again by this version's code, on the cohort and
   * context it was trained with (the same seeds give the calibration training gave it, if the
   * calibration code is unchanged). The network is not trained again, so a change to the
   * calibration can be benchmarked without the time training takes
   * ({@code bin/bench longitudinal ... recalibrate=true}; measurements: docs/longitudinal.md,
   * 'Design measurements').
   *
   * @param model a loaded trajectory-diffusion model; it is left open and unchanged
   * @param training the cohort it was trained on
   * @param context the training context it was trained with (only the seeds and listener count)
   * @return a new model, to be closed by the caller
   * @throws IllegalArgumentException if the model is not a trajectory-diffusion model
   */
  public static FittedTrajectorySynthesizer recalibrated(FittedTrajectorySynthesizer model,
      Cohort training, TrainingContext context) {
    if (!(model instanceof FittedTrajectoryDiffusion fitted)) {
      throw new IllegalArgumentException("only " + TrajectoryDiffusionKind.ID
          + " models are calibrated after training; this one is " + model.kind());
    }
    CohortCodec codec = fitted.codec();
    // The network's raw samples do not depend on the calibration the model holds.
    return calibrated(fitted, new TrajectoryDiffusion(codec, fitted.options()), codec, training,
        codec.encode(training), context);
  }

  /**
   * The model with a calibration fitted on its own samples and the encoded training cohort, and,
   * unless {@code realism_candidates} is 1, a realism critic trained on the training cohort
   * against {@link #CRITIC_SAMPLES} times as many patients sampled from the calibrated model as
   * were sampled to calibrate.
   */
  private static FittedTrajectoryDiffusion calibrated(FittedTrajectoryDiffusion raw,
      TrajectoryDiffusion diffusion, CohortCodec codec, Cohort training,
      CohortCodec.Encoded enc, TrainingContext context) {
    int calibrationPatients = Math.max(CALIBRATION_PATIENTS,
        Math.min(MOST_CALIBRATION_PATIENTS, enc.patients()));
    context.listener().message("trajectory-diffusion: calibrating the per-patient summaries on "
        + calibrationPatients + " sampled patients");
    FittedTrajectoryDiffusion calibrated = raw.withCalibration(calibrate(raw, diffusion, enc,
        codec.variables(), raw.options().tail(), calibrationPatients,
        context.seeds().child("calibration")));
    int candidates = raw.options().realismCandidates();
    if (candidates == 1) {
      return calibrated;
    }
    try (calibrated) {
      int criticPatients = CRITIC_SAMPLES * calibrationPatients;
      context.listener().message("trajectory-diffusion: training the realism critic on "
          + training.size() + " training and " + criticPatients + " sampled patients");
      Cohort sampled = calibrated.sampleCohort(criticPatients,
          context.seeds().seed("realism-sample")).cohort();
      RealismCritic critic = RealismCritic.fit(training, sampled,
          FittedTrajectoryDiffusion.summaries(codec),
          OfflinePyTorch.device(raw.config().device()), context.seeds().random("realism"));
      RealismCritic.Settings s = critic.settings();
      context.listener().message(String.format(java.util.Locale.ROOT, "trajectory-diffusion:"
          + " the critic tells held-out real from sampled patients with AUC %.3f (mean of %d"
          + " networks); each new patient is 1 of %d candidates", s.validationAuc(),
          s.epochs().length, candidates));
      return calibrated.withCritic(critic);
    }
  }

  /**
   * Quantile mapping of the summaries from the model's own samples onto the training cohort's,
   * and the training cohort's co-charting, shared onsets, shared counts and spacing of draws.
   * Onsets and spreads are mapped a second time among the patients charting each variable, once
   * the shares are calibrated. The spacing is fitted last: the samples are followed without it,
   * and close hours are kept as often as brings their share of close draws down to the training
   * share.
   *
   * @param patients how many patients to sample for the calibration
   */
  static SummaryCalibration calibrate(FittedTrajectoryDiffusion raw, TrajectoryDiffusion diffusion,
      CohortCodec.Encoded enc, int variables, double tail, int patients, Seeds seeds) {
    return calibrate(raw.sampleRaw(patients, seeds), diffusion, enc, variables, tail, seeds);
  }

  /**
   * The calibration of patients sampled with {@link FittedTrajectoryDiffusion#sampleRaw}, which
   * are changed in place.
   */
  static SummaryCalibration calibrate(float[][][] generated, TrajectoryDiffusion diffusion,
      CohortCodec.Encoded enc, int variables, double tail, Seeds seeds) {
    int patients = generated.length;
    float[][] g = new float[patients][];
    for (int i = 0; i < patients; i++) {
      g[i] = diffusion.summaries(generated[i][0]);
    }
    int n = enc.patients();
    float[][] t = new float[n][];
    float[] stat = new float[diffusion.staticWidth()];
    float[] series = new float[diffusion.seriesWidth()];
    for (int p = 0; p < n; p++) {
      diffusion.entries(enc, p, stat, series);
      t[p] = diffusion.summaries(stat);
    }
    SummaryCalibration marginal = SummaryCalibration.fit(g, t, tail,
        SummaryCalibration.coCharting(enc.mask(), variables),
        SummaryCalibration.onsetTogether(enc.mask(), diffusion.steps(), variables))
        .withCountTogether(
            SummaryCalibration.countTogether(enc.mask(), diffusion.steps(), variables));
    // Which sampled patients chart a variable is known only once their shares are calibrated,
    // with the draw their following will make.
    double[] draws = new double[patients];
    for (int i = 0; i < patients; i++) {
      draws[i] = new SplittableRandom(seeds.blockSeed("follow", i)).nextDouble();
    }
    SummaryCalibration unspaced = marginal.withCharted(
        chartedSummaries(g, draws, marginal, diffusion),
        chartedSummaries(t, null, null, diffusion), tail);
    int steps = diffusion.steps();
    int w = diffusion.stepWidth();
    float[] followed = new float[patients * steps * variables];
    for (int i = 0; i < patients; i++) {
      diffusion.followSummaries(generated[i][0], generated[i][1], 0, unspaced,
          new SplittableRandom(seeds.blockSeed("follow", i)));
      for (int s = 0; s < steps; s++) {
        for (int k = 0; k < variables; k++) {
          followed[(i * steps + s) * variables + k] = generated[i][1][s * w + variables + k];
        }
      }
    }
    return unspaced.withCloseKept(SummaryCalibration.closeKept(
        SummaryCalibration.closeDraws(enc.mask(), steps, variables),
        SummaryCalibration.closeDraws(followed, steps, variables)));
  }

  /**
   * Per summary entry, its values among the patients charting the variable often enough for it to
   * say something ({@link SummaryCalibration#chartingsNeeded}), as their calibrated shares chart it
   * before counts join panels.
   *
   * @param summaries per patient, its summary entries
   * @param draws per patient, the draw its calibration makes, or null for summaries not to be
   *     calibrated (training patients)
   * @param calibration the calibration of the shares, or null for none
   */
  private static double[][] chartedSummaries(float[][] summaries, double[] draws,
      SummaryCalibration calibration, TrajectoryDiffusion diffusion) {
    int entries = summaries[0].length;
    int s = TrajectoryDiffusion.SUMMARIES;
    int[][] chartings = new int[summaries.length][entries / s];
    for (int i = 0; i < summaries.length; i++) {
      for (int k = 0; k < entries / s; k++) {
        float share = summaries[i][s * k];
        chartings[i][k] = diffusion.chartings(
            calibration == null ? share : calibration.map(s * k, share, draws[i]));
      }
    }
    double[][] out = new double[entries][];
    for (int e = 0; e < entries; e++) {
      double[] values = new double[summaries.length];
      int n = 0;
      for (int i = 0; i < summaries.length; i++) {
        if (chartings[i][e / s] >= SummaryCalibration.chartingsNeeded(e)) {
          values[n++] = summaries[i][e];
        }
      }
      out[e] = Arrays.copyOf(values, n);
    }
    return out;
  }

  private static double step(Trainer trainer, TrajectoryDenoiser net,
      TrajectoryDiffusion.TrainBatch b) {
    try (NDManager sub = trainer.getManager().newSubManager()) {
      NDList in = net.inputs(sub, b.size, b.seriesIn, b.staticIn, b.stepEmb);
      double value;
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDList out = trainer.forward(in);
        NDArray staticLoss = weighted(sub, out.get(0), b.staticTarget, b.staticWeight);
        NDArray seriesLoss = weighted(sub, out.get(1).reshape(b.size, -1), b.seriesTarget,
            b.seriesWeight);
        NDArray loss = staticLoss.add(seriesLoss);
        gc.backward(loss);
        value = loss.getFloat();
      }
      trainer.step();
      return value;
    }
  }

  /** Weighted mean squared error of predicted against true velocity. */
  private static NDArray weighted(NDManager m, NDArray pred, float[] target, float[] weight) {
    Shape shape = pred.getShape();
    double total = 0;
    for (float w : weight) {
      total += w;
    }
    NDArray diff = m.create(target, shape).sub(pred);
    return Scalars.div(diff.square().mul(m.create(weight, shape)).sum(), Math.max(total, 1e-6));
  }

  static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
