package org.synthehr.core.longitudinal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a plausible trajectory looks like, learned from real data: each variable's physiological
 * range (robust quantiles of the observed values, so charting errors such as a temperature of
 * -17.8 C do not widen it), how often it is charted at most (a lab is not measured every hour), and
 * that nothing is charted after the record ends (death or discharge). Generators apply the rules to
 * what they sample and report how often their raw output broke them.
 *
 * @param variables one rule per variable, in the cohort's variable order
 */
public record PlausibilityRules(List<VariableRule> variables) {

  /** The share of values below the low and above the high bound the learned range leaves out. */
  public static final double DEFAULT_TAIL = 0.001;

  public PlausibilityRules {
    variables = List.copyOf(variables);
  }

  /**
   * The rule of one variable.
   *
   * @param name variable name
   * @param low lowest plausible value
   * @param high highest plausible value
   * @param maxObservations most grid steps with a value any real patient has
   *
   * <p>Values are stored as floats, so they are compared with the bounds rounded to float.
   */
  public record VariableRule(String name, double low, double high, int maxObservations) {}

  /** Learns the rules from a real cohort. */
  public static PlausibilityRules learn(Cohort real, double tail) {
    List<VariableRule> rules = new ArrayList<>();
    int n = real.size();
    int steps = real.steps();
    for (int k = 0; k < real.variables(); k++) {
      double[] obs = new double[16];
      int m = 0;
      int most = 0;
      for (int p = 0; p < n; p++) {
        int count = 0;
        for (int t = 0; t < steps; t++) {
          float v = real.value(p, t, k);
          if (!Float.isNaN(v)) {
            if (m == obs.length) {
              obs = Arrays.copyOf(obs, m * 2);
            }
            obs[m++] = v;
            count++;
          }
        }
        most = Math.max(most, count);
      }
      String name = real.schema().variables().get(k).name();
      if (m == 0) {
        rules.add(new VariableRule(name, 0, 0, 0));
        continue;
      }
      double[] sorted = Arrays.copyOf(obs, m);
      Arrays.sort(sorted);
      rules.add(new VariableRule(name, quantile(sorted, tail), quantile(sorted, 1 - tail), most));
    }
    return new PlausibilityRules(rules);
  }

  /** Counts how often a cohort breaks the rules. */
  public PlausibilityReport check(Cohort c) {
    long values = 0;
    long outOfBounds = 0;
    long tooFrequent = 0;
    long afterEnd = 0;
    for (int p = 0; p < c.size(); p++) {
      int end = c.end(p);
      for (int k = 0; k < c.variables(); k++) {
        VariableRule r = variables.get(k);
        int count = 0;
        for (int t = 0; t < c.steps(); t++) {
          float v = c.value(p, t, k);
          if (Float.isNaN(v)) {
            continue;
          }
          values++;
          count++;
          if (t >= end) {
            afterEnd++;
          }
          if (v < (float) r.low() || v > (float) r.high()) {
            outOfBounds++;
          }
        }
        if (count > r.maxObservations()) {
          tooFrequent++;
        }
      }
    }
    return new PlausibilityReport(c.size(), values, outOfBounds, tooFrequent, afterEnd);
  }

  /**
   * The cohort with the rules enforced: values after the end of the record removed, values clipped
   * to the plausible range, and a variable charted more often than any real patient thinned to that
   * many evenly spaced observations.
   */
  public Cohort enforce(Cohort c) {
    float[] v = c.values();
    int steps = c.steps();
    int vars = c.variables();
    int[] kept = new int[steps];
    for (int p = 0; p < c.size(); p++) {
      int end = c.end(p);
      for (int k = 0; k < vars; k++) {
        VariableRule r = variables.get(k);
        int count = 0;
        for (int t = 0; t < steps; t++) {
          int i = (p * steps + t) * vars + k;
          if (Float.isNaN(v[i])) {
            continue;
          }
          if (t >= end) {
            v[i] = Float.NaN;
            continue;
          }
          v[i] = Math.max((float) r.low(), Math.min((float) r.high(), v[i]));
          kept[count++] = t;
        }
        if (count > r.maxObservations()) {
          thin(v, p, k, steps, vars, kept, count, r.maxObservations());
        }
      }
    }
    return new Cohort(c.schema(), c.ids(), c.statics(), v, c.ends());
  }

  private static void thin(float[] v, int p, int k, int steps, int vars, int[] at, int count,
      int keep) {
    boolean[] stay = new boolean[count];
    for (int j = 0; j < keep; j++) {
      stay[(int) Math.floor((j + 0.5) * count / keep)] = true;
    }
    for (int j = 0; j < count; j++) {
      if (!stay[j]) {
        v[(p * steps + at[j]) * vars + k] = Float.NaN;
      }
    }
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
