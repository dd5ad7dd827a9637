package org.synthehr.evaluator.longitudinal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;

/**
 * Fidelity of trajectories, real against synthetic: per-variable value distributions within time
 * bins (1 - Kolmogorov-Smirnov), autocorrelation at lags of 1-3 steps and correlations between
 * variables charted at the same step (mean absolute difference), and how often each variable is
 * charted in each time bin and how many patients never have it (mean absolute difference).
 */
public final class TrajectoryFidelity {
  /** Values needed on both sides before a distribution or correlation is compared. */
  static final int MIN_VALUES = 20;
  private static final int BINS = 6;
  private static final int MAX_LAG = 3;

  private TrajectoryFidelity() {}

  /** Every fidelity metric; {@code baseline} (e.g. holdout vs training) may be null. */
  public static List<MetricResult> all(Cohort real, Cohort synthetic, Cohort baseline) {
    List<MetricResult> out = new ArrayList<>();
    out.add(withBaseline(marginals(real, synthetic), baseline == null ? null
        : marginals(real, baseline)));
    out.add(withBaseline(autocorrelation(real, synthetic), baseline == null ? null
        : autocorrelation(real, baseline)));
    out.add(withBaseline(crossCorrelation(real, synthetic), baseline == null ? null
        : crossCorrelation(real, baseline)));
    out.add(withBaseline(observationRates(real, synthetic), baseline == null ? null
        : observationRates(real, baseline)));
    out.add(withBaseline(neverCharted(real, synthetic), baseline == null ? null
        : neverCharted(real, baseline)));
    return out;
  }

  private static MetricResult withBaseline(MetricResult m, MetricResult b) {
    return b == null ? m : m.withBaseline(b.value());
  }

  /** Mean 1 - KS statistic of each variable's values per time bin. */
  public static MetricResult marginals(Cohort real, Cohort syn) {
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    Map<String, Object> perVariable = new LinkedHashMap<>();
    double total = 0;
    int count = 0;
    for (int k = 0; k < real.variables(); k++) {
      double sum = 0;
      int n = 0;
      for (int b = 0; b < bins(real); b++) {
        double[] a = values(real, k, binStart(real, b), binStart(real, b + 1));
        double[] s = values(syn, k, binStart(real, b), binStart(real, b + 1));
        if (a.length >= MIN_VALUES && s.length >= MIN_VALUES) {
          sum += 1 - ks.kolmogorovSmirnovStatistic(a, s);
          n++;
        }
      }
      if (n > 0) {
        perVariable.put(name(real, k), sum / n);
        total += sum / n;
        count++;
      }
    }
    return MetricResult.of("trajectory.marginals", "fidelity", count == 0 ? Double.NaN
        : total / count, Direction.HIGHER_IS_BETTER, "Per-variable value distributions in "
        + bins(real) + " time bins: mean of 1 - Kolmogorov-Smirnov distance (1 = identical)")
        .withDetails(Map.of("per_variable", perVariable));
  }

  /** Mean |difference| of lag-1..3 autocorrelations. */
  public static MetricResult autocorrelation(Cohort real, Cohort syn) {
    double total = 0;
    int count = 0;
    Map<String, Object> perVariable = new LinkedHashMap<>();
    for (int k = 0; k < real.variables(); k++) {
      double sum = 0;
      int n = 0;
      for (int lag = 1; lag <= MAX_LAG && lag < real.steps(); lag++) {
        double a = lagCorrelation(real, k, lag);
        double s = lagCorrelation(syn, k, lag);
        if (!Double.isNaN(a) && !Double.isNaN(s)) {
          sum += Math.abs(a - s);
          n++;
        }
      }
      if (n > 0) {
        perVariable.put(name(real, k), sum / n);
        total += sum;
        count += n;
      }
    }
    return MetricResult.of("trajectory.autocorrelation_diff", "fidelity", count == 0 ? Double.NaN
        : total / count, Direction.LOWER_IS_BETTER, "Autocorrelation of each variable at lags of"
        + " 1-" + MAX_LAG + " steps: mean absolute difference, real vs synthetic")
        .withDetails(Map.of("per_variable", perVariable));
  }

  /** Mean |difference| of correlations between variables charted at the same step. */
  public static MetricResult crossCorrelation(Cohort real, Cohort syn) {
    double total = 0;
    int count = 0;
    for (int a = 0; a < real.variables(); a++) {
      for (int b = a + 1; b < real.variables(); b++) {
        double r = coCorrelation(real, a, b);
        double s = coCorrelation(syn, a, b);
        if (!Double.isNaN(r) && !Double.isNaN(s)) {
          total += Math.abs(r - s);
          count++;
        }
      }
    }
    return MetricResult.of("trajectory.cross_correlation_diff", "fidelity", count == 0
        ? Double.NaN : total / count, Direction.LOWER_IS_BETTER, "Correlation between two"
        + " variables charted at the same step: mean absolute difference over " + count
        + " pairs").withDetails(Map.of("pairs", count));
  }

  /** Mean |difference| of observation rates per variable and time bin. */
  public static MetricResult observationRates(Cohort real, Cohort syn) {
    double total = 0;
    int count = 0;
    Map<String, Object> perVariable = new LinkedHashMap<>();
    for (int k = 0; k < real.variables(); k++) {
      double sum = 0;
      for (int b = 0; b < bins(real); b++) {
        sum += Math.abs(rate(real, k, binStart(real, b), binStart(real, b + 1))
            - rate(syn, k, binStart(real, b), binStart(real, b + 1)));
      }
      perVariable.put(name(real, k), Map.of("real", rate(real, k, 0, real.steps()), "synthetic",
          rate(syn, k, 0, syn.steps())));
      total += sum;
      count += bins(real);
    }
    return MetricResult.of("trajectory.observation_rate_diff", "fidelity", total / count,
        Direction.LOWER_IS_BETTER, "Share of steps at which each variable is charted, per time"
        + " bin: mean absolute difference (charting patterns, not values)")
        .withDetails(Map.of("per_variable", perVariable));
  }

  /** Mean |difference| of the share of patients who never have a variable charted. */
  public static MetricResult neverCharted(Cohort real, Cohort syn) {
    double total = 0;
    for (int k = 0; k < real.variables(); k++) {
      total += Math.abs(never(real, k) - never(syn, k));
    }
    return MetricResult.of("trajectory.never_charted_diff", "fidelity", total / real.variables(),
        Direction.LOWER_IS_BETTER, "Share of patients in whom a variable is never charted: mean"
        + " absolute difference");
  }

  static int bins(Cohort c) {
    return Math.min(BINS, c.steps());
  }

  static int binStart(Cohort c, int b) {
    return (int) Math.round((double) b * c.steps() / bins(c));
  }

  static String name(Cohort c, int k) {
    return c.schema().variables().get(k).name();
  }

  /** Observed values of variable k in steps [from, to). */
  static double[] values(Cohort c, int k, int from, int to) {
    double[] out = new double[64];
    int m = 0;
    for (int p = 0; p < c.size(); p++) {
      for (int t = from; t < to; t++) {
        float v = c.value(p, t, k);
        if (!Float.isNaN(v)) {
          if (m == out.length) {
            out = Arrays.copyOf(out, 2 * m);
          }
          out[m++] = v;
        }
      }
    }
    return Arrays.copyOf(out, m);
  }

  static double rate(Cohort c, int k, int from, int to) {
    long o = 0;
    for (int p = 0; p < c.size(); p++) {
      for (int t = from; t < to; t++) {
        o += c.observed(p, t, k) ? 1 : 0;
      }
    }
    return c.size() == 0 || to <= from ? 0 : (double) o / c.size() / (to - from);
  }

  private static double never(Cohort c, int k) {
    int never = 0;
    for (int p = 0; p < c.size(); p++) {
      boolean any = false;
      for (int t = 0; t < c.steps() && !any; t++) {
        any = c.observed(p, t, k);
      }
      never += any ? 0 : 1;
    }
    return (double) never / Math.max(1, c.size());
  }

  private static double lagCorrelation(Cohort c, int k, int lag) {
    Pearson r = new Pearson();
    for (int p = 0; p < c.size(); p++) {
      for (int t = 0; t + lag < c.steps(); t++) {
        float a = c.value(p, t, k);
        float b = c.value(p, t + lag, k);
        if (!Float.isNaN(a) && !Float.isNaN(b)) {
          r.add(a, b);
        }
      }
    }
    return r.value();
  }

  private static double coCorrelation(Cohort c, int ka, int kb) {
    Pearson r = new Pearson();
    for (int p = 0; p < c.size(); p++) {
      for (int t = 0; t < c.steps(); t++) {
        float a = c.value(p, t, ka);
        float b = c.value(p, t, kb);
        if (!Float.isNaN(a) && !Float.isNaN(b)) {
          r.add(a, b);
        }
      }
    }
    return r.value();
  }

  /** Streaming Pearson correlation; NaN with too few pairs or no spread. */
  private static final class Pearson {
    private long n;
    private double sx;
    private double sy;
    private double sxx;
    private double syy;
    private double sxy;

    void add(double x, double y) {
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }

    double value() {
      if (n < MIN_VALUES) {
        return Double.NaN;
      }
      double cov = sxy / n - (sx / n) * (sy / n);
      double vx = sxx / n - (sx / n) * (sx / n);
      double vy = syy / n - (sy / n) * (sy / n);
      if (vx <= 1e-12 || vy <= 1e-12) {
        return Double.NaN;
      }
      return cov / Math.sqrt(vx * vy);
    }
  }
}
