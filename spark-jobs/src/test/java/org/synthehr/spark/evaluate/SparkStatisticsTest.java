package org.synthehr.spark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.io.CsvTableWriter;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.evaluator.fidelity.FidelityMetrics;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.TableStatistics;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.config.SparkConfig;
import org.synthehr.spark.ingest.SparkTables;

/** Spark-counted statistics equal the in-memory ones, for typed Parquet and for CSV text. */
class SparkStatisticsTest {
  private static SparkSession spark;
  private static Table real;
  private static Table other;
  private static StatisticsPlan plan;

  @BeforeAll
  static void start() {
    spark = SparkSessions.create("test", new SparkConfig("local[2]", Map.of()));
    // A mixed subset of the columns keeps the pair tables (and the test) small.
    Table all = TestData.diabetesSample().select(TestData.CONTRACT_COLUMNS).modelled();
    real = all.head(2000);
    other = all.take(java.util.stream.IntStream.range(2000, all.rowCount()).toArray());
    plan = StatisticsPlan.fromReal(real, 256, List.of("gender", "num_lab_procedures"), 20);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static void assertSameFigures(TableStatistics expected, TableStatistics actual) {
    TableStatistics realStats = TableStatistics.of(real, plan);
    List<MetricResult> a = FidelityMetrics.compute(plan, realStats, expected, null).metrics();
    List<MetricResult> b = FidelityMetrics.compute(plan, realStats, actual, null).metrics();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).id(), b.get(i).id());
      assertEquals(a.get(i).value(), b.get(i).value(), 1e-9, a.get(i).id());
    }
    assertEquals(expected.rows(), actual.rows());
    for (int g = 0; g < plan.subgroups().get(1).size(); g++) {
      assertEquals(expected.groupRows(1, g), actual.groupRows(1, g));
    }
  }

  @Test
  void typedParquetInAnyPartitioning(@TempDir Path dir) {
    Path parquet = dir.resolve("other.parquet");
    spark.createDataFrame(SparkTables.rows(other), SparkTables.structType(other.schema()))
        .repartition(3).write().parquet(parquet.toString());
    Dataset<Row> ds = TableSource.open(spark, parquet, plan.names(), "synthetic data");
    TableStatistics expected = TableStatistics.of(other, plan);
    assertSameFigures(expected, SparkStatistics.count(ds, plan, parquet.toString()));
    assertSameFigures(expected, SparkStatistics.count(ds.repartition(7), plan, "x"));
  }

  @Test
  void csvTextWithMissingTokensAndExtraColumns(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("other.csv");
    Table full = TestData.diabetesSample();
    CsvTableWriter.write(full.take(java.util.stream.IntStream.range(2000, full.rowCount())
        .toArray()), csv);
    Dataset<Row> ds = TableSource.open(spark, csv, plan.names(), "synthetic data");
    assertSameFigures(TableStatistics.of(other, plan), SparkStatistics.count(ds, plan,
        csv.toString()));
  }

  @Test
  void unreadableNumbersAndMissingColumnsAreNamed(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    List<String> names = plan.names();
    StringBuilder text = new StringBuilder(String.join(",", names)).append('\n');
    for (int r = 0; r < 3; r++) {
      for (int i = 0; i < names.size(); i++) {
        text.append(i > 0 ? "," : "").append(names.get(i).equals("num_lab_procedures")
            ? (r == 1 ? "many" : "40") : "");
      }
      text.append('\n');
    }
    Files.writeString(csv, text);
    InvalidInputException e = assertThrows(InvalidInputException.class, () ->
        SparkStatistics.count(TableSource.open(spark, csv, names, "synthetic data"), plan,
            csv.toString()));
    assertTrue(e.getMessage().contains("num_lab_procedures") && e.getMessage().contains("'many'"),
        e.getMessage());
    Files.writeString(csv, "race,gender\nCaucasian,Female\n");
    InvalidInputException missing = assertThrows(InvalidInputException.class, () ->
        TableSource.open(spark, csv, names, "synthetic data"));
    assertTrue(missing.getMessage().contains("age") && missing.getMessage().contains("lacks"),
        missing.getMessage());
  }
}
