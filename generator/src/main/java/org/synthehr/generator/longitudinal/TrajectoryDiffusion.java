package org.synthehr.generator.longitudinal;

import java.util.SplittableRandom;

/**
 * The diffusion process of the trajectory model, in plain Java arrays: the noise schedule, the
 * conditioning patterns and inputs of training examples, and the denoising loop. Every entry of a
 * patient (static vector, value and observation channels of every grid step) is either given
 * (conditioning) or generated; one network serves whole new patients (nothing given), imputation
 * (some observed values given) and digital twins (baseline attributes and a history prefix given).
 *
 * <p>Entries are on a common scale: normal scores for values, +-1 for flags, one-hot blocks and the
 * observation channel. Randomness comes from JVM streams passed in, never from PyTorch.
 */
final class TrajectoryDiffusion {
  /**
   * Per-patient summaries per variable appended to the static vector: charting share, spread of
   * the charted values, onset (the first charted hour as a share of the window, 1 if never).
   */
  static final int SUMMARIES = 3;

  /** Position of the spread within a variable's summaries. */
  static final int SPREAD = 1;

  /** Position of the onset within a variable's summaries. */
  static final int ONSET = 2;

  private final TrajectoryDiffusionOptions options;
  private final DiffusionShape shape;
  private final TrainingExamples examples;
  private final ReverseSampler sampler;
  private final SummaryFollowing following;

  TrajectoryDiffusion(CohortCodec codec, TrajectoryDiffusionOptions options) {
    this.options = options;
    double[] alphaBar = cosineSchedule(options.diffusionSteps());
    this.shape = new DiffusionShape(codec, options);
    this.examples = new TrainingExamples(shape, options, alphaBar);
    this.sampler = new ReverseSampler(shape, options, alphaBar);
    this.following = new SummaryFollowing(shape);
  }

  /** A fresh, uninitialised denoiser of this process's shapes and the options' architecture. */
  TrajectoryDenoiser network() {
    return new TrajectoryDenoiser(options.hidden(), options.layers(), options.heads(),
        shape.steps, shape.variables, shape.codecStaticWidth,
        shape.staticWidth - shape.codecStaticWidth);
  }

  /** Grid steps per patient. */
  int steps() {
    return shape.steps;
  }

  /** Width of one grid step's entries (value and observation channel per variable). */
  int stepWidth() {
    return shape.stepWidth();
  }

  int seriesWidth() {
    return shape.seriesWidth();
  }

  /**
   * Width of the static vector the network sees: the codec's static entries, then per variable
   * the patient's charting share, the spread of its charted values and the hour it is first
   * charted. The summaries are generated, never given and never decoded (DoppelGANger generates
   * such per-series summaries as metadata): they give the network one place to decide "this
   * patient is ventilated" or "this patient's weight does not change", where per-hour flags and
   * values alone came out incoherent (far more synthetic than real patients were ventilated at
   * some hour, at the right hourly rate). The onsets do the same for when charting begins: from
   * hourly flags alone, vitals that real stays first chart together (heart rate and temperature)
   * started apart (measurements: docs/longitudinal.md, 'Design measurements').
   */
  int staticWidth() {
    return shape.staticWidth;
  }

  /** Improved-DDPM cosine schedule: cumulative signal share per noise level. */
  static double[] cosineSchedule(int n) {
    double s = 0.008;
    double f0 = Math.pow(Math.cos(s / (1 + s) * Math.PI / 2), 2);
    double[] ab = new double[n];
    double prev = 1.0;
    for (int t = 0; t < n; t++) {
      double f = Math.pow(Math.cos(((t + 1.0) / n + s) / (1 + s) * Math.PI / 2), 2) / f0;
      double beta = Math.min(0.999, 1 - f / prev);
      ab[t] = (t == 0 ? 1.0 : ab[t - 1]) * (1 - beta);
      prev = f;
    }
    return ab;
  }


  /** A patient's entries on the diffusion scale ({@link TrainingExamples#entries}). */
  void entries(CohortCodec.Encoded enc, int p, float[] stat, float[] series) {
    examples.entries(enc, p, stat, series);
  }

  /** A training batch of the given patients ({@link TrainingExamples#trainBatch}). */
  TrainBatch trainBatch(CohortCodec.Encoded enc, int[] patients, SplittableRandom rnd) {
    return examples.trainBatch(enc, patients, rnd);
  }

  /**
   * Inputs and targets of one training batch. The network predicts the velocity
   * {@code v = sqrt(abar) eps - sqrt(1 - abar) x0} (Salimans and Ho 2022), not the noise: at high
   * noise levels a noise prediction turns into a clean estimate through a division by
   * {@code sqrt(abar)}, which magnifies its error (measured on physionet2012-a: charting-flag
   * estimates at the first denoising steps were saturated at +-1 with the wrong rates, and the
   * sampled cohorts charted common variables always and rare ones too seldom). The velocity gives
   * the clean estimate without that division at every level.
   */
  static final class TrainBatch {
    final int size;
    final float[] seriesIn;
    final float[] staticIn;
    final float[] stepEmb;
    final float[] seriesTarget;
    final float[] staticTarget;
    final float[] seriesWeight;
    final float[] staticWeight;

    TrainBatch(int size, int seriesWidth, int staticWidth) {
      this.size = size;
      seriesIn = new float[size * seriesWidth * 3];
      staticIn = new float[size * staticWidth * 3];
      stepEmb = new float[size * TrajectoryDenoiser.STEP_EMBEDDING];
      seriesTarget = new float[size * seriesWidth];
      staticTarget = new float[size * staticWidth];
      seriesWeight = new float[size * seriesWidth];
      staticWeight = new float[size * staticWidth];
    }
  }





  /** One network evaluation: predicted velocity for a batch. */
  interface Denoiser {
    /**
     * @param rows batch size
     * @return {static velocity (rows x S), series velocity (rows x T x 2K)}
     */
    float[][] predict(int rows, float[] seriesIn, float[] staticIn, float[] stepEmb);
  }

  /**
   * What is given for one patient to be generated; null arrays mean nothing given.
   *
   * @param stat static entries on the diffusion scale
   * @param statGiven which static entries are given
   * @param series series entries on the diffusion scale
   * @param seriesGiven which series entries are given
   */
  record Condition(float[] stat, boolean[] statGiven, float[] series, boolean[] seriesGiven) {
    static Condition none() {
      return new Condition(null, null, null, null);
    }
  }







  /** The per-patient summaries of a static vector (SUMMARIES entries per variable). */
  float[] summaries(float[] stat) {
    return java.util.Arrays.copyOfRange(stat, shape.codecStaticWidth, shape.staticWidth);
  }













  /** Diffusion-scale static entries back to the codec's scale (flags and one-hots in [0, 1]). */
  float[] staticForCodec(float[] stat) {
    float[] out = new float[shape.codecStaticWidth];
    for (int i = 0; i < out.length; i++) {
      out[i] = shape.discreteStatic[i] ? (stat[i] + 1) / 2 : stat[i];
    }
    return out;
  }

  /**
   * Generates patients ({@link ReverseSampler}).
   *
   * @param conditions what is given per patient
   * @param seeds one seed per patient: its noise does not depend on batching
   * @param denoiser the network
   * @return per patient {static entries, series entries} on the diffusion scale
   */
  float[][][] sample(Condition[] conditions, long[] seeds, Denoiser denoiser) {
    return sampler.sample(conditions, seeds, denoiser);
  }

  /** Makes a generated patient's series agree with its summaries ({@link SummaryFollowing}). */
  void followSummaries(float[] stat, float[] series, int givenSteps,
      SummaryCalibration calibration, SplittableRandom rnd) {
    following.followSummaries(stat, series, givenSteps, calibration, rnd);
  }

  /** The number of steps a charting-share summary charts. */
  int chartings(float share) {
    return following.chartings(share);
  }

  /** Which static entries are known at the start of a stay. */
  boolean[] baseline() {
    return shape.baseline.clone();
  }

  static double gaussian(SplittableRandom rnd) {
    return DiffusionShape.gaussian(rnd);
  }
}
