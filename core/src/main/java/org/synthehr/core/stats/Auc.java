package org.synthehr.core.stats;

import java.util.Arrays;

/**
 * The area under the ROC curve of scores against binary truth, as the Mann-Whitney statistic with
 * tied scores sharing their average rank (the same figure as Tribuo's
 * {@code LabelEvaluationUtil.binaryAUCROC}).
 */
public final class Auc {
  private Auc() {}

  /** AUC over all rows; NaN when either class is absent. */
  public static double of(boolean[] truth, double[] score) {
    int[] all = new int[truth.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return of(truth, score, all);
  }

  /** AUC over the given rows (repeats allowed, as in a bootstrap resample). */
  public static double of(boolean[] truth, double[] score, int[] rows) {
    int n = rows.length;
    double[] s = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      s[i] = score[rows[i]];
    }
    Arrays.sort(order, (x, y) -> Double.compare(s[x], s[y]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && s[order[j + 1]] == s[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (truth[rows[order[k]]]) {
          rankSumPositive += rank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
