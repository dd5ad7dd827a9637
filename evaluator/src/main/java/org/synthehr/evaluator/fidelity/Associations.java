package org.synthehr.evaluator.fidelity;

import org.synthehr.evaluator.stats.CategoricalPlan;
import org.synthehr.evaluator.stats.ColumnPlan;
import org.synthehr.evaluator.stats.Moments;
import org.synthehr.evaluator.stats.PairStatistics;

/**
 * Strength of association of a column pair, from its {@link PairStatistics}: Pearson's r and
 * Spearman's ρ for two numeric columns, Cramér's V for two discrete ones, the correlation ratio η
 * for a discrete and a numeric one; and the contingency similarity of two tables' joint
 * distributions.
 */
public final class Associations {
  private Associations() {}

  /** Pearson's r over rows where both values are present (0 when undefined). */
  public static double pearson(PairStatistics p) {
    return p.coMoments().pearson();
  }

  /**
   * Spearman's ρ: Pearson's r of mid-ranks (ties share the average rank, as in Commons Math's
   * default), with ranks taken per rank cell. Exact when every distinct value has its own cell (at
   * most {@code NumericPlan.RANK_CUTS} distinct real values, all shared by the other table);
   * otherwise values inside one cell share a rank, a coarsening that shrinks ρ slightly.
   */
  public static double spearman(PairStatistics p) {
    long[] t = p.rankJoint();
    int cols = p.rankLevelsB();
    int rows = t.length / cols;
    double[] rowCount = new double[rows];
    double[] colCount = new double[cols];
    double n = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        long c = t[i * cols + j];
        rowCount[i] += c;
        colCount[j] += c;
        n += c;
      }
    }
    if (n < 2) {
      return 0.0;
    }
    double[] rx = midRanks(rowCount);
    double[] ry = midRanks(colCount);
    double mean = (n + 1) / 2;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < rows; i++) {
      sxx += rowCount[i] * (rx[i] - mean) * (rx[i] - mean);
      for (int j = 0; j < cols; j++) {
        long c = t[i * cols + j];
        if (c != 0) {
          sxy += c * (rx[i] - mean) * (ry[j] - mean);
        }
      }
    }
    for (int j = 0; j < cols; j++) {
      syy += colCount[j] * (ry[j] - mean) * (ry[j] - mean);
    }
    if (sxx <= 0 || syy <= 0) {
      return 0.0;
    }
    return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  }

  private static double[] midRanks(double[] counts) {
    double[] r = new double[counts.length];
    double before = 0;
    for (int i = 0; i < counts.length; i++) {
      r[i] = before + (counts[i] + 1) / 2;
      before += counts[i];
    }
    return r;
  }

  /**
   * Cramér's V = √(χ²/(n·(min(r, c) − 1))) of two discrete columns over rows where both are present,
   * r and c counting the categories that occur; 0 when either has a single category.
   */
  public static double cramersV(PairStatistics p, CategoricalPlan a, CategoricalPlan b) {
    long[] t = p.joint();
    int cols = p.levelsB();
    int rows = t.length / cols;
    double[] rowSum = new double[rows];
    double[] colSum = new double[cols];
    double n = 0;
    for (int i = 0; i < rows; i++) {
      if (a.isMissingPairCode(i)) {
        continue;
      }
      for (int j = 0; j < cols; j++) {
        if (b.isMissingPairCode(j)) {
          continue;
        }
        long c = t[i * cols + j];
        rowSum[i] += c;
        colSum[j] += c;
        n += c;
      }
    }
    int r = 0;
    int c = 0;
    for (double v : rowSum) {
      r += v > 0 ? 1 : 0;
    }
    for (double v : colSum) {
      c += v > 0 ? 1 : 0;
    }
    if (n == 0 || Math.min(r, c) < 2) {
      return 0.0;
    }
    double chi2 = 0;
    for (int i = 0; i < rows; i++) {
      if (rowSum[i] == 0) {
        continue;
      }
      for (int j = 0; j < cols; j++) {
        if (colSum[j] == 0) {
          continue;
        }
        double e = rowSum[i] * colSum[j] / n;
        double d = t[i * cols + j] - e;
        chi2 += d * d / e;
      }
    }
    return Math.min(1, Math.sqrt(chi2 / (n * (Math.min(r, c) - 1))));
  }

  /**
   * The correlation ratio η = √(between-category sum of squares / total sum of squares) of a
   * numeric column across the categories of a discrete one (rows where both are present); 0 when the
   * numeric column is constant.
   */
  public static double correlationRatio(PairStatistics p) {
    Moments[] groups = p.byCategory();
    Moments all = new Moments();
    double within = 0;
    for (Moments g : groups) {
      all.merge(g);
      within += g.sumSquares();
    }
    double total = all.sumSquares();
    if (all.count() < 2 || !(total > 0)) {
      return 0.0;
    }
    return Math.sqrt(Math.max(0, Math.min(1, 1 - within / total)));
  }

  /**
   * The association shown in heatmaps: r for numeric pairs, V for discrete pairs, η for mixed ones.
   */
  public static double association(PairStatistics p, ColumnPlan a, ColumnPlan b) {
    return switch (p.kind()) {
      case NUMERIC -> pearson(p);
      case CATEGORICAL -> cramersV(p, (CategoricalPlan) a, (CategoricalPlan) b);
      case MIXED -> correlationRatio(p);
    };
  }

  /** 1 − TVD of two tables' joint distributions of a pair's codes (REFERENCE.md's pair term). */
  public static double contingencySimilarity(PairStatistics a, PairStatistics b) {
    long[] ta = a.joint();
    long[] tb = b.joint();
    double na = 0;
    double nb = 0;
    for (int i = 0; i < ta.length; i++) {
      na += ta[i];
      nb += tb[i];
    }
    if (na == 0 || nb == 0) {
      return na == nb ? 1.0 : 0.0;
    }
    double s = 0;
    for (int i = 0; i < ta.length; i++) {
      s += Math.abs(ta[i] / na - tb[i] / nb);
    }
    return 1 - s / 2;
  }
}
