package org.synthehr.generator.longitudinal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.longitudinal.PlausibilityReport;
import org.synthehr.core.longitudinal.PlausibilityRules;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.deep.Scalars;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;

/**
 * A trained trajectory GAN (the generator only; the critics are not saved). New patients come from
 * fresh noise; whether a variable is charted at a step is drawn from the generator's probability.
 * Digital twins fit the static noise and the noise of the history's steps to the patient by
 * gradient descent (with a Gaussian prior on the noise), then draw fresh noise for the future: the
 * GRU is causal, so the fitted history stays fitted whatever future is drawn.
 */
final class FittedTrajectoryGan implements FittedTrajectorySynthesizer {
  private static final double VALUE_SIGMA = 0.5;
  private static final double STATIC_SIGMA = 0.1;

  private final ModelConfig config;
  private final TrajectoryGanOptions options;
  private final CohortCodec codec;
  private final PlausibilityRules rules;
  private final byte[] parameters;
  private final LossHistory history;
  private NDManager manager;
  private TrajectoryGenerator gen;

  FittedTrajectoryGan(ModelConfig config, TrajectoryGanOptions options, CohortCodec codec,
      PlausibilityRules rules, byte[] parameters, LossHistory history) {
    this.config = config;
    this.options = options;
    this.codec = codec;
    this.rules = rules;
    this.parameters = parameters;
    this.history = history;
  }

  static FittedTrajectoryGan load(ModelDirectory.Reader dir) {
    CohortSchema schema = dir.json("schema.json", CohortSchema.class);
    return new FittedTrajectoryGan(dir.json("config.json", ModelConfig.class),
        dir.json("options.json", TrajectoryGanOptions.class),
        new CohortCodec(schema, dir.json("codec.json", CohortCodec.Parameters.class)),
        dir.json("rules.json", PlausibilityRules.class),
        dir.bytes(TrajectoryGanSynthesizer.GENERATOR),
        dir.json("loss_history.json", LossHistory.class));
  }

  @Override
  public String kind() {
    return TrajectoryGanKind.ID;
  }

  @Override
  public CohortSchema schema() {
    return codec.schema();
  }

  @Override
  public PlausibilityRules rules() {
    return rules;
  }

  @Override
  public synchronized SampledCohort sampleCohort(int patients, long seed) {
    int s = codec.staticWidth();
    int steps = codec.steps();
    Seeds seeds = Seeds.of(seed);
    Noise z = new Noise(patients, s);
    SplittableRandom[] rnd = new SplittableRandom[patients];
    for (int p = 0; p < patients; p++) {
      rnd[p] = new SplittableRandom(seeds.blockSeed("patient", p));
      z.draw(p, rnd[p], options, steps);
    }
    Output out = generate(z, 0, patients);
    Cohort raw = decode(out, CohortCodec.syntheticIds(patients, 1), rnd, null);
    PlausibilityReport violations = rules.check(raw);
    return new SampledCohort(rules.enforce(raw), violations);
  }

  @Override
  public synchronized TwinForecast sampleTwins(TwinRequest request) {
    request.checkAgainst(codec.schema());
    Cohort hist = request.histories();
    int n = hist.size();
    int samples = request.samples();
    int s = codec.staticWidth();
    int steps = codec.steps();
    int k = codec.variables();
    CohortCodec.Encoded enc = codec.encode(hist);
    boolean[] baseline = codec.baselineEntries();
    int rows = n * samples;
    Noise z = new Noise(rows, s);
    SplittableRandom[] rnd = new SplittableRandom[rows];
    Seeds seeds = Seeds.of(request.seed()).child("twin");
    for (int p = 0; p < n; p++) {
      for (int j = 0; j < samples; j++) {
        int r = p * samples + j;
        rnd[r] = new SplittableRandom(seeds.blockSeed("sample-" + j, p));
        z.draw(r, rnd[r], options, steps);
        for (int i = 0; i < s; i++) {
          if (baseline[i]) {
            z.given[r * s + i] = enc.statics()[p * s + i];
            z.givenFlag[r * s + i] = 1f;
          }
        }
      }
    }
    invert(z, enc, samples, request.cut(), baseline);
    Output out = generate(z, 0, rows);
    List<Cohort> cohorts = new ArrayList<>();
    for (int j = 0; j < samples; j++) {
      Output mine = out.rows(j, samples, n, s, steps * k);
      SplittableRandom[] r = new SplittableRandom[n];
      for (int p = 0; p < n; p++) {
        r[p] = rnd[p * samples + j];
      }
      Cohort future = rules.enforce(decode(mine, hist.ids(), r, hist.ends()));
      cohorts.add(TwinMerge.merge(request.patients(), future, request.cut(),
          codec.schema().label()));
    }
    return new TwinForecast(request.cut(), request.horizon(), cohorts);
  }

  /** Noise and given static entries of a set of rows. */
  private static final class Noise {
    final float[][] zs;
    final float[][] zt;
    final float[] given;
    final float[] givenFlag;

    Noise(int rows, int staticWidth) {
      zs = new float[rows][];
      zt = new float[rows][];
      given = new float[rows * staticWidth];
      givenFlag = new float[rows * staticWidth];
    }

    void draw(int r, SplittableRandom rnd, TrajectoryGanOptions o, int steps) {
      zs[r] = new float[o.staticNoise()];
      zt[r] = new float[steps * o.stepNoise()];
      for (int i = 0; i < zs[r].length; i++) {
        zs[r][i] = (float) TrajectoryDiffusion.gaussian(rnd);
      }
      for (int i = 0; i < zt[r].length; i++) {
        zt[r][i] = (float) TrajectoryDiffusion.gaussian(rnd);
      }
    }
  }

  /** Generator output of a set of rows, row-major. */
  private record Output(float[] statics, float[] values, float[] prob) {
    /** The rows j, j + samples, ... (one sample of every patient). */
    Output rows(int j, int samples, int n, int s, int cells) {
      float[] st = new float[n * s];
      float[] v = new float[n * cells];
      float[] pr = new float[n * cells];
      for (int p = 0; p < n; p++) {
        int r = p * samples + j;
        System.arraycopy(statics, r * s, st, p * s, s);
        System.arraycopy(values, r * cells, v, p * cells, cells);
        System.arraycopy(prob, r * cells, pr, p * cells, cells);
      }
      return new Output(st, v, pr);
    }
  }

  private Output generate(Noise z, int from, int rows) {
    ensureNetwork();
    int s = codec.staticWidth();
    int cells = codec.steps() * codec.variables();
    float[] st = new float[rows * s];
    float[] v = new float[rows * cells];
    float[] pr = new float[rows * cells];
    for (int b = 0; b < rows; b += options.samplingBatch()) {
      int m = Math.min(options.samplingBatch(), rows - b);
      try (NDManager sub = manager.newSubManager()) {
        NDList out = gen.forward(new ParameterStore(sub, false), inputs(sub, z, from + b, m),
            false);
        System.arraycopy(out.get(0).toFloatArray(), 0, st, b * s, m * s);
        System.arraycopy(out.get(1).toFloatArray(), 0, v, b * cells, m * cells);
        System.arraycopy(out.get(2).toFloatArray(), 0, pr, b * cells, m * cells);
      }
    }
    return new Output(st, v, pr);
  }

  private NDList inputs(NDManager m, Noise z, int from, int rows) {
    int s = codec.staticWidth();
    int steps = codec.steps();
    float[] zs = new float[rows * options.staticNoise()];
    float[] zt = new float[rows * steps * options.stepNoise()];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(z.zs[from + r], 0, zs, r * options.staticNoise(), options.staticNoise());
      System.arraycopy(z.zt[from + r], 0, zt, r * zt.length / rows, zt.length / rows);
    }
    return new NDList(m.create(zs, new Shape(rows, options.staticNoise())),
        m.create(zt, new Shape(rows, steps, options.stepNoise())),
        m.create(java.util.Arrays.copyOfRange(z.given, from * s, (from + rows) * s),
            new Shape(rows, s)),
        m.create(java.util.Arrays.copyOfRange(z.givenFlag, from * s, (from + rows) * s),
            new Shape(rows, s)));
  }

  /**
   * Fits each row's static noise and history-step noise to its patient (maximum a posteriori with
   * a standard normal prior), by Adam on the inputs of the frozen generator.
   */
  private void invert(Noise z, CohortCodec.Encoded enc, int samples, int cut, boolean[] baseline) {
    if (options.inversionSteps() == 0) {
      return;
    }
    ensureNetwork();
    int s = codec.staticWidth();
    int steps = codec.steps();
    int k = codec.variables();
    int zsw = options.staticNoise();
    int ztw = steps * options.stepNoise();
    int histNoise = cut * options.stepNoise();
    int rows = z.zs.length;
    for (int b = 0; b < rows; b += options.samplingBatch()) {
      int m = Math.min(options.samplingBatch(), rows - b);
      float[] targetV = new float[m * cut * k];
      float[] targetM = new float[m * cut * k];
      for (int r = 0; r < m; r++) {
        int p = (b + r) / samples;
        for (int t = 0; t < cut; t++) {
          for (int j = 0; j < k; j++) {
            int src = (p * steps + t) * k + j;
            targetV[(r * cut + t) * k + j] = enc.values()[src];
            targetM[(r * cut + t) * k + j] = enc.mask()[src];
          }
        }
      }
      Adam adamS = new Adam(m * zsw, options.inversionLearningRate());
      Adam adamT = new Adam(m * histNoise, options.inversionLearningRate());
      for (int it = 0; it < options.inversionSteps(); it++) {
        float[][] grads = gradients(z, b, m, cut, targetV, targetM, baseline);
        float[] gs = new float[m * zsw];
        float[] gt = new float[m * histNoise];
        for (int r = 0; r < m; r++) {
          for (int i = 0; i < zsw; i++) {
            gs[r * zsw + i] = grads[0][r * zsw + i] + z.zs[b + r][i];
          }
          for (int i = 0; i < histNoise; i++) {
            gt[r * histNoise + i] = grads[1][r * ztw + i] + z.zt[b + r][i];
          }
        }
        float[] ds = adamS.step(gs);
        float[] dt = adamT.step(gt);
        for (int r = 0; r < m; r++) {
          for (int i = 0; i < zsw; i++) {
            z.zs[b + r][i] -= ds[r * zsw + i];
          }
          for (int i = 0; i < histNoise; i++) {
            z.zt[b + r][i] -= dt[r * histNoise + i];
          }
        }
      }
    }
  }

  /** Gradients of the rows' history misfit with respect to their static and step noise. */
  private float[][] gradients(Noise z, int from, int rows, int cut, float[] targetV,
      float[] targetM, boolean[] baseline) {
    int s = codec.staticWidth();
    int k = codec.variables();
    try (NDManager sub = manager.newSubManager()) {
      NDList in = inputs(sub, z, from, rows);
      in.get(0).setRequiresGradient(true);
      in.get(1).setRequiresGradient(true);
      float[] baseFlag = new float[rows * s];
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < s; i++) {
          baseFlag[r * s + i] = baseline[i] ? 1f : 0f;
        }
      }
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDList out = gen.forward(new ParameterStore(sub, false), in, false);
        NDArray values = out.get(1).get(":, 0:" + cut + ", :");
        NDArray logits = out.get(3).get(":, 0:" + cut + ", :");
        NDArray tv = sub.create(targetV, new Shape(rows, cut, k));
        NDArray tm = sub.create(targetM, new Shape(rows, cut, k));
        NDArray valueTerm = Scalars.div(values.sub(tv).square().mul(tm).sum(),
            2 * VALUE_SIGMA * VALUE_SIGMA);
        NDArray maskTerm = Activation.softPlus(logits).sub(logits.mul(tm)).sum();
        NDArray staticTerm = Scalars.div(out.get(0).sub(in.get(2)).square()
            .mul(sub.create(baseFlag, new Shape(rows, s))).sum(), 2 * STATIC_SIGMA * STATIC_SIGMA);
        gc.backward(valueTerm.add(maskTerm).add(staticTerm));
      }
      return new float[][] {in.get(0).getGradient().toFloatArray(),
          in.get(1).getGradient().toFloatArray()};
    }
  }

  /** Adam on a flat vector (for the noise of twins). */
  private static final class Adam {
    private final float[] m;
    private final float[] v;
    private final double lr;
    private int t;

    Adam(int size, double lr) {
      this.m = new float[size];
      this.v = new float[size];
      this.lr = lr;
    }

    float[] step(float[] g) {
      t++;
      float[] d = new float[g.length];
      double c1 = 1 - Math.pow(0.9, t);
      double c2 = 1 - Math.pow(0.999, t);
      for (int i = 0; i < g.length; i++) {
        m[i] = (float) (0.9 * m[i] + 0.1 * g[i]);
        v[i] = (float) (0.999 * v[i] + 0.001 * g[i] * g[i]);
        d[i] = (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
      }
      return d;
    }
  }

  private Cohort decode(Output out, String[] ids, SplittableRandom[] rnd, int[] minEnds) {
    int n = ids.length;
    int cells = codec.steps() * codec.variables();
    boolean[] observed = new boolean[n * cells];
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < cells; i++) {
        observed[p * cells + i] = rnd[p].nextDouble() < out.prob()[p * cells + i];
      }
    }
    return codec.decode(ids, out.statics(), out.values(), observed, minEnds);
  }

  private void ensureNetwork() {
    if (gen != null) {
      return;
    }
    OfflinePyTorch.enforce();
    manager = NDManager.newBaseManager("PyTorch");
    gen = new TrajectoryGenerator(options, codec.steps(), codec.variables(), codec.staticWidth(),
        codec.spans());
    gen.initialize(manager, DataType.FLOAT32,
        TrajectoryGenerator.inputShapes(1, options, codec.steps(), codec.staticWidth()));
    ParameterBytes.load(gen, manager, parameters, "model parameters");
    for (Parameter p : gen.getParameters().values()) {
      p.freeze(true);
    }
  }

  @Override
  public void save(Path dir) {
    ModelDirectory.create(dir, TrajectoryGanKind.ID)
        .json("config.json", config)
        .json("options.json", options)
        .json("schema.json", codec.schema())
        .json("codec.json", codec.parameters())
        .json("rules.json", rules)
        .json("loss_history.json", history)
        .bytes(TrajectoryGanSynthesizer.GENERATOR, parameters)
        .finish();
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
      manager = null;
      gen = null;
    }
  }
}
