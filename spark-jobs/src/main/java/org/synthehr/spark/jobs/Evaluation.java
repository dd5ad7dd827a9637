package org.synthehr.spark.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.Evaluator;
import org.synthehr.evaluator.stats.SideAgreement;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.TableStatistics;
import org.synthehr.spark.config.EvaluateConfig;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.evaluate.SampleCollector;
import org.synthehr.spark.evaluate.SparkStatistics;
import org.synthehr.spark.privacy.PrivacyFigures;

/**
 * Builds the report of a synthetic dataset against the training split, with the holdout as the "new
 * real data" baseline: column and pair statistics of the synthetic data are counted with Spark over
 * every row; the model-based figures and the privacy figures use a seeded subsample collected to the
 * driver ({@link EvaluateConfig#syntheticSampleRows()} rows).
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * The report.
   *
   * @param training the training rows (on the driver)
   * @param holdout the holdout rows (on the driver; may be empty)
   * @param synthetic the synthetic data, any size, with at least the training table's modelled
   *     columns
   * @param syntheticSource where the synthetic data is, for messages
   * @param counts row counts to show in the summary
   */
  public static Report report(JobConfig config, Table training, Table holdout,
      Dataset<Row> synthetic, String syntheticSource, Map<String, Object> counts,
      Provenance provenance, Console console) {
    EvaluateConfig ec = config.evaluate();
    Table real = training.modelled();
    // The samples keep the patient column (if any), so row-holding-out metrics can keep a
    // patient's rows together; statistics and models read the modelled columns only.
    Table realSample = withEntityKey(training, real);
    Table hold = holdout.rowCount() > 0 ? withEntityKey(holdout, real) : null;
    StatisticsPlan plan = Evaluator.plan(real, ec.settings());
    long start = System.nanoTime();
    TableStatistics synStats = SparkStatistics.count(synthetic.select(plan.names().stream()
        .map(c -> org.apache.spark.sql.functions.col("`" + c + "`"))
        .toArray(org.apache.spark.sql.Column[]::new)), plan, syntheticSource);
    // Before any figure: both sides must spell every column alike, or the figures are artefacts.
    TableStatistics realStats = TableStatistics.of(real, plan);
    Set<String> ownLabels = config.privacy().controls().writtenLabels();
    SideAgreement.require(plan, realStats, synStats, syntheticSource, ownLabels);
    Table synSample = SampleCollector.collect(synthetic, real.schema(), synStats.rows(),
        ec.syntheticSampleRows(), config.seeds().seed("evaluate.subsample"), syntheticSource);
    console.detail(String.format(Locale.ROOT, "counted %,d synthetic rows (%d columns, %d pairs)"
        + " with Spark; collected a seeded subsample of %,d rows for model-based metrics (%.1fs)",
        synStats.rows(), plan.columns().size(), plan.pairCount(), synSample.rowCount(),
        (System.nanoTime() - start) / 1e9));
    Evaluator.Inputs inputs = new Evaluator.Inputs(plan, realStats, synStats,
        hold == null ? null : TableStatistics.of(hold, plan), realSample, synSample, hold,
        Evaluator.matched(plan, synSample, hold));
    Evaluator.Outcome outcome = Evaluator.evaluate(inputs, ec.settings(),
        config.seeds().child("evaluate"), console::detail, ownLabels);
    List<MetricResult> metrics = new ArrayList<>(outcome.metrics());
    Map<String, Object> summary = new LinkedHashMap<>(counts);
    summary.put("synthetic_rows_evaluated", synStats.rows());
    summary.put("synthetic_rows_sampled", synSample.rowCount());
    summary.put("model_kind", config.model().kind());
    summary.putAll(outcome.summary());
    List<MetricResult> privacy = PrivacyFigures.compute(config, training, holdout, synSample,
        counts, console);
    metrics.addAll(privacy);
    privacy.forEach(m -> summary.put(m.id(), m.value()));
    return new Report("Synthetic data report: " + config.input().path(), summary, metrics,
        provenance);
  }

  private static Table withEntityKey(Table table, Table modelled) {
    List<String> names = new ArrayList<>(modelled.schema().names());
    String key = table.schema().entityKey();
    if (key != null && table.schema().indexOf(key) >= 0) {
      names.add(key);
    }
    return table.select(names);
  }
}
