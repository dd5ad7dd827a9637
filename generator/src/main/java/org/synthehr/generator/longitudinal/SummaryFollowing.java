package org.synthehr.generator.longitudinal;

import static org.synthehr.generator.longitudinal.DiffusionShape.fromSummary;
import static org.synthehr.generator.longitudinal.DiffusionShape.toSummary;
import static org.synthehr.generator.longitudinal.TrajectoryDiffusion.ONSET;
import static org.synthehr.generator.longitudinal.TrajectoryDiffusion.SPREAD;
import static org.synthehr.generator.longitudinal.TrajectoryDiffusion.SUMMARIES;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Post-processing of a generated patient: its series made to agree with its generated (and
 * calibrated) summaries: charting counts and onsets of panels joined, charted hours chosen, and
 * the charted values scaled to the generated spread.
 */
final class SummaryFollowing {
  /** Hours a variable's wanted onset may be after its panel's first for it to join the panel. */
  static final int PANEL_REACH = 6;

  /** Fewest counts a variable's wanted count may be above its panel's first for it to join. */
  static final int COUNT_REACH = 2;

  private final DiffusionShape shape;

  SummaryFollowing(DiffusionShape shape) {
    this.shape = shape;
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
      for (int k = 0; k < shape.variables; k++) {
        int base = shape.codecStaticWidth + SUMMARIES * k;
        stat[base] = calibration.map(SUMMARIES * k, stat[base], u);
      }
      if (givenSteps == 0 && calibration.countTogether() != null) {
        panelCounts(stat, calibration, rnd);
      }
      for (int k = 0; k < shape.variables; k++) {
        int base = shape.codecStaticWidth + SUMMARIES * k;
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
    int w = shape.stepWidth();
    boolean[] raw = new boolean[shape.steps * shape.variables];
    for (int t = 0; t < shape.steps; t++) {
      for (int j = 0; j < shape.variables; j++) {
        raw[t * shape.variables + j] = series[t * w + shape.variables + j] > 0;
      }
    }
    // Per variable, its chartings in the known history.
    int[] history = new int[shape.variables];
    for (int t = 0; t < givenSteps; t++) {
      for (int k = 0; k < shape.variables; k++) {
        history[k] += raw[t * shape.variables + k] ? 1 : 0;
      }
    }
    int[] onsets = panelOnsets(stat, history, givenSteps, calibration, rnd);
    Integer[] order = new Integer[shape.steps];
    double[] key = new double[shape.steps];
    for (int k = 0; k < shape.variables; k++) {
      int base = shape.codecStaticWidth + SUMMARIES * k;
      int target = chartings(stat[base]);
      int given = history[k];
      // A variable charted in the known history began there; otherwise not before the cut.
      int onset = given > 0 ? givenSteps : onsets[k];
      int flag = shape.variables + k;
      // Hours the network charted come first. Among the rest, and among those to drop, what
      // counts is how strongly the variables charted at that hour go with this one (a sodium
      // draw goes where the potassium draws are): the network's scores of hours it did not chart
      // mostly sit at the clip, and ranking on them alone put every added draw at hour 0 and
      // broke the panels apart.
      for (int t = 0; t < shape.steps; t++) {
        order[t] = t;
        key[t] = t < onset ? -10 : t == onset && given == 0 ? 10
            : (raw[t * shape.variables + k] ? 2 : 0)
            + (calibration == null ? 0 : calibration.affinity(k, raw, t * shape.variables))
            + 1e-3 * series[t * w + flag];
      }
      // A stable sort: equal keys keep time order.
      java.util.Arrays.sort(order, givenSteps, shape.steps,
          (a, b) -> Double.compare(key[b], key[a]));
      int free = Math.min(shape.steps - onset, Math.max(0, target - given));
      boolean[] chosen = new boolean[shape.steps];
      for (int t = 0; t < givenSteps; t++) {
        chosen[t] = raw[t * shape.variables + k];
      }
      double close = calibration == null ? 1 : calibration.closeKept(k);
      int taken = 0;
      // Hours next to a draw already placed wait, unless the patient's draw allows a close one
      // (as often as makes sampled stays as spaced as training stays); they are taken last if
      // nothing else is left.
      List<Integer> waiting = new ArrayList<>();
      for (int i = givenSteps; i < shape.steps && taken < free; i++) {
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
      for (int t = givenSteps; t < shape.steps; t++) {
        series[t * w + flag] = chosen[t] ? 1f : -1f;
      }
      double spread = fromSummary(stat[base + SPREAD]);
      scaleSpread(series, k, givenSteps, spread);
    }
  }

  /** The number of steps a charting-share summary charts. */
  int chartings(float share) {
    return shape.stepsOf(share);
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
    int[] wanted = new int[shape.variables];
    boolean[] fixed = new boolean[shape.variables];
    for (int k = 0; k < shape.variables; k++) {
      wanted[k] = Math.max(givenSteps,
          Math.min(shape.steps - 1,
              shape.stepsOf(stat[shape.codecStaticWidth + SUMMARIES * k + ONSET])));
      fixed[k] = history[k] > 0;
    }
    if (calibration == null) {
      return wanted;
    }
    return PanelJoin.join(wanted, fixed, rnd.nextDouble(), calibration::onsetTogether,
        (first, hour) -> hour - first <= PANEL_REACH);
  }

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
    int[] wanted = new int[shape.variables];
    for (int k = 0; k < shape.variables; k++) {
      wanted[k] = chartings(stat[shape.codecStaticWidth + SUMMARIES * k]);
    }
    int[] counts = PanelJoin.join(wanted, new boolean[shape.variables], rnd.nextDouble(),
        calibration::countTogether,
        (first, count) -> count - first <= Math.max(COUNT_REACH, count / 4));
    for (int k = 0; k < shape.variables; k++) {
      if (counts[k] != wanted[k]) {
        stat[shape.codecStaticWidth + SUMMARIES * k] = toSummary((double) counts[k] / shape.steps);
      }
    }
  }

  /** Scales a variable's charted values about their mean to a spread (at least 1 stays so). */
  private void scaleSpread(float[] series, int k, int givenSteps, double target) {
    int w = shape.stepWidth();
    int count = 0;
    double sum = 0;
    double squares = 0;
    for (int t = 0; t < shape.steps; t++) {
      if (series[t * w + shape.variables + k] > 0) {
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
    for (int t = givenSteps; t < shape.steps; t++) {
      if (series[t * w + shape.variables + k] > 0) {
        series[t * w + k] = (float) (mean + (series[t * w + k] - mean) * scale);
      }
    }
  }
}
