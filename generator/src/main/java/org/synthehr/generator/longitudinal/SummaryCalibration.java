package org.synthehr.generator.longitudinal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Quantile mapping of the generated per-patient summaries onto the training cohort's: for each
 * summary entry, a generated value is placed by its rank among the model's own unconditional
 * samples and replaced by the training summary at that rank. This is the bias correction of model
 * output statistics (quantile mapping, as in climate downscaling): it fixes each summary's
 * marginal while keeping the model's ordering of patients, so how summaries go together (a patient
 * with many potassium draws also has many sodium draws) still comes from the network.
 *
 * <p>Why it is needed: on physionet2012-a the network generated 25-30% fewer laboratory draws per
 * stay than real patients had, in its summaries and its hourly flags alike, at every sampler
 * setting tried. Only quantiles are kept (levels {@link #LEVELS} inside the codec's tail), never a
 * patient's summaries.
 *
 * <p>Following a calibrated count means charting hours the network did not chart, or dropping some
 * it did. Where to is decided by the co-charting lift of the training cohort,
 * {@code P(j charted at t | k charted at t) - P(j charted at t)} for each pair of variables: a
 * 37 x 37 table of shares, so that added draws join the hours of their panel.
 *
 * <p>Panels also begin together: potassium and sodium are first drawn in the same hour in 90% of
 * real stays that have both. The share of stays in which each pair of variables begins in the
 * same hour, a second 37 x 37 table, lets a sampled patient's onsets join
 * ({@link TrajectoryDiffusion#followSummaries}). Panels are also drawn equally often (urea and
 * bicarbonate in 86% of real stays drawing either): the share of stays charting either variable of
 * a pair that chart both equally often, a third 37 x 37 table, lets their counts join.
 *
 * <p>Laboratory draws are spread out: of consecutive potassium draws in real stays with at most a
 * quarter of the window charted, 3% are within {@link #CLOSE_GAP} steps (hours on physionet2012's
 * grid) of each other, while ranking hours by their panel put 24% of added draws next to each
 * other. A per-variable table holds how often an hour next to a draw already placed may be
 * taken: the training share of close draws over the share the model's own samples reach without
 * spacing (at most 1), so variables the network already spaces right (lactate, blood gases) are
 * left alone.
 *
 * <p>A variable's onset is calibrated among the patients who chart it, its spread among those who
 * chart it at least twice. Calibrated over all patients, a patient the share calibration makes
 * chart a variable may keep an onset of "never" or a spread of "a single value", which the
 * marginals (over mostly patients who chart it less) turn into the last hour or into identical
 * values: on physionet2012-a, 22% of synthetic stays charting albumin began it at hour 40 or later
 * (4% of real ones), and 47-59% of synthetic stays drawing the liver panel twice or more had the
 * same value each time (0.7-4.5% of real ones). A last table holds, for these entries, the
 * quantiles of the model's own samples and of the training patients that chart the variable
 * often enough.
 *
 * @param generated per summary entry, the quantiles of the model's own samples
 * @param training per summary entry, the quantiles of the training cohort
 * @param coCharting per pair of variables (k, j), the lift of j's charting given k's, at least 0,
 *     0 on the diagonal
 * @param onsetTogether per pair of variables, the share of training patients charting both whose
 *     first charted hours are the same; null in calibrations saved before it existed, whose
 *     onsets then stay apart
 * @param closeKept per variable, the chance that an hour within {@link #CLOSE_GAP} steps of a
 *     draw already placed is taken; null in calibrations saved before it existed, whose draws then
 *     go where their panel is without regard to spacing
 * @param charted the onset and spread quantiles among the patients charting each variable often
 *     enough ({@link #chartingsNeeded}); null in calibrations saved before it existed, whose
 *     summaries are then all mapped over all patients
 * @param countTogether per pair of variables, the share of training patients charting either
 *     who chart both equally often; null in calibrations saved before it existed, whose counts
 *     then stay apart
 */
record SummaryCalibration(double[][] generated, double[][] training, double[][] coCharting,
    double[][] onsetTogether, double[] closeKept, ChartedQuantiles charted,
    double[][] countTogether) {
  /** Number of quantile levels, evenly spaced inside the tails. */
  static final int LEVELS = 41;

  /** Steps apart at most for two consecutive chartings of a variable to count as close. */
  static final int CLOSE_GAP = 2;

  @JsonCreator
  SummaryCalibration(@JsonProperty("generated") double[][] generated,
      @JsonProperty("training") double[][] training,
      @JsonProperty("co_charting") double[][] coCharting,
      @JsonProperty("onset_together") double[][] onsetTogether,
      @JsonProperty("close_kept") double[] closeKept,
      @JsonProperty("charted") ChartedQuantiles charted,
      @JsonProperty("count_together") double[][] countTogether) {
    if (generated.length != training.length
        || generated.length != TrajectoryDiffusion.SUMMARIES * coCharting.length
        || onsetTogether != null && onsetTogether.length != coCharting.length
        || closeKept != null && closeKept.length != coCharting.length
        || charted != null && charted.generated().length != generated.length
        || countTogether != null && countTogether.length != coCharting.length) {
      throw new IllegalArgumentException("calibration tables differ in length");
    }
    this.generated = generated;
    this.training = training;
    this.coCharting = coCharting;
    this.onsetTogether = onsetTogether;
    this.closeKept = closeKept;
    this.charted = charted;
    this.countTogether = countTogether;
  }

  /**
   * Per summary entry, quantiles among the patients charting the variable often enough, of the
   * model's own samples and of the training cohort. Rows are null for the charting shares, and
   * where too few patients of either side chart the variable often enough: those entries are
   * mapped over all patients.
   */
  record ChartedQuantiles(double[][] generated, double[][] training) {
    @JsonCreator
    ChartedQuantiles(@JsonProperty("generated") double[][] generated,
        @JsonProperty("training") double[][] training) {
      if (generated.length != training.length) {
        throw new IllegalArgumentException("charted quantile tables differ in length");
      }
      this.generated = generated;
      this.training = training;
    }
  }

  /** Fewest patients of each side for an entry to be mapped among the patients charting often. */
  static final int CHARTED_AT_LEAST = 50;

  /**
   * Chartings a patient needs for a summary entry to say something: 1 for the onset, 2 for the
   * spread, 0 for the charting share.
   *
   * @param entry the summary entry (its position within the variable counts)
   */
  static int chartingsNeeded(int entry) {
    int within = entry % TrajectoryDiffusion.SUMMARIES;
    return within == TrajectoryDiffusion.ONSET ? 1 : within == TrajectoryDiffusion.SPREAD ? 2 : 0;
  }

  /**
   * Fits the mapping.
   *
   * @param generated per patient, the summary entries of a generated patient
   * @param training per patient, the summary entries of a training patient
   * @param tail share left out at each end, so no single patient's extreme is kept
   * @param coCharting the training cohort's co-charting lift ({@link #coCharting(float[], int)})
   * @param onsetTogether the training cohort's shared onsets
   *     ({@link #onsetTogether(float[], int, int)})
   */
  static SummaryCalibration fit(float[][] generated, float[][] training, double tail,
      double[][] coCharting, double[][] onsetTogether) {
    int entries = training[0].length;
    double[][] g = new double[entries][];
    double[][] t = new double[entries][];
    for (int e = 0; e < entries; e++) {
      g[e] = levels(column(generated, e), tail);
      t[e] = levels(column(training, e), tail);
    }
    return new SummaryCalibration(g, t, coCharting, onsetTogether, null, null, null);
  }

  /** This calibration with a chance per variable of taking an hour next to a placed draw. */
  SummaryCalibration withCloseKept(double[] kept) {
    return new SummaryCalibration(generated, training, coCharting, onsetTogether, kept,
        charted, countTogether);
  }

  /** This calibration with the training cohort's shares of equal counts. */
  SummaryCalibration withCountTogether(double[][] together) {
    return new SummaryCalibration(generated, training, coCharting, onsetTogether, closeKept,
        charted, together);
  }

  /**
   * This calibration with onsets and spreads mapped among the patients charting often enough.
   *
   * @param generated per summary entry, its values in the model's samples that chart the variable
   *     often enough ({@link #chartingsNeeded}); ignored for the charting shares
   * @param training the same of the training patients
   * @param tail share left out at each end
   */
  SummaryCalibration withCharted(double[][] generated, double[][] training, double tail) {
    int entries = this.generated.length;
    double[][] g = new double[entries][];
    double[][] t = new double[entries][];
    for (int e = 0; e < entries; e++) {
      if (chartingsNeeded(e) > 0 && generated[e].length >= CHARTED_AT_LEAST
          && training[e].length >= CHARTED_AT_LEAST) {
        g[e] = levels(generated[e], tail);
        t[e] = levels(training[e], tail);
      }
    }
    return new SummaryCalibration(this.generated, this.training, coCharting, onsetTogether,
        closeKept, new ChartedQuantiles(g, t), countTogether);
  }

  /**
   * The calibrated value of a summary entry of a patient who charts its variable
   * {@code chartings} times: mapped among the patients charting it as often where it says
   * something for them ({@link #chartingsNeeded}) and the table has it, otherwise as
   * {@link #map} maps it.
   */
  float map(int entry, float value, double u, int chartings) {
    int needed = chartingsNeeded(entry);
    if (needed == 0 || chartings < needed || charted == null
        || charted.generated()[entry] == null) {
      return map(entry, value, u);
    }
    return quantileMap(charted.generated()[entry], charted.training()[entry], value, u);
  }

  /**
   * Per variable, how often an hour next to a placed draw may be taken for sampled patients to
   * have as many close draws as training patients: the training share over the sampled share
   * without spacing, at most 1 (spacing only moves draws apart).
   *
   * @param training the training cohort's shares ({@link #closeDraws(float[], int, int)})
   * @param sampled the same shares of sampled patients followed without spacing
   */
  static double[] closeKept(double[] training, double[] sampled) {
    double[] kept = new double[training.length];
    for (int k = 0; k < kept.length; k++) {
      kept[k] = sampled[k] <= training[k] ? 1 : training[k] / sampled[k];
    }
    return kept;
  }

  /**
   * Per variable, the share of consecutive chartings at most {@link #CLOSE_GAP} steps apart, over
   * the patients who chart it at least twice and at most in a quarter of the steps (more often,
   * close draws cannot be avoided and say nothing of how draws are spaced); 1 where no patient
   * qualifies, so nothing is kept apart.
   *
   * @param mask patients x steps x variables, positive where charted
   * @param steps steps per patient
   * @param variables variables per step
   */
  static double[] closeDraws(float[] mask, int steps, int variables) {
    int patients = mask.length / (steps * variables);
    long[] gaps = new long[variables];
    long[] close = new long[variables];
    int[] times = new int[steps];
    for (int p = 0; p < patients; p++) {
      for (int k = 0; k < variables; k++) {
        int n = 0;
        for (int t = 0; t < steps; t++) {
          if (mask[(p * steps + t) * variables + k] > 0) {
            times[n++] = t;
          }
        }
        if (n < 2 || n > steps / 4) {
          continue;
        }
        for (int i = 1; i < n; i++) {
          gaps[k]++;
          close[k] += times[i] - times[i - 1] <= CLOSE_GAP ? 1 : 0;
        }
      }
    }
    double[] out = new double[variables];
    for (int k = 0; k < variables; k++) {
      out[k] = gaps[k] == 0 ? 1 : (double) close[k] / gaps[k];
    }
    return out;
  }

  /**
   * The chance that an hour next to a placed draw of variable {@code k} is taken; 1 (no spacing)
   * for calibrations without the table.
   */
  double closeKept(int k) {
    return closeKept == null ? 1 : closeKept[k];
  }

  /**
   * For each pair of variables, the share of patients charting both whose first charted hours are
   * the same (1 on the diagonal, 0 where no patient charts both).
   *
   * @param mask patients x steps x variables, positive where charted
   * @param steps steps per patient
   * @param variables variables per step
   */
  static double[][] onsetTogether(float[] mask, int steps, int variables) {
    return sameShare(mask, steps, variables, SummaryCalibration::onsets, true);
  }

  /**
   * For each pair of variables, the share of patients charting either who chart both equally
   * often (1 on the diagonal of a variable anyone charts, 0 where no patient charts either).
   *
   * @param mask patients x steps x variables, positive where charted
   * @param steps steps per patient
   * @param variables variables per step
   */
  static double[][] countTogether(float[] mask, int steps, int variables) {
    return sameShare(mask, steps, variables, SummaryCalibration::counts, false);
  }

  /** One number per variable of a patient's charting, -1 for a variable never charted. */
  private interface PerVariable {
    void of(float[] mask, int patient, int steps, int[] out);
  }

  /** Each variable's first charted step. */
  private static void onsets(float[] mask, int p, int steps, int[] out) {
    int variables = out.length;
    java.util.Arrays.fill(out, -1);
    for (int t = steps - 1; t >= 0; t--) {
      for (int k = 0; k < variables; k++) {
        out[k] = mask[(p * steps + t) * variables + k] > 0 ? t : out[k];
      }
    }
  }

  /** Each variable's number of charted steps. */
  private static void counts(float[] mask, int p, int steps, int[] out) {
    int variables = out.length;
    java.util.Arrays.fill(out, 0);
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < variables; k++) {
        out[k] += mask[(p * steps + t) * variables + k] > 0 ? 1 : 0;
      }
    }
    for (int k = 0; k < variables; k++) {
      out[k] = out[k] == 0 ? -1 : out[k];
    }
  }

  /**
   * For each pair of variables, the share of patients whose numbers for the two are the same, of
   * the patients charting both (or either).
   */
  private static double[][] sameShare(float[] mask, int steps, int variables, PerVariable numbers,
      boolean both) {
    int patients = mask.length / (steps * variables);
    long[][] charting = new long[variables][variables];
    long[][] same = new long[variables][variables];
    int[] value = new int[variables];
    for (int p = 0; p < patients; p++) {
      numbers.of(mask, p, steps, value);
      for (int k = 0; k < variables; k++) {
        for (int j = 0; j < variables; j++) {
          boolean counted = both ? value[k] >= 0 && value[j] >= 0 : value[k] >= 0 || value[j] >= 0;
          if (counted) {
            charting[k][j]++;
            same[k][j] += value[k] == value[j] ? 1 : 0;
          }
        }
      }
    }
    double[][] out = new double[variables][variables];
    for (int k = 0; k < variables; k++) {
      for (int j = 0; j < variables; j++) {
        out[k][j] = charting[k][j] == 0 ? 0 : (double) same[k][j] / charting[k][j];
      }
    }
    return out;
  }

  /**
   * The share of training patients charting either variable who chart both equally often; 0 for
   * calibrations without the table.
   */
  double countTogether(int k, int j) {
    return countTogether == null ? 0 : countTogether[k][j];
  }

  /**
   * The share of training patients charting both variables whose first charted hours are the
   * same; 0 for calibrations without the table.
   */
  double onsetTogether(int k, int j) {
    return onsetTogether == null ? 0 : onsetTogether[k][j];
  }

  /**
   * The co-charting lift of a cohort's observation mask.
   *
   * @param mask patients x steps x variables, positive where charted
   * @param variables variables per step
   */
  static double[][] coCharting(float[] mask, int variables) {
    long cells = mask.length / variables;
    long[] single = new long[variables];
    long[][] pairs = new long[variables][variables];
    int[] charted = new int[variables];
    for (long c = 0; c < cells; c++) {
      int m = 0;
      for (int k = 0; k < variables; k++) {
        if (mask[(int) (c * variables + k)] > 0) {
          charted[m++] = k;
        }
      }
      for (int a = 0; a < m; a++) {
        single[charted[a]]++;
        for (int b = 0; b < m; b++) {
          pairs[charted[a]][charted[b]]++;
        }
      }
    }
    double[][] lift = new double[variables][variables];
    for (int k = 0; k < variables; k++) {
      for (int j = 0; j < variables; j++) {
        if (j != k && single[k] > 0) {
          double given = (double) pairs[k][j] / single[k];
          lift[k][j] = Math.max(0, given - (double) single[j] / Math.max(1, cells));
        }
      }
    }
    return lift;
  }

  /**
   * How strongly the variables charted at one hour go with variable k: their lifts summed and
   * divided by all of k's lifts, in [0, 1].
   *
   * @param k the variable
   * @param charted charting flags, steps x variables
   * @param offset index of the hour's first variable in {@code charted}
   */
  double affinity(int k, boolean[] charted, int offset) {
    double[] lift = coCharting[k];
    double sum = 0;
    double total = 0;
    for (int j = 0; j < lift.length; j++) {
      total += lift[j];
      sum += charted[offset + j] ? lift[j] : 0;
    }
    return total > 0 ? sum / total : 0;
  }

  /**
   * The calibrated value of a generated summary entry.
   *
   * @param entry the summary entry
   * @param value the generated value
   * @param u a uniform draw in [0, 1) of the patient's own stream: where many generated values tie
   *     (a point mass, such as "never charted"), it places the patient within the tie's span, so
   *     the training mass at that point is matched rather than collapsed onto its middle
   */
  float map(int entry, float value, double u) {
    return quantileMap(generated[entry], training[entry], value, u);
  }

  private static float quantileMap(double[] g, double[] t, float value, double u) {
    int first = 0;
    while (first < g.length && g[first] < value) {
      first++;
    }
    int last = first;
    while (last < g.length && g[last] == value) {
      last++;
    }
    double position;
    if (last > first) {
      position = first + u * (last - 1 - first);
    } else if (first == 0) {
      return (float) t[0];
    } else if (first == g.length) {
      return (float) t[t.length - 1];
    } else {
      position = first - 1 + (value - g[first - 1]) / (g[first] - g[first - 1]);
    }
    int at = (int) Math.floor(position);
    int next = Math.min(t.length - 1, at + 1);
    return (float) (t[at] + (position - at) * (t[next] - t[at]));
  }

  private static double[] column(float[][] rows, int e) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i][e];
    }
    return out;
  }

  /** The {@link #LEVELS} quantiles of values (left as they are) inside the tails. */
  private static double[] levels(double[] values, double tail) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return QuantileScale.quantiles(sorted, LEVELS, tail);
  }
}
