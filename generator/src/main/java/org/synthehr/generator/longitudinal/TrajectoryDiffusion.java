package org.synthehr.generator.longitudinal;

import java.util.ArrayList;
import java.util.List;
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
  private final double[] alphaBar;
  private final int codecStaticWidth;
  private final int staticWidth;
  private final int steps;
  private final int variables;
  private final double[] staticClip;
  private final boolean[] discreteStatic;
  private final boolean[] baseline;
  /** Per static entry, its weight in the loss when generated. */
  private final float[] staticLossWeight;

  TrajectoryDiffusion(CohortCodec codec, TrajectoryDiffusionOptions options) {
    this.options = options;
    this.alphaBar = cosineSchedule(options.diffusionSteps());
    this.codecStaticWidth = codec.staticWidth();
    this.steps = codec.steps();
    this.variables = codec.variables();
    this.staticWidth = codecStaticWidth + SUMMARIES * variables;
    this.discreteStatic = new boolean[staticWidth];
    this.staticClip = new double[staticWidth];
    java.util.Arrays.fill(staticClip, 1.0);
    for (CohortCodec.Span s : codec.spans()) {
      for (int i = 0; i < s.width(); i++) {
        discreteStatic[s.offset() + i] = s.kind() != CohortCodec.SpanKind.CONTINUOUS;
        staticClip[s.offset() + i] = discreteStatic[s.offset() + i] ? 1.0 : 5.0;
      }
    }
    this.baseline = java.util.Arrays.copyOf(codec.baselineEntries(), staticWidth);
    this.staticLossWeight = new float[staticWidth];
    for (int i = 0; i < staticWidth; i++) {
      staticLossWeight[i] = i < codecStaticWidth && !baseline[i]
          ? (float) options.outcomeWeight() : 1f;
    }
  }

  /** A fresh, uninitialised denoiser of this process's shapes and the options' architecture. */
  TrajectoryDenoiser network() {
    return new TrajectoryDenoiser(options.hidden(), options.layers(), options.heads(), steps,
        variables, codecStaticWidth, staticWidth - codecStaticWidth);
  }

  /** Grid steps per patient. */
  int steps() {
    return steps;
  }

  /** Width of one grid step's entries (value and observation channel per variable). */
  int stepWidth() {
    return 2 * variables;
  }

  int seriesWidth() {
    return steps * stepWidth();
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
    return staticWidth;
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

  /**
   * A patient's entries on the diffusion scale. Where a variable is not charted, its value channel
   * carries the last charted value forward (0, the median, before the first charting): the network
   * then learns each variable as a level that persists between chartings, which keeps a patient's
   * sparse labs consistent with each other. Carrying forward only looks back, so a history cut at
   * any step is encoded exactly as in training.
   *
   * @param enc the encoded cohort
   * @param p the patient
   * @param stat out: static entries (staticWidth)
   * @param series out: series entries (steps x 2K: values then observation flags per step)
   */
  void entries(CohortCodec.Encoded enc, int p, float[] stat, float[] series) {
    for (int i = 0; i < codecStaticWidth; i++) {
      float v = enc.statics()[p * codecStaticWidth + i];
      stat[i] = discreteStatic[i] ? 2 * v - 1 : v;
    }
    int cells = steps * variables;
    for (int k = 0; k < variables; k++) {
      float carried = 0f;
      int count = 0;
      int onset = steps;
      double sum = 0;
      double squares = 0;
      for (int t = 0; t < steps; t++) {
        int src = p * cells + t * variables + k;
        boolean observed = enc.mask()[src] > 0;
        carried = observed ? enc.values()[src] : carried;
        series[t * 2 * variables + k] = carried;
        series[t * 2 * variables + variables + k] = observed ? 1f : -1f;
        if (observed) {
          onset = Math.min(onset, t);
          count++;
          sum += carried;
          squares += (double) carried * carried;
        }
      }
      double mean = count == 0 ? 0 : sum / count;
      double sd = count == 0 ? 0 : Math.sqrt(Math.max(0, squares / count - mean * mean));
      stat[codecStaticWidth + SUMMARIES * k] = toSummary((double) count / steps);
      stat[codecStaticWidth + SUMMARIES * k + SPREAD] = toSummary(Math.min(1, sd));
      stat[codecStaticWidth + SUMMARIES * k + ONSET] = toSummary((double) onset / steps);
    }
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

  /** Assembles a training batch of the given patients, drawing patterns, levels and noise. */
  TrainBatch trainBatch(CohortCodec.Encoded enc, int[] patients, SplittableRandom rnd) {
    int sw = seriesWidth();
    TrainBatch b = new TrainBatch(patients.length, sw, staticWidth);
    float[] s0 = new float[staticWidth];
    float[] x0 = new float[sw];
    boolean[] cs = new boolean[staticWidth];
    boolean[] cx = new boolean[sw];
    boolean[] charted = new boolean[variables];
    for (int r = 0; r < patients.length; r++) {
      entries(enc, patients[r], s0, x0);
      pattern(s0, x0, cs, cx, rnd);
      int level = rnd.nextInt(alphaBar.length);
      double a = Math.sqrt(alphaBar[level]);
      double sigma = Math.sqrt(1 - alphaBar[level]);
      TrajectoryDenoiser.stepEmbedding(level, b.stepEmb, r * TrajectoryDenoiser.STEP_EMBEDDING);
      for (int i = 0; i < staticWidth; i++) {
        float eps = (float) gaussian(rnd);
        b.staticTarget[r * staticWidth + i] = velocity(a, sigma, eps, s0[i]);
        fill(b.staticIn, r * 3 * staticWidth, staticWidth, i, cs[i], s0[i],
            (float) (a * s0[i] + sigma * eps));
        b.staticWeight[r * staticWidth + i] = cs[i] ? 0f : staticLossWeight[i];
      }
      int w = stepWidth();
      java.util.Arrays.fill(charted, false);
      for (int t = 0; t < steps; t++) {
        for (int c = 0; c < w; c++) {
          int i = t * w + c;
          float eps = (float) gaussian(rnd);
          b.seriesTarget[r * sw + i] = velocity(a, sigma, eps, x0[i]);
          fill(b.seriesIn, (r * steps + t) * 3 * w, w, c, cx[i], x0[i],
              (float) (a * x0[i] + sigma * eps));
          if (c < variables) {
            charted[c] |= x0[t * w + variables + c] > 0;
          }
          // Before a variable's first charting its value channel holds no information.
          boolean nothingToCarry = c < variables && !charted[c];
          b.seriesWeight[r * sw + i] = cx[i] ? 0f
              : nothingToCarry ? (float) options.unobservedWeight() : 1f;
        }
      }
    }
    return b;
  }

  private static float velocity(double signal, double noise, float eps, float clean) {
    return (float) (signal * eps - noise * clean);
  }

  /** Draws which entries of a training example are given. */
  private void pattern(float[] s0, float[] x0, boolean[] cs, boolean[] cx, SplittableRandom rnd) {
    java.util.Arrays.fill(cs, false);
    java.util.Arrays.fill(cx, false);
    double u = rnd.nextDouble();
    int w = stepWidth();
    if (u < options.unconditionalShare()) {
      return;
    }
    if (u < options.unconditionalShare() + options.forecastShare()) {
      System.arraycopy(baseline, 0, cs, 0, staticWidth);
      int cut = 1 + rnd.nextInt(steps - 1);
      java.util.Arrays.fill(cx, 0, cut * w, true);
      return;
    }
    java.util.Arrays.fill(cs, 0, codecStaticWidth, true);
    double keep = 0.2 + 0.7 * rnd.nextDouble();
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < variables; k++) {
        cx[t * w + variables + k] = true;
        // Only charted values are given: a carried value would leak the charted value it carries.
        boolean observed = x0[t * w + variables + k] > 0;
        cx[t * w + k] = observed && rnd.nextDouble() < keep;
      }
    }
  }

  private static void fill(float[] in, int base, int width, int i, boolean given, float value,
      float noisy) {
    in[base + i] = given ? 0f : noisy;
    in[base + width + i] = given ? value : 0f;
    in[base + 2 * width + i] = given ? 1f : 0f;
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

  /**
   * Generates patients.
   *
   * @param conditions what is given per patient
   * @param seeds one seed per patient: its noise does not depend on batching
   * @param denoiser the network
   * @return per patient {static entries, series entries} on the diffusion scale
   */
  float[][][] sample(Condition[] conditions, long[] seeds, Denoiser denoiser) {
    int n = conditions.length;
    float[][][] out = new float[n][][];
    int batch = options.samplingBatch();
    int[] levels = samplingLevels();
    for (int from = 0; from < n; from += batch) {
      int rows = Math.min(batch, n - from);
      sampleBatch(conditions, seeds, from, rows, levels, denoiser, out);
    }
    return out;
  }

  private int[] samplingLevels() {
    int n = alphaBar.length;
    int m = options.samplingSteps();
    int[] levels = new int[m];
    for (int i = 0; i < m; i++) {
      levels[i] = (int) Math.round((double) (n - 1) * (m - 1 - i) / Math.max(1, m - 1));
    }
    return levels;
  }

  private void sampleBatch(Condition[] conditions, long[] seeds, int from, int rows, int[] levels,
      Denoiser denoiser, float[][][] out) {
    int sw = seriesWidth();
    int w = stepWidth();
    float[][] xs = new float[rows][staticWidth];
    float[][] xx = new float[rows][sw];
    SplittableRandom[] rnd = new SplittableRandom[rows];
    for (int r = 0; r < rows; r++) {
      rnd[r] = new SplittableRandom(seeds[from + r]);
      for (int i = 0; i < staticWidth; i++) {
        xs[r][i] = (float) gaussian(rnd[r]);
      }
      for (int i = 0; i < sw; i++) {
        xx[r][i] = (float) gaussian(rnd[r]);
      }
    }
    float[] seriesIn = new float[rows * sw * 3];
    float[] staticIn = new float[rows * staticWidth * 3];
    float[] stepEmb = new float[rows * TrajectoryDenoiser.STEP_EMBEDDING];
    for (int li = 0; li < levels.length; li++) {
      int level = levels[li];
      for (int r = 0; r < rows; r++) {
        Condition c = conditions[from + r];
        TrajectoryDenoiser.stepEmbedding(level, stepEmb, r * TrajectoryDenoiser.STEP_EMBEDDING);
        for (int i = 0; i < staticWidth; i++) {
          boolean given = c.statGiven() != null && c.statGiven()[i];
          fill(staticIn, r * 3 * staticWidth, staticWidth, i, given, given ? c.stat()[i] : 0f,
              xs[r][i]);
        }
        for (int t = 0; t < steps; t++) {
          for (int ch = 0; ch < w; ch++) {
            int i = t * w + ch;
            boolean given = c.seriesGiven() != null && c.seriesGiven()[i];
            fill(seriesIn, (r * steps + t) * 3 * w, w, ch, given,
                given ? c.series()[i] : 0f, xx[r][i]);
          }
        }
      }
      float[][] v = denoiser.predict(rows, seriesIn, staticIn, stepEmb);
      double ab = alphaBar[level];
      double abPrev = li + 1 < levels.length ? alphaBar[levels[li + 1]] : 1.0;
      boolean last = li + 1 == levels.length;
      double sigma = last ? 0 : options.eta() * Math.sqrt((1 - abPrev) / (1 - ab))
          * Math.sqrt(Math.max(0, 1 - ab / abPrev));
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < staticWidth; i++) {
          xs[r][i] = step(xs[r][i], v[0][r * staticWidth + i], ab, abPrev, sigma, last,
              staticClip[i], rnd[r]);
        }
        for (int i = 0; i < sw; i++) {
          boolean flag = (i % w) >= variables;
          xx[r][i] = step(xx[r][i], v[1][r * sw + i], ab, abPrev, sigma, last,
              flag ? 1.0 : 5.0, rnd[r]);
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      Condition c = conditions[from + r];
      if (c.statGiven() != null) {
        for (int i = 0; i < staticWidth; i++) {
          xs[r][i] = c.statGiven()[i] ? c.stat()[i] : xs[r][i];
        }
      }
      if (c.seriesGiven() != null) {
        for (int i = 0; i < sw; i++) {
          xx[r][i] = c.seriesGiven()[i] ? c.series()[i] : xx[r][i];
        }
      }
      out[from + r] = new float[][] {xs[r], xx[r]};
    }
  }

  /** One DDIM step of an entry, with the clean estimate clipped to the entry's range. */
  private static float step(float x, float vHat, double ab, double abPrev, double sigma,
      boolean last, double clip, SplittableRandom rnd) {
    double x0 = Math.sqrt(ab) * x - Math.sqrt(1 - ab) * vHat;
    x0 = Math.max(-clip, Math.min(clip, x0));
    if (last) {
      return (float) x0;
    }
    double eps = (x - Math.sqrt(ab) * x0) / Math.sqrt(1 - ab);
    double dir = Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma));
    return (float) (Math.sqrt(abPrev) * x0 + dir * eps + sigma * gaussian(rnd));
  }

  /**
   * A share, spread or onset in [0, 1] on the summary scale [-1, 1]. The square root spreads the
   * small shares, spreads and onsets that most variables have.
   */
  private static float toSummary(double x) {
    return (float) (2 * Math.sqrt(x) - 1);
  }

  /** The share, spread or onset of a summary-scale entry: the inverse of {@link #toSummary}. */
  private static double fromSummary(float s) {
    double root = (s + 1) / 2.0;
    return root * root;
  }

  /** The per-patient summaries of a static vector (SUMMARIES entries per variable). */
  float[] summaries(float[] stat) {
    return java.util.Arrays.copyOfRange(stat, codecStaticWidth, staticWidth);
  }

  /**
   * Makes a generated patient's series agree with its generated summaries, in place. The
   * summaries are first calibrated ({@link SummaryCalibration}), and the counts of a new
   * patient's variables drawn together ({@link #panelCounts}) and the onsets of variables begun
   * together ({@link #panelOnsets}) joined; then per variable the charted hours are the onset
   * hour and, after it, the hours with the highest observation channel, {@code share x steps} in
   * all (an hour within {@link SummaryCalibration#CLOSE_GAP} of one already charted is taken only
   * as often as makes sampled stays as spaced as training stays, or when nothing else is left),
   * and the charted values are scaled about their mean to the generated spread. The summaries are
   * scalars per patient, which the network gets right far more often than the joint pattern of
   * dozens of sparse hourly flags (DoppelGANger's per-series min/max metadata rests on the same
   * observation). Steps before {@code givenSteps} are known and keep their flags and values; a
   * variable already charted in them has its onset there.
   *
   * @param stat the generated static entries; its summaries are replaced by calibrated ones
   * @param series the generated series entries
   * @param givenSteps steps of known history (0 for a new patient)
   * @param calibration the model's calibration, or null for none
   * @param rnd the patient's own stream, for the calibration's ties and the panels' joins
   */
  void followSummaries(float[] stat, float[] series, int givenSteps,
      SummaryCalibration calibration, SplittableRandom rnd) {
    if (calibration != null) {
      // One draw for all entries: a patient moved up within one tie moves up within all of them,
      // so variables that are drawn together (a liver panel) stay together.
      double u = rnd.nextDouble();
      for (int k = 0; k < variables; k++) {
        int base = codecStaticWidth + SUMMARIES * k;
        stat[base] = calibration.map(SUMMARIES * k, stat[base], u);
      }
      if (givenSteps == 0 && calibration.countTogether() != null) {
        panelCounts(stat, calibration, rnd);
      }
      for (int k = 0; k < variables; k++) {
        int base = codecStaticWidth + SUMMARIES * k;
        // The onset and spread of a variable the patient charts (twice, for the spread) are
        // mapped among the patients charting it as often. Within ties an onset moves the other
        // way: charting that starts later is sparser.
        int chartings = chartings(stat[base]);
        stat[base + SPREAD] = calibration.map(SUMMARIES * k + SPREAD, stat[base + SPREAD], u,
            chartings);
        stat[base + ONSET] = calibration.map(SUMMARIES * k + ONSET, stat[base + ONSET], 1 - u,
            chartings);
      }
    }
    int w = stepWidth();
    boolean[] raw = new boolean[steps * variables];
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < variables; j++) {
        raw[t * variables + j] = series[t * w + variables + j] > 0;
      }
    }
    // Per variable, its chartings in the known history.
    int[] history = new int[variables];
    for (int t = 0; t < givenSteps; t++) {
      for (int k = 0; k < variables; k++) {
        history[k] += raw[t * variables + k] ? 1 : 0;
      }
    }
    int[] onsets = panelOnsets(stat, history, givenSteps, calibration, rnd);
    Integer[] order = new Integer[steps];
    double[] key = new double[steps];
    for (int k = 0; k < variables; k++) {
      int base = codecStaticWidth + SUMMARIES * k;
      int target = chartings(stat[base]);
      int given = history[k];
      // A variable charted in the known history began there; otherwise not before the cut.
      int onset = given > 0 ? givenSteps : onsets[k];
      int flag = variables + k;
      // Hours the network charted come first. Among the rest, and among those to drop, what
      // counts is how strongly the variables charted at that hour go with this one (a sodium
      // draw goes where the potassium draws are): the network's scores of hours it did not chart
      // mostly sit at the clip, and ranking on them alone put every added draw at hour 0 and
      // broke the panels apart.
      for (int t = 0; t < steps; t++) {
        order[t] = t;
        key[t] = t < onset ? -10 : t == onset && given == 0 ? 10
            : (raw[t * variables + k] ? 2 : 0)
            + (calibration == null ? 0 : calibration.affinity(k, raw, t * variables))
            + 1e-3 * series[t * w + flag];
      }
      // A stable sort: equal keys keep time order.
      java.util.Arrays.sort(order, givenSteps, steps, (a, b) -> Double.compare(key[b], key[a]));
      int free = Math.min(steps - onset, Math.max(0, target - given));
      boolean[] chosen = new boolean[steps];
      for (int t = 0; t < givenSteps; t++) {
        chosen[t] = raw[t * variables + k];
      }
      double close = calibration == null ? 1 : calibration.closeKept(k);
      int taken = 0;
      // Hours next to a draw already placed wait, unless the patient's draw allows a close one
      // (as often as makes sampled stays as spaced as training stays); they are taken last if
      // nothing else is left.
      List<Integer> waiting = new ArrayList<>();
      for (int i = givenSteps; i < steps && taken < free; i++) {
        int t = order[i];
        if (t < onset) {
          break; // only hours before the onset are left: they rank last
        }
        if (close < 1 && nearChosen(chosen, t) && rnd.nextDouble() >= close) {
          waiting.add(t);
        } else {
          chosen[t] = true;
          taken++;
        }
      }
      for (int i = 0; i < waiting.size() && taken < free; i++) {
        chosen[waiting.get(i)] = true;
        taken++;
      }
      for (int t = givenSteps; t < steps; t++) {
        series[t * w + flag] = chosen[t] ? 1f : -1f;
      }
      double spread = fromSummary(stat[base + SPREAD]);
      scaleSpread(series, k, givenSteps, spread);
    }
  }

  /** The number of steps a charting-share summary charts. */
  int chartings(float share) {
    return stepsOf(share);
  }

  /** A share or onset summary as a whole number of steps. */
  private int stepsOf(float summary) {
    return (int) Math.round(steps * fromSummary(summary));
  }

  private static boolean nearChosen(boolean[] chosen, int t) {
    int from = Math.max(0, t - SummaryCalibration.CLOSE_GAP);
    int to = Math.min(chosen.length - 1, t + SummaryCalibration.CLOSE_GAP);
    for (int u = from; u <= to; u++) {
      if (chosen[u]) {
        return true;
      }
    }
    return false;
  }

  /** Hours a variable's wanted onset may be after its panel's first for it to join the panel. */
  static final int PANEL_REACH = 6;

  /**
   * Each variable's onset hour (unused for variables charted in the known history). Taken in the
   * order of their wanted onsets, a variable joins the panel begun within {@link #PANEL_REACH}
   * hours before it whose members most often begin with it in the training cohort (their mean
   * share of stays beginning both in one hour), if the patient's draw falls below that share; each
   * panel then begins at the median of its members' wanted hours, so no direction is favoured and
   * each onset stays near the marginal calibration gave it. Per-variable onsets, each right in
   * its own marginal, otherwise scatter a panel's first draws (sodium and magnesium, the 10
   * routine labs) over neighbouring hours far more often than real stays do
   * (measurements: docs/longitudinal.md, 'Design measurements').
   */
  private int[] panelOnsets(float[] stat, int[] history, int givenSteps,
      SummaryCalibration calibration, SplittableRandom rnd) {
    int[] wanted = new int[variables];
    boolean[] fixed = new boolean[variables];
    for (int k = 0; k < variables; k++) {
      wanted[k] = Math.max(givenSteps,
          Math.min(steps - 1, stepsOf(stat[codecStaticWidth + SUMMARIES * k + ONSET])));
      fixed[k] = history[k] > 0;
    }
    if (calibration == null) {
      return wanted;
    }
    return joinPanels(wanted, fixed, rnd.nextDouble(), calibration::onsetTogether,
        (first, hour) -> hour - first <= PANEL_REACH);
  }

  /** Fewest counts a variable's wanted count may be above its panel's first for it to join. */
  static final int COUNT_REACH = 2;

  /**
   * Makes the charting counts of a new patient's variables that are drawn together equal, in
   * place of their share summaries. As {@link #panelOnsets} does for onsets: taken in the order of
   * their wanted counts, a variable joins the panel whose first member wants at most
   * {@link #COUNT_REACH} fewer (a quarter fewer, for counts of 12 or more) and whose members are
   * most often charted as often as it in the training cohort (of patients charting either), if the
   * patient's own draw falls below that share; each panel takes the median of its members' wanted
   * counts. Calibrated one by one, each count was right in its own marginal while the panels came
   * apart: pairs that real stays mostly draw equally often (ALT and AST, urea and bicarbonate,
   * non-invasive mean and systolic pressure) were drawn equally often in far fewer synthetic stays
   * (measurements: docs/longitudinal.md, 'Design measurements').
   */
  private void panelCounts(float[] stat, SummaryCalibration calibration, SplittableRandom rnd) {
    int[] wanted = new int[variables];
    for (int k = 0; k < variables; k++) {
      wanted[k] = chartings(stat[codecStaticWidth + SUMMARIES * k]);
    }
    int[] counts = joinPanels(wanted, new boolean[variables], rnd.nextDouble(),
        calibration::countTogether,
        (first, count) -> count - first <= Math.max(COUNT_REACH, count / 4));
    for (int k = 0; k < variables; k++) {
      if (counts[k] != wanted[k]) {
        stat[codecStaticWidth + SUMMARIES * k] = toSummary((double) counts[k] / steps);
      }
    }
  }

  /** How often two variables go together in the training cohort. */
  private interface PairShare {
    double of(int k, int j);
  }

  /** Whether a wanted value may join a panel whose first member wants {@code first}. */
  private interface Reach {
    boolean within(int first, int wanted);
  }

  /**
   * Joins variables into panels that share one value. Taken in the order of their wanted values
   * (a stable sort), each variable not fixed joins the panel within reach whose members' mean
   * share with it is highest, if {@code u} falls below that share, or begins a panel of its own;
   * each panel then takes the wanted value of its middle member (the median), so no direction is
   * favoured. One draw for all of a patient's joins: stays that keep one panel together tend to
   * keep all of them together, and one draw per patient comes much closer than a draw per variable
   * to the real share of stays beginning all 10 routine labs in one hour
   * (measurements: docs/longitudinal.md, 'Design measurements').
   *
   * @return per variable its value: the panel's, or its wanted value if fixed
   */
  private static int[] joinPanels(int[] wanted, boolean[] fixed, double u, PairShare together,
      Reach reach) {
    int n = wanted.length;
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(wanted[a], wanted[b]));
    List<List<Integer>> panels = new ArrayList<>();
    for (int k : order) {
      if (fixed[k]) {
        continue;
      }
      int best = -1;
      double bestShare = 0;
      for (int c = 0; c < panels.size(); c++) {
        List<Integer> members = panels.get(c);
        if (!reach.within(wanted[members.get(0)], wanted[k])) {
          continue;
        }
        double share = 0;
        for (int j : members) {
          share += together.of(k, j) / members.size();
        }
        if (share > bestShare) {
          best = c;
          bestShare = share;
        }
      }
      if (best < 0 || u >= bestShare) {
        best = panels.size();
        panels.add(new ArrayList<>());
      }
      panels.get(best).add(k);
    }
    int[] out = wanted.clone();
    for (List<Integer> members : panels) {
      // Members joined in the order of their wanted values: the middle one holds the median.
      int value = wanted[members.get(members.size() / 2)];
      for (int k : members) {
        out[k] = value;
      }
    }
    return out;
  }

  /** Scales a variable's charted values about their mean to a spread (at least 1 stays so). */
  private void scaleSpread(float[] series, int k, int givenSteps, double target) {
    int w = stepWidth();
    int count = 0;
    double sum = 0;
    double squares = 0;
    for (int t = 0; t < steps; t++) {
      if (series[t * w + variables + k] > 0) {
        float v = series[t * w + k];
        count++;
        sum += v;
        squares += (double) v * v;
      }
    }
    double mean = count == 0 ? 0 : sum / count;
    double have = count == 0 ? 0 : Math.sqrt(Math.max(0, squares / count - mean * mean));
    // The summary saturates at 1: a spread of 1 or more only says "at least 1".
    double scale = target >= 1 ? Math.max(1, 1 / have) : target / have;
    if (count < 2 || have < 1e-6 || scale == 1) {
      return;
    }
    for (int t = givenSteps; t < steps; t++) {
      if (series[t * w + variables + k] > 0) {
        series[t * w + k] = (float) (mean + (series[t * w + k] - mean) * scale);
      }
    }
  }

  /** Diffusion-scale static entries back to the codec's scale (flags and one-hots in [0, 1]). */
  float[] staticForCodec(float[] stat) {
    float[] out = new float[codecStaticWidth];
    for (int i = 0; i < codecStaticWidth; i++) {
      out[i] = discreteStatic[i] ? (stat[i] + 1) / 2 : stat[i];
    }
    return out;
  }

  /** Which static entries are known at the start of a stay. */
  boolean[] baseline() {
    return baseline.clone();
  }

  static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
