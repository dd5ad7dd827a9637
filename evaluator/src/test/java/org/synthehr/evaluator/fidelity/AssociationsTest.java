package org.synthehr.evaluator.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.stats.CategoricalPlan;
import org.synthehr.evaluator.stats.PairStatistics;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.TableStatistics;

class AssociationsTest {
  private static Table numericPair(double[] x, double[] y) {
    return new Table(TableSchema.of(List.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS),
        ColumnSpec.of("y", ColumnKind.CONTINUOUS))),
        List.of(new NumericColumn("x", x), new NumericColumn("y", y)));
  }

  private static PairStatistics pair(Table t) {
    StatisticsPlan plan = StatisticsPlan.fromReal(t, Integer.MAX_VALUE, List.of(), 1);
    return TableStatistics.of(t, plan).pair(0);
  }

  @Test
  void pearsonAndSpearmanMatchCommonsMath() {
    SplittableRandom r = new SplittableRandom(2);
    double[] x = new double[200];
    double[] y = new double[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(20);
      y[i] = Math.round(0.5 * x[i] + 3 * r.nextGaussian());
    }
    PairStatistics p = pair(numericPair(x, y));
    assertEquals(new PearsonsCorrelation().correlation(x, y), Associations.pearson(p), 1e-12);
    // Ties share their mean rank in both (Commons Math's default NaturalRanking).
    assertEquals(new SpearmansCorrelation().correlation(x, y), Associations.spearman(p), 1e-12);
  }

  @Test
  void spearmanIsCloseWithMoreDistinctValuesThanRankCells() {
    SplittableRandom r = new SplittableRandom(4);
    double[] x = new double[5000];
    double[] y = new double[5000];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
      y[i] = x[i] * x[i] * x[i] + r.nextGaussian();
    }
    assertEquals(new SpearmansCorrelation().correlation(x, y), Associations.spearman(
        pair(numericPair(x, y))), 0.01);
  }

  @Test
  void pearsonSkipsRowsWithAMissingValue() {
    double[] x = {1, 2, Double.NaN, 4, 5};
    double[] y = {2, 4, 100, 8, 11};
    double expected = new PearsonsCorrelation().correlation(new double[] {1, 2, 4, 5},
        new double[] {2, 4, 8, 11});
    assertEquals(expected, Associations.pearson(pair(numericPair(x, y))), 1e-12);
  }

  @Test
  void cramersVMatchesTheChiSquareOfCommonsMath() {
    SplittableRandom r = new SplittableRandom(8);
    int n = 400;
    String[] a = new String[n];
    String[] b = new String[n];
    long[][] table = new long[3][4];
    for (int i = 0; i < n; i++) {
      int u = r.nextInt(3);
      int v = r.nextDouble() < 0.4 ? u : r.nextInt(4);
      a[i] = "a" + u;
      b[i] = "b" + v;
      table[u][v]++;
    }
    Table t = new Table(TableSchema.of(List.of(ColumnSpec.of("a", ColumnKind.CATEGORICAL),
        ColumnSpec.of("b", ColumnKind.CATEGORICAL))), List.of(
        CategoricalColumn.of("a", a, List.of("a0", "a1", "a2")),
        CategoricalColumn.of("b", b, List.of("b0", "b1", "b2", "b3"))));
    StatisticsPlan plan = StatisticsPlan.fromReal(t, 10, List.of(), 1);
    PairStatistics p = TableStatistics.of(t, plan).pair(0);
    double chi2 = new ChiSquareTest().chiSquare(table);
    assertEquals(Math.sqrt(chi2 / (n * 2.0)), Associations.cramersV(p,
        (CategoricalPlan) plan.column(0), (CategoricalPlan) plan.column(1)), 1e-12);
  }

  @Test
  void correlationRatioByHand() {
    // Groups A: 1,2,3 and B: 4,5,6. Grand mean 3.5; between SS 13.5; total SS 17.5.
    Table t = new Table(TableSchema.of(List.of(ColumnSpec.of("g", ColumnKind.CATEGORICAL),
        ColumnSpec.of("v", ColumnKind.CONTINUOUS))), List.of(
        CategoricalColumn.of("g", new String[] {"A", "A", "A", "B", "B", "B", null},
            List.of("A", "B")),
        new NumericColumn("v", new double[] {1, 2, 3, 4, 5, 6, 100})));
    assertEquals(Math.sqrt(13.5 / 17.5), Associations.correlationRatio(pair(t)), 1e-12);
  }

  @Test
  void contingencySimilarityByHand() {
    Table a = Tables2.cats(new String[] {"x", "x", "y", "y"}, new String[] {"p", "q", "p", "q"});
    Table b = Tables2.cats(new String[] {"x", "x", "y", "y"}, new String[] {"p", "p", "q", "q"});
    StatisticsPlan plan = StatisticsPlan.fromReal(a, 10, List.of(), 1);
    // a: each of 4 cells 1/4; b: (x,p) 1/2, (y,q) 1/2. TVD = (1/4+1/4+1/4+1/4)/2 = 1/2.
    assertEquals(0.5, Associations.contingencySimilarity(TableStatistics.of(a, plan).pair(0),
        TableStatistics.of(b, plan).pair(0)), 1e-12);
  }

  /** Two-column categorical tables. */
  static final class Tables2 {
    static Table cats(String[] a, String[] b) {
      return new Table(TableSchema.of(List.of(ColumnSpec.of("a", ColumnKind.CATEGORICAL),
          ColumnSpec.of("b", ColumnKind.CATEGORICAL))), List.of(
          CategoricalColumn.of("a", a, List.of("x", "y")),
          CategoricalColumn.of("b", b, List.of("p", "q"))));
    }
  }
}
