package org.synthehr.evaluator.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.fidelity.FidelityMetrics;
import org.synthehr.evaluator.testing.Tables;

class StatisticsTest {
  @Test
  void cellsSeparatePointsFromOpenIntervals() {
    NumericPlan p = new NumericPlan("x", ColumnKind.CONTINUOUS, new double[] {1, 2, 3},
        new double[] {1, 2, 3}, 1, 3);
    assertEquals(7, p.cellCount());
    assertEquals(0, p.cell(0.5));
    assertEquals(1, p.cell(1));
    assertEquals(2, p.cell(1.5));
    assertEquals(3, p.cell(2));
    assertEquals(5, p.cell(3));
    assertEquals(6, p.cell(4));
  }

  @Test
  void trendBinsFollowTheQualityScore() {
    NumericPlan p = NumericPlan.fromValues("x", ColumnKind.CONTINUOUS, new double[] {0, 10}, 8);
    assertEquals(0, p.pairCode(0));
    assertEquals(9, p.pairCode(10));
    assertEquals(9, p.pairCode(99));
    assertEquals(0, p.pairCode(-5));
    assertEquals(5, p.pairCode(5));
    assertEquals(NumericPlan.TREND_BINS, p.pairCode(Double.NaN));
  }

  @Test
  void quantileCutsKeepTheRangeAndTheCap() {
    double[] v = new double[10_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sqrt(i);
    }
    NumericPlan p = NumericPlan.fromValues("x", ColumnKind.CONTINUOUS, v, 100);
    assertTrue(p.cutCount() <= 100 && p.cutCount() > 90);
    assertEquals(0, p.cut(0));
    assertEquals(Math.sqrt(9999), p.cut(p.cutCount() - 1));
  }

  @Test
  void numericSubgroupsAreRealQuartileBands() {
    double[] v = new double[100];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    SubgroupPlan p = SubgroupPlan.numeric("x", 0, v);
    assertEquals(List.of("[0, 25)", "[25, 50)", "[50, 74)", "[74, 99]"), p.labels());
    assertEquals(0, p.groupOfValue(-3));
    assertEquals(1, p.groupOfValue(25));
    assertEquals(3, p.groupOfValue(99));
    assertEquals(-1, p.groupOfValue(Double.NaN));
  }

  @Test
  void partialsMergeToTheWholeTable() {
    Table t = Tables.diabetes();
    StatisticsPlan plan = StatisticsPlan.fromReal(t, 64, List.of("gender", "time_in_hospital"), 10);
    TableStatistics whole = TableStatistics.of(t, plan);
    TableStatistics merged = TableStatistics.of(Tables.rows(t, 0, 1000), plan)
        .merge(TableStatistics.of(Tables.rows(t, 1000, 1001), plan))
        .merge(TableStatistics.of(Tables.rows(t, 1001, t.rowCount()), plan));
    assertEquals(whole.rows(), merged.rows());
    List<MetricResult> a = FidelityMetrics.compute(plan, whole, whole, null).metrics();
    Table other = Tables.shuffled(t, 3);
    TableStatistics o = TableStatistics.of(other, plan);
    List<MetricResult> x = FidelityMetrics.compute(plan, whole, o, null).metrics();
    List<MetricResult> y = FidelityMetrics.compute(plan, merged, o, null).metrics();
    assertEquals(x.size(), y.size());
    for (int i = 0; i < x.size(); i++) {
      assertEquals(x.get(i).value(), y.get(i).value(), 1e-9, x.get(i).id());
    }
    assertEquals(a.size(), x.size());
    for (int s = 0; s < plan.subgroups().size(); s++) {
      for (int g = 0; g < plan.subgroups().get(s).size(); g++) {
        assertEquals(whole.groupRows(s, g), merged.groupRows(s, g));
      }
    }
  }

  @Test
  void cellReaderReadsEveryStorageTypeLikeTheCoreReaders() {
    Table real = new Table(org.synthehr.core.schema.TableSchema.of(List.of(
        org.synthehr.core.schema.ColumnSpec.of("n", ColumnKind.INTEGER),
        org.synthehr.core.schema.ColumnSpec.of("d", ColumnKind.DATETIME),
        org.synthehr.core.schema.ColumnSpec.of("c", ColumnKind.CATEGORICAL),
        org.synthehr.core.schema.ColumnSpec.of("b", ColumnKind.BOOLEAN))),
        List.of(new org.synthehr.core.table.NumericColumn("n", new double[] {1, 2}),
            new org.synthehr.core.table.NumericColumn("d", new double[] {0, 86_400}),
            org.synthehr.core.table.CategoricalColumn.of("c", new String[] {"1", "x"},
                List.of("1", "x")),
            org.synthehr.core.table.CategoricalColumn.of("b", new String[] {"No", "Yes"},
                List.of("No", "Yes"))));
    StatisticsPlan plan = StatisticsPlan.fromReal(real, 100, List.of(), 1);
    CellReader reader = new CellReader(plan);
    EncodedRow row = new EncodedRow(plan);
    reader.read(0, 2L, row);
    assertEquals(2, row.value(0));
    reader.read(0, " 3 ", row);
    assertEquals(3, row.value(0));
    reader.read(1, LocalDate.of(1970, 1, 2), row);
    assertEquals(86_400, row.value(1));
    reader.read(1, Instant.ofEpochSecond(5), row);
    assertEquals(5, row.value(1));
    reader.read(1, "1970-01-02", row);
    assertEquals(86_400, row.value(1));
    reader.read(2, 1.0, row);
    assertEquals(0, row.code(2));
    reader.read(2, "y", row);
    assertEquals(CategoricalPlan.INVENTED, row.code(2));
    reader.read(2, "  ", row);
    assertEquals(CategoricalPlan.MISSING, row.code(2));
    reader.read(3, Boolean.TRUE, row);
    assertEquals(1, row.code(3));
    reader.read(0, "three", row);
    TableStatistics s = TableStatistics.empty(plan);
    s.add(plan, row);
    NumericStatistics n = (NumericStatistics) s.column(0);
    assertEquals(1, n.invalid());
    assertEquals("three", n.invalidExample());
    assertEquals(1, n.missing());
  }

  @Test
  void momentsMergeExactly() {
    Moments all = new Moments();
    Moments a = new Moments();
    Moments b = new Moments();
    CoMoments ca = new CoMoments();
    CoMoments cb = new CoMoments();
    CoMoments call = new CoMoments();
    double[] x = {1e9 + 1, 1e9 + 5, 1e9 + 2, 1e9 + 9, 1e9 + 3};
    double[] y = {2, 4, 1, 8, 3};
    for (int i = 0; i < x.length; i++) {
      all.add(x[i]);
      (i < 2 ? a : b).add(x[i]);
      call.add(x[i], y[i]);
      (i < 2 ? ca : cb).add(x[i], y[i]);
    }
    a.merge(b);
    ca.merge(cb);
    assertArrayEquals(new double[] {all.mean(), all.variance()}, new double[] {a.mean(),
        a.variance()}, 1e-6);
    assertEquals(8.0, all.variance(), 1e-6);
    assertEquals(call.pearson(), ca.pearson(), 1e-12);
  }
}
