package org.synthehr.generator.timeseries;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.core.io.Json;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.longitudinal.PlausibilityReport;
import org.synthehr.core.longitudinal.PlausibilityRules;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.trajectory.CohortCodec;
import org.synthehr.generator.trajectory.FittedTrajectorySynthesizer;
import org.synthehr.generator.trajectory.SampledCohort;
import org.synthehr.generator.trajectory.TwinForecast;
import org.synthehr.generator.trajectory.TwinRequest;

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
  private NDManager manager;
  private TrajectoryDenoiser net;

  FittedTrajectoryDiffusion(ModelConfig config, TrajectoryDiffusionOptions options,
      CohortCodec codec, PlausibilityRules rules, byte[] parameters, LossHistory history,
      SummaryCalibration calibration) {
    this.config = config;
    this.options = options;
    this.codec = codec;
    this.rules = rules;
    this.parameters = parameters;
    this.history = history;
    this.diffusion = new TrajectoryDiffusion(codec, options);
    this.calibration = calibration;
  }

  /**
   * The options the model was trained with; models saved before {@code outcome_weight} existed
   * were trained at 1.
   */
  static TrajectoryDiffusionOptions savedOptions(ObjectNode saved) {
    if (!saved.has("outcome_weight")) {
      saved.put("outcome_weight", 1.0);
    }
    return Json.mapper().convertValue(saved, TrajectoryDiffusionOptions.class);
  }

  static FittedTrajectoryDiffusion load(ModelDirectory.Reader dir) {
    CohortSchema schema = dir.json("schema.json", CohortSchema.class);
    return new FittedTrajectoryDiffusion(dir.json("config.json", ModelConfig.class),
        savedOptions(dir.json("options.json", ObjectNode.class)),
        new CohortCodec(schema, dir.json("codec.json", CohortCodec.Parameters.class)),
        dir.json("rules.json", PlausibilityRules.class),
        dir.bytes(TrajectoryDiffusionSynthesizer.DENOISER),
        dir.json("loss_history.json", LossHistory.class),
        dir.has(CALIBRATION) ? dir.json(CALIBRATION, SummaryCalibration.class) : null);
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

  /** The options the model was trained with. */
  TrajectoryDiffusionOptions options() {
    return options;
  }

  /** Mean losses per epoch of the training run. */
  LossHistory history() {
    return history;
  }

  @Override
  public synchronized SampledCohort sampleCohort(int patients, long seed) {
    Seeds s = Seeds.of(seed);
    return followed(sampleRaw(patients, s), s);
  }

  /**
   * New patients as the network generated them ({@link #sampleRaw}), made to follow their
   * calibrated summaries and decoded; {@code out} is changed in place.
   */
  SampledCohort followed(float[][][] out, Seeds s) {
    int patients = out.length;
    for (int i = 0; i < patients; i++) {
      diffusion.followSummaries(out[i][0], out[i][1], 0, calibration,
          new SplittableRandom(s.blockSeed("calibration", i)));
    }
    Cohort raw = decode(out, 0, patients, CohortCodec.syntheticIds(patients, 1), null);
    PlausibilityReport violations = rules.check(raw);
    return new SampledCohort(rules.enforce(raw), violations);
  }

  /** New patients as the network generates them, before their summaries are followed. */
  synchronized float[][][] sampleRaw(int patients, Seeds s) {
    TrajectoryDiffusion.Condition[] none = new TrajectoryDiffusion.Condition[patients];
    long[] seeds = new long[patients];
    for (int i = 0; i < patients; i++) {
      none[i] = TrajectoryDiffusion.Condition.none();
      seeds[i] = s.blockSeed("patient", i);
    }
    return diffusion.sample(none, seeds, denoiser());
  }

  /** This model with a calibration of its summaries. */
  FittedTrajectoryDiffusion withCalibration(SummaryCalibration calibration) {
    return new FittedTrajectoryDiffusion(config, options, codec, rules, parameters, history,
        calibration);
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
    w.finish();
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
      manager = null;
      net = null;
    }
  }
}
