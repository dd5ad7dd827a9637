package org.synthehr.evaluator.stats;

import java.io.Serializable;

/**
 * Sufficient statistics of one column pair (a, b), a before b in plan order: the contingency table
 * of their pair codes (every pair); for two numeric columns also the co-moments (Pearson) and a
 * table of rank cells (Spearman); for a discrete and a numeric column the numeric column's moments
 * per category of the discrete one (correlation ratio).
 */
public final class PairStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kind of a pair. */
  public enum Kind {
    /** Two numeric columns. */
    NUMERIC,
    /** Two discrete columns. */
    CATEGORICAL,
    /** One discrete and one numeric column. */
    MIXED
  }

  private final Kind kind;
  private final int levelsB;
  private final long[] joint;
  private final CoMoments coMoments;
  private final long[] rankJoint;
  private final int rankLevelsB;
  private final Moments[] byCategory;

  PairStatistics(ColumnPlan a, ColumnPlan b) {
    this.levelsB = b.pairLevels();
    this.joint = new long[a.pairLevels() * levelsB];
    if (a instanceof NumericPlan na && b instanceof NumericPlan nb) {
      kind = Kind.NUMERIC;
      coMoments = new CoMoments();
      rankLevelsB = nb.rankCellCount();
      rankJoint = new long[na.rankCellCount() * rankLevelsB];
      byCategory = null;
    } else if (a instanceof CategoricalPlan && b instanceof CategoricalPlan) {
      kind = Kind.CATEGORICAL;
      coMoments = null;
      rankJoint = null;
      rankLevelsB = 0;
      byCategory = null;
    } else {
      kind = Kind.MIXED;
      coMoments = null;
      rankJoint = null;
      rankLevelsB = 0;
      CategoricalPlan cat = (CategoricalPlan) (a instanceof CategoricalPlan ? a : b);
      byCategory = new Moments[cat.pairLevels()];
      for (int i = 0; i < byCategory.length; i++) {
        byCategory[i] = new Moments();
      }
    }
  }

  public Kind kind() {
    return kind;
  }

  void addJoint(int codeA, int codeB) {
    joint[codeA * levelsB + codeB]++;
  }

  void addNumeric(double x, double y, int rankA, int rankB) {
    coMoments.add(x, y);
    rankJoint[rankA * rankLevelsB + rankB]++;
  }

  void addMixed(int categoryPairCode, double value) {
    byCategory[categoryPairCode].add(value);
  }

  /** Adds another partial of the same pair. */
  public void merge(PairStatistics o) {
    for (int i = 0; i < joint.length; i++) {
      joint[i] += o.joint[i];
    }
    if (coMoments != null) {
      coMoments.merge(o.coMoments);
      for (int i = 0; i < rankJoint.length; i++) {
        rankJoint[i] += o.rankJoint[i];
      }
    }
    if (byCategory != null) {
      for (int i = 0; i < byCategory.length; i++) {
        byCategory[i].merge(o.byCategory[i]);
      }
    }
  }

  /** The contingency table of pair codes, row-major (a's code times b's levels plus b's code). */
  public long[] joint() {
    return joint.clone();
  }

  /** b's number of pair levels (the row length of {@link #joint()}). */
  public int levelsB() {
    return levelsB;
  }

  /** Co-moments of a numeric pair (null otherwise). */
  public CoMoments coMoments() {
    return coMoments;
  }

  /** Table of rank cells of a numeric pair, row-major (null otherwise). */
  public long[] rankJoint() {
    return rankJoint == null ? null : rankJoint.clone();
  }

  /** b's number of rank cells. */
  public int rankLevelsB() {
    return rankLevelsB;
  }

  /** Moments of the numeric column per pair code of the discrete one (null unless mixed). */
  public Moments[] byCategory() {
    return byCategory == null ? null : byCategory.clone();
  }
}
