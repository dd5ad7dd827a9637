package org.synthehr.evaluator.longitudinal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.stats.Auc;
import org.synthehr.core.table.CategoricalColumn;

/**
 * How good digital twins are as forecasts of real continuations. For every (patient, future step
 * within the horizon, variable) where the real record charts a value, the twins' states at that
 * step (each sample's latest charted value at or before the step, which falls back to the history)
 * form a predictive distribution. Coverage: the share of real values inside the central
 * prediction interval of the ensemble ({@link #predictionBound}; 0.8 should cover about 80%). CRPS
 * (continuous ranked probability score) of the ensemble, in units of the variable's real standard
 * deviation, with last-value-carried-forward as baseline.
 * When the cohort has a label, the share of twins with the positive outcome is scored as a risk
 * (AUC against the real outcome).
 */
public final class TwinScores {
  private static final int MIN_SAMPLES = 5;

  private TwinScores() {}

  /**
   * @param patients the real patients, full records (the future is used as truth)
   * @param twins one cohort per sample, patients in the same order, history included
   * @param cut first future step
   * @param horizon future steps scored
   * @param level central interval level, e.g. 0.8
   */
  public static List<MetricResult> score(Cohort patients, List<Cohort> twins, int cut,
      int horizon, double level) {
    int k = patients.variables();
    double[] sd = new double[k];
    for (int j = 0; j < k; j++) {
      double[] v = TrajectoryFidelity.values(patients, j, 0, patients.steps());
      double m = Arrays.stream(v).average().orElse(0);
      sd[j] = Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElse(1));
      sd[j] = sd[j] > 0 ? sd[j] : 1;
    }
    long cells = 0;
    long covered = 0;
    double crps = 0;
    double persistence = 0;
    long persistenceCells = 0;
    long[] cellsBy = new long[k];
    long[] coveredBy = new long[k];
    int end = Math.min(patients.steps(), cut + horizon);
    double[] states = new double[twins.size()];
    for (int p = 0; p < patients.size(); p++) {
      for (int t = cut; t < Math.min(end, patients.end(p)); t++) {
        for (int j = 0; j < k; j++) {
          float y = patients.value(p, t, j);
          if (Float.isNaN(y)) {
            continue;
          }
          int m = 0;
          for (Cohort twin : twins) {
            double s = state(twin, p, t, j);
            if (!Double.isNaN(s)) {
              states[m++] = s;
            }
          }
          double last = state(patients, p, cut - 1, j);
          if (!Double.isNaN(last)) {
            persistence += Math.abs(last - y) / sd[j];
            persistenceCells++;
          }
          if (m < MIN_SAMPLES) {
            continue;
          }
          double[] ens = Arrays.copyOf(states, m);
          Arrays.sort(ens);
          double lo = predictionBound(ens, (1 - level) / 2);
          double hi = predictionBound(ens, 1 - (1 - level) / 2);
          boolean in = y >= lo && y <= hi;
          cells++;
          covered += in ? 1 : 0;
          cellsBy[j]++;
          coveredBy[j] += in ? 1 : 0;
          crps += crps(ens, y) / sd[j];
        }
      }
    }
    Map<String, Object> perVariable = new LinkedHashMap<>();
    for (int j = 0; j < k; j++) {
      if (cellsBy[j] > 0) {
        perVariable.put(TrajectoryFidelity.name(patients, j), Map.of("coverage",
            (double) coveredBy[j] / cellsBy[j], "values", cellsBy[j]));
      }
    }
    String pct = String.format(java.util.Locale.ROOT, "%.0f%%", 100 * level);
    List<MetricResult> out = new ArrayList<>();
    out.add(MetricResult.of("twins.coverage", "twins", cells == 0 ? Double.NaN
        : (double) covered / cells, Direction.CLOSER_TO_BASELINE, "Share of real future values"
        + " inside the twins' central " + pct + " interval (ideal " + pct + ")")
        .withBaseline(level).withCheck(level, cells > 0
            && Math.abs((double) covered / cells - level) <= 0.1)
        .withDetails(Map.of("values", cells, "per_variable", perVariable, "cut", cut,
            "horizon", horizon, "samples", twins.size())));
    out.add(MetricResult.of("twins.crps", "twins", cells == 0 ? Double.NaN : crps / cells,
        Direction.LOWER_IS_BETTER, "CRPS of the twins' forecast of real future values, in real"
            + " standard deviations (baseline: last value carried forward)")
        .withBaseline(persistenceCells == 0 ? null : persistence / persistenceCells));
    MetricResult risk = riskAuc(patients, twins);
    if (risk != null) {
      out.add(risk);
    }
    return out;
  }

  private static MetricResult riskAuc(Cohort patients, List<Cohort> twins) {
    String label = patients.schema().label();
    if (label == null) {
      return null;
    }
    String positive = MortalityUtility.positiveClass(patients);
    CategoricalColumn real = (CategoricalColumn) patients.statics().column(label);
    List<Boolean> truth = new ArrayList<>();
    List<Double> risk = new ArrayList<>();
    for (int p = 0; p < patients.size(); p++) {
      if (real.isMissing(p)) {
        continue;
      }
      int pos = 0;
      for (Cohort twin : twins) {
        CategoricalColumn l = (CategoricalColumn) twin.statics().column(label);
        pos += !l.isMissing(p) && positive.equals(l.value(p)) ? 1 : 0;
      }
      truth.add(positive.equals(real.value(p)));
      risk.add((double) pos / twins.size());
    }
    double[] scores = risk.stream().mapToDouble(Double::doubleValue).toArray();
    return MetricResult.of("twins.outcome_auc", "twins", Auc.of(
        DiscriminativeScore.unbox(truth), scores), Direction.HIGHER_IS_BETTER,
        "AUC of the share of twins with '" + label + "=" + positive + "' as a risk score for the"
            + " real outcome");
  }

  /** The latest charted value of variable j at or before step t, NaN if none. */
  static double state(Cohort c, int p, int t, int j) {
    for (int s = t; s >= 0; s--) {
      float v = c.value(p, s, j);
      if (!Float.isNaN(v)) {
        return v;
      }
    }
    return Double.NaN;
  }

  /**
   * A bound of a prediction interval from an ensemble (sorted): the value at rank q (m + 1) among
   * the m samples, interpolated (Hyndman and Fan's type 6). A real value drawn like the samples
   * then falls between the bounds at q and 1 - q with probability 1 - 2q, whatever m is. The
   * sample quantile at q (m - 1) would make the interval too short for small ensembles: with 20
   * twins an "80%" interval would cover 72% of values from a perfectly calibrated forecast.
   */
  static double predictionBound(double[] sorted, double q) {
    int m = sorted.length;
    double rank = Math.max(1, Math.min(m, q * (m + 1)));
    int lo = (int) Math.floor(rank);
    int hi = Math.min(m, lo + 1);
    return sorted[lo - 1] + (rank - lo) * (sorted[hi - 1] - sorted[lo - 1]);
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** CRPS of an ensemble (sorted) for an observation: E|X - y| - E|X - X'| / 2. */
  static double crps(double[] sorted, double y) {
    int m = sorted.length;
    double a = 0;
    for (double x : sorted) {
      a += Math.abs(x - y);
    }
    double b = 0;
    for (int i = 0; i < m; i++) {
      b += sorted[i] * (2 * i - m + 1);
    }
    return a / m - b / ((double) m * m);
  }
}
