package org.synthehr.spark.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.fidelity.QualityScore;
import org.synthehr.spark.privacy.PrivacyFigures;
import org.synthehr.spark.config.JobConfig;

/** Builds the report of a synthetic table against the training split and the holdout. */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Fidelity (with the holdout as the "new real data" baseline) and first privacy figures.
   *
   * @param counts row counts to show in the summary
   */
  public static Report report(JobConfig config, Table training, Table holdout, Table synthetic,
      Map<String, Object> counts, Provenance provenance, Console console) {
    Table real = training.head(config.evaluate().maxRows());
    QualityScore.Result quality = QualityScore.score(real, synthetic);
    QualityScore.Result baseline = holdout.rowCount() > 0 ? QualityScore.score(real, holdout) : null;
    List<MetricResult> metrics = new ArrayList<>(quality.metrics(baseline));
    metrics.addAll(PrivacyFigures.compute(config, training, holdout, synthetic, counts, console));
    Map<String, Object> summary = new LinkedHashMap<>(counts);
    summary.put("model_kind", config.model().kind());
    summary.put("overall_score", quality.overall());
    summary.put("shape_score", quality.shape());
    summary.put("trend_score", quality.trend());
    if (baseline != null) {
      summary.put("baseline_overall_score", baseline.overall());
    }
    metrics.stream().filter(m -> m.group().equals("privacy"))
        .forEach(m -> summary.put(m.id(), m.value()));
    console.detail("fidelity: " + QualityScore.describe(quality)
        + (baseline == null ? "" : "; holdout baseline " + QualityScore.describe(baseline)));
    return new Report("Synthetic data report: " + config.input().path(), summary, metrics,
        provenance);
  }
}
