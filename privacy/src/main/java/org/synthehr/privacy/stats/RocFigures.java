package org.synthehr.privacy.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.synthehr.core.result.Interval;

/**
 * What a membership attacker achieves with a score (higher = "member"): the ROC AUC and the true
 * positive rate at a fixed, low false positive rate, the figure that matters for an attacker who
 * must be confident about the few patients they single out (Carlini et al., "Membership Inference
 * Attacks From First Principles", 2022). Intervals are stratified bootstrap percentiles.
 */
public final class RocFigures {
  private RocFigures() {}

  /**
   * A figure with its interval.
   *
   * @param value point estimate
   * @param interval 95% bootstrap percentile interval
   */
  public record Estimate(double value, Interval interval) {}

  /**
   * AUC and TPR at FPR 1% and 0.1%.
   *
   * @param auc area under the ROC curve (0.5 = guessing)
   * @param tprAt1PctFpr true positive rate at 1% false positives (guessing: 0.01)
   * @param tprAt01PctFpr true positive rate at 0.1% false positives (guessing: 0.001)
   */
  public record Figures(Estimate auc, Estimate tprAt1PctFpr, Estimate tprAt01PctFpr) {}

  /** The figures with {@code resamples} bootstrap resamples for the intervals. */
  public static Figures of(double[] members, double[] nonMembers, int resamples, long seed) {
    double auc = auc(members, nonMembers);
    double t1 = tprAtFpr(members, nonMembers, 0.01);
    double t01 = tprAtFpr(members, nonMembers, 0.001);
    double[] a = new double[resamples];
    double[] b = new double[resamples];
    double[] c = new double[resamples];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int r = 0; r < resamples; r++) {
      double[] m = resample(members, rnd);
      double[] n = resample(nonMembers, rnd);
      a[r] = auc(m, n);
      b[r] = tprAtFpr(m, n, 0.01);
      c[r] = tprAtFpr(m, n, 0.001);
    }
    return new Figures(new Estimate(auc, interval(a)), new Estimate(t1, interval(b)),
        new Estimate(t01, interval(c)));
  }

  /** Mann-Whitney AUC: P(member score > non-member score), ties counted half. */
  public static double auc(double[] members, double[] nonMembers) {
    int n1 = members.length;
    int n0 = nonMembers.length;
    if (n1 == 0 || n0 == 0) {
      return Double.NaN;
    }
    double[] all = new double[n1 + n0];
    System.arraycopy(members, 0, all, 0, n1);
    System.arraycopy(nonMembers, 0, all, n1, n0);
    Integer[] order = new Integer[all.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(all[x], all[y]));
    double rankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && Double.compare(all[order[j + 1]], all[order[i]]) == 0) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        if (order[t] < n1) {
          rankSum += rank;
        }
      }
      i = j + 1;
    }
    return (rankSum - n1 * (n1 + 1) / 2.0) / ((double) n1 * n0);
  }

  /**
   * The share of members scored strictly above the threshold that lets at most {@code fpr} of the
   * non-members through (ties at the threshold count as negatives, so the FPR is never exceeded).
   */
  public static double tprAtFpr(double[] members, double[] nonMembers, double fpr) {
    if (members.length == 0 || nonMembers.length == 0) {
      return Double.NaN;
    }
    double[] neg = nonMembers.clone();
    Arrays.sort(neg);
    int allowed = (int) Math.floor(fpr * neg.length + 1e-9);
    double threshold = neg[neg.length - 1 - Math.min(allowed, neg.length - 1)];
    if (allowed >= neg.length) {
      threshold = Double.NEGATIVE_INFINITY;
    }
    int hits = 0;
    for (double m : members) {
      hits += m > threshold ? 1 : 0;
    }
    return (double) hits / members.length;
  }

  private static double[] resample(double[] v, SplittableRandom rnd) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[rnd.nextInt(v.length)];
    }
    return out;
  }

  private static Interval interval(double[] v) {
    if (v.length == 0) {
      return null;
    }
    return new Interval(Samples.quantile(v, 0.025), Samples.quantile(v, 0.975), 0.95);
  }
}
