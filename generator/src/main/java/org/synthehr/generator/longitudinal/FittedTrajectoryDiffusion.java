package org.synthehr.generator.longitudinal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.core.io.Json;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.longitudinal.PlausibilityReport;
import org.synthehr.core.longitudinal.PlausibilityRules;
import org.synthehr.core.longitudinal.SequenceSummaries;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;

/**
 * A trained trajectory diffusion model. The network is rebuilt from its parameter bytes on first
 * use, on the CPU of whatever machine loads it; sampling is deterministic in the seed and does not
 * depend on the sampling batch size, since every patient draws its noise from its own stream.
 */
final class FittedTrajectoryDiffusion implements FittedTrajectorySynthesizer {
  /** Models saved before calibration existed lack this file and sample uncalibrated. */
  static final String CALIBRATION = "calibration.json";
  private final ModelConfig config;
  private final TrajectoryDiffusionOptions options;
  private final CohortCodec codec;
  private final PlausibilityRules rules;
  private final byte[] parameters;
  private final LossHistory history;
  private final TrajectoryDiffusion diffusion;
  private final SummaryCalibration calibration;
  /** Null for models saved without one, or trained with {@code realism_candidates: 1}. */
  private final RealismCritic critic;
  private NDManager manager;
  private TrajectoryDenoiser net;

  FittedTrajectoryDiffusion(ModelConfig config, TrajectoryDiffusionOptions options,
      CohortCodec codec, PlausibilityRules rules, byte[] parameters, LossHistory history,
      SummaryCalibration calibration, RealismCritic critic) {
    this.config = config;
    this.options = options;
    this.codec = codec;
    this.rules = rules;
    this.parameters = parameters;
    this.history = history;
    this.diffusion = new TrajectoryDiffusion(codec, options);
    this.calibration = calibration;
    this.critic = critic;
  }

  /**
   * The options the model was trained with; models saved before {@code outcome_weight} existed
   * were trained at 1.
   */
  static TrajectoryDiffusionOptions savedOptions(ObjectNode saved) {
    if (!saved.has("outcome_weight")) {
      saved.put("outcome_weight", 1.0);
    }
    if (!saved.has("realism_candidates")) {
      // Older models have no critic and sample one candidate whatever this says; calibrating
      // them again ({@code recalibrate=true}) trains a critic as training now does.
      saved.put("realism_candidates", TrajectoryDiffusionOptions.DEFAULTS.realismCandidates());
    }
    return Json.mapper().convertValue(saved, TrajectoryDiffusionOptions.class);
  }

  static FittedTrajectoryDiffusion load(ModelDirectory.Reader dir) {
    CohortSchema schema = dir.json("schema.json", CohortSchema.class);
    CohortCodec codec = new CohortCodec(schema,
        dir.json("codec.json", CohortCodec.Parameters.class));
    RealismCritic critic = dir.has(RealismCritic.SETTINGS)
        ? new RealismCritic(summaries(codec),
            dir.json(RealismCritic.SETTINGS, RealismCritic.Settings.class),
            dir.bytes(RealismCritic.PARAMETERS))
        : null;
    return new FittedTrajectoryDiffusion(dir.json("config.json", ModelConfig.class),
        savedOptions(dir.json("options.json", ObjectNode.class)), codec,
        dir.json("rules.json", PlausibilityRules.class),
        dir.bytes(TrajectoryDiffusionSynthesizer.DENOISER),
        dir.json("loss_history.json", LossHistory.class),
        dir.has(CALIBRATION) ? dir.json(CALIBRATION, SummaryCalibration.class) : null, critic);
  }

  /**
   * The whole-window summaries the realism critic reads, in the feature space of the training
   * cohort's categories (which the codec keeps).
   */
  static SequenceSummaries summaries(CohortCodec codec) {
    Map<String, List<String>> categories = new HashMap<>();
    for (CohortCodec.StaticField f : codec.parameters().statics()) {
      if (!f.numeric()) {
        categories.put(f.column(), f.categories());
      }
    }
    return new SequenceSummaries(codec.schema(), categories, true, true);
  }

  @Override
  public String kind() {
    return TrajectoryDiffusionKind.ID;
  }

  @Override
  public CohortSchema schema() {
    return codec.schema();
  }

  @Override
  public PlausibilityRules rules() {
    return rules;
  }

  /** The codec the model was trained with. */
  CohortCodec codec() {
    return codec;
  }

  /** The model's config. */
  ModelConfig config() {
    return config;
  }

  /** The model's realism critic, or null. */
  RealismCritic critic() {
    return critic;
  }

  /** The options the model was trained with. */
  TrajectoryDiffusionOptions options() {
    return options;
  }

  /** Mean losses per epoch of the training run. */
  LossHistory history() {
    return history;
  }

  /**
   * New patients. With a realism critic, {@code realism_candidates} patients are sampled per new
   * patient, each batch of {@code sampling_batch} new patients is chosen among its batch's
   * candidates so that the cohort's summaries fill the training cohort's deciles, leaning to the
   * candidates the critic finds likelier real ({@link MarginalBalance}); the counts carry over
   * from batch to batch. Candidates come from their own streams and the choice is deterministic,
   * so the cohort depends only on the seed and the number of patients. Critics saved before the
   * deciles existed draw each patient's candidate by the critic's density ratio alone.
   */
  @Override
  public synchronized SampledCohort sampleCohort(int patients, long seed) {
    Seeds s = Seeds.of(seed);
    int candidates = critic == null ? 1 : options.realismCandidates();
    if (candidates == 1 || patients == 0) {
      return followed(sampleRaw(patients, s), s);
    }
    List<Cohort> rawParts = new ArrayList<>();
    List<Cohort> enforcedParts = new ArrayList<>();
    MarginalBalance balance = critic.settings().balance();
    MarginalBalance.Tally tally = balance == null ? null : balance.tally();
    int chunk = options.samplingBatch();
    for (int from = 0; from < patients; from += chunk) {
      int slots = Math.min(chunk, patients - from);
      Cohort pool = decodedFollowing(sampleRaw(from * candidates, slots * candidates, s),
          from * candidates, s);
      // The rules act on each patient alone, so the kept patients of the enforced pool are the
      // enforced kept patients.
      Cohort enforced = rules.enforce(pool);
      double[][] features = critic.features(enforced);
      double[] logRatio = critic.logRatios(features);
      int[] kept;
      if (tally != null) {
        kept = tally.choose(features, logRatio, slots);
      } else {
        kept = new int[slots];
        for (int i = 0; i < slots; i++) {
          kept[i] = i * candidates + choose(logRatio, i * candidates, candidates,
              new SplittableRandom(s.blockSeed("realism", from + i)));
        }
      }
      rawParts.add(pool.take(kept));
      enforcedParts.add(enforced.take(kept));
    }
    String[] ids = CohortCodec.syntheticIds(patients, 1);
    return new SampledCohort(Cohort.concat(enforcedParts).withIds(ids),
        rules.check(Cohort.concat(rawParts)));
  }

  /**
   * Sharpening of the critic's log ratio when weighing candidates: 1, so the weights are the
   * critic's density ratio, as importance resampling asks. Squaring the ratio helped a single
   * network but not the averaged critics the model trains, so the ratio is not sharpened
   * (measurements: docs/longitudinal.md, 'Design measurements').
   */
  static final double SHARPNESS = 1;

  /** One of {@code n} candidates from {@code from}, with weights exp(SHARPNESS x log ratio). */
  static int choose(double[] logRatio, int from, int n, SplittableRandom rnd) {
    double top = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      top = Math.max(top, logRatio[from + j]);
    }
    double[] w = new double[n];
    double total = 0;
    for (int j = 0; j < n; j++) {
      w[j] = Math.exp(SHARPNESS * (logRatio[from + j] - top));
      total += w[j];
    }
    double u = rnd.nextDouble() * total;
    for (int j = 0; j < n - 1; j++) {
      u -= w[j];
      if (u < 0) {
        return j;
      }
    }
    return n - 1;
  }

  /**
   * New patients as the network generated them ({@link #sampleRaw}), made to follow their
   * calibrated summaries and decoded; {@code out} is changed in place.
   */
  SampledCohort followed(float[][][] out, Seeds s) {
    Cohort raw = decodedFollowing(out, 0, s);
    PlausibilityReport violations = rules.check(raw);
    return new SampledCohort(rules.enforce(raw), violations);
  }

  /**
   * Patients {@code first ..} of a sampling stream made to follow their calibrated summaries and
   * decoded, before the plausibility rules; {@code out} is changed in place.
   */
  private Cohort decodedFollowing(float[][][] out, int first, Seeds s) {
    int patients = out.length;
    for (int i = 0; i < patients; i++) {
      diffusion.followSummaries(out[i][0], out[i][1], 0, calibration,
          new SplittableRandom(s.blockSeed("calibration", first + i)));
    }
    return decode(out, 0, patients, CohortCodec.syntheticIds(patients, first + 1L), null);
  }

  /** New patients as the network generates them, before their summaries are followed. */
  float[][][] sampleRaw(int patients, Seeds s) {
    return sampleRaw(0, patients, s);
  }

  /** Patients {@code first .. first + patients - 1} of a sampling stream, as generated. */
  synchronized float[][][] sampleRaw(int first, int patients, Seeds s) {
    TrajectoryDiffusion.Condition[] none = new TrajectoryDiffusion.Condition[patients];
    long[] seeds = new long[patients];
    for (int i = 0; i < patients; i++) {
      none[i] = TrajectoryDiffusion.Condition.none();
      seeds[i] = s.blockSeed("patient", first + i);
    }
    return diffusion.sample(none, seeds, denoiser());
  }

  /** This model with a calibration of its summaries (and no critic: it judged the old one). */
  FittedTrajectoryDiffusion withCalibration(SummaryCalibration calibration) {
    return new FittedTrajectoryDiffusion(config, options, codec, rules, parameters, history,
        calibration, null);
  }

  /** This model with a realism critic. */
  FittedTrajectoryDiffusion withCritic(RealismCritic critic) {
    return new FittedTrajectoryDiffusion(config, options, codec, rules, parameters, history,
        calibration, critic);
  }

  @Override
  public synchronized TwinForecast sampleTwins(TwinRequest request) {
    request.checkAgainst(codec.schema());
    Cohort history = request.histories();
    int n = history.size();
    int samples = request.samples();
    CohortCodec.Encoded enc = codec.encode(history);
    boolean[] baseline = diffusion.baseline();
    int sw = diffusion.seriesWidth();
    int cutEntries = request.cut() * diffusion.stepWidth();
    TrajectoryDiffusion.Condition[] conds = new TrajectoryDiffusion.Condition[n * samples];
    long[] seeds = new long[n * samples];
    Seeds s = Seeds.of(request.seed()).child("twin");
    for (int p = 0; p < n; p++) {
      float[] st = new float[diffusion.staticWidth()];
      float[] x = new float[sw];
      diffusion.entries(enc, p, st, x);
      boolean[] given = new boolean[sw];
      java.util.Arrays.fill(given, 0, cutEntries, true);
      TrajectoryDiffusion.Condition c = new TrajectoryDiffusion.Condition(st, baseline, x, given);
      for (int j = 0; j < samples; j++) {
        conds[p * samples + j] = c;
        seeds[p * samples + j] = s.blockSeed("sample-" + j, p);
      }
    }
    float[][][] out = diffusion.sample(conds, seeds, denoiser());
    for (int p = 0; p < n; p++) {
      for (int j = 0; j < samples; j++) {
        float[][] twin = out[p * samples + j];
        diffusion.followSummaries(twin[0], twin[1], request.cut(), calibration,
            new SplittableRandom(s.blockSeed("calibration-" + j, p)));
      }
    }
    List<Cohort> cohorts = new ArrayList<>();
    for (int j = 0; j < samples; j++) {
      float[][][] mine = new float[n][][];
      for (int p = 0; p < n; p++) {
        mine[p] = out[p * samples + j];
      }
      Cohort future = rules.enforce(decode(mine, 0, n, history.ids(), history.ends()));
      cohorts.add(TwinMerge.merge(request.patients(), future, request.cut(),
          codec.schema().label()));
    }
    return new TwinForecast(request.cut(), request.horizon(), cohorts);
  }

  private Cohort decode(float[][][] out, int from, int n, String[] ids, int[] minEnds) {
    int sw = diffusion.seriesWidth();
    int w = diffusion.stepWidth();
    int k = codec.variables();
    int steps = codec.steps();
    int s = codec.staticWidth();
    float[] statics = new float[n * s];
    float[] values = new float[n * steps * k];
    boolean[] observed = new boolean[n * steps * k];
    for (int p = 0; p < n; p++) {
      float[][] row = out[from + p];
      System.arraycopy(diffusion.staticForCodec(row[0]), 0, statics, p * s, s);
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < k; j++) {
          int i = (p * steps + t) * k + j;
          values[i] = row[1][t * w + j];
          observed[i] = row[1][t * w + k + j] > 0;
        }
      }
    }
    if (sw != steps * w) {
      throw new IllegalStateException("series width mismatch");
    }
    return codec.decode(ids, statics, values, observed, minEnds);
  }

  private TrajectoryDiffusion.Denoiser denoiser() {
    if (net == null) {
      OfflinePyTorch.enforce();
      manager = NDManager.newBaseManager("PyTorch");
      net = diffusion.network();
      net.initialize(manager, DataType.FLOAT32, net.inputShapes(1));
      ParameterBytes.load(net, manager, parameters, "model parameters");
    }
    return (rows, seriesIn, staticIn, stepEmb) -> {
      try (NDManager sub = manager.newSubManager()) {
        NDList in = net.inputs(sub, rows, seriesIn, staticIn, stepEmb);
        NDList out = net.forward(new ParameterStore(sub, false), in, false);
        return new float[][] {out.get(0).toFloatArray(), out.get(1).toFloatArray()};
      }
    };
  }

  @Override
  public void save(Path dir) {
    ModelDirectory.Writer w = ModelDirectory.create(dir, TrajectoryDiffusionKind.ID)
        .json("config.json", config)
        .json("options.json", options)
        .json("schema.json", codec.schema())
        .json("codec.json", codec.parameters())
        .json("rules.json", rules)
        .json("loss_history.json", history)
        .bytes(TrajectoryDiffusionSynthesizer.DENOISER, parameters);
    if (calibration != null) {
      w.json(CALIBRATION, calibration);
    }
    if (critic != null) {
      w.json(RealismCritic.SETTINGS, critic.settings())
          .bytes(RealismCritic.PARAMETERS, critic.parameters());
    }
    w.finish();
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
      manager = null;
      net = null;
    }
    if (critic != null) {
      critic.close();
    }
  }
}
