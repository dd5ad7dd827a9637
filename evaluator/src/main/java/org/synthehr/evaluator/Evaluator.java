package org.synthehr.evaluator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.config.EvaluationSettings;
import org.synthehr.evaluator.fairness.FairnessMetrics;
import org.synthehr.evaluator.fidelity.AlphaBetaMetric;
import org.synthehr.evaluator.fidelity.DetectionMetric;
import org.synthehr.evaluator.fidelity.FidelityMetrics;
import org.synthehr.evaluator.fidelity.QualityScore;
import org.synthehr.evaluator.model.Bootstrap;
import org.synthehr.evaluator.model.RowSampler;
import org.synthehr.evaluator.stats.SideAgreement;
import org.synthehr.evaluator.stats.StatisticsPlan;
import org.synthehr.evaluator.stats.TableStatistics;
import org.synthehr.evaluator.utility.BinaryOutcome;
import org.synthehr.evaluator.utility.UtilityMetrics;

/**
 * The whole evaluation of a synthetic table against real data: statistics-based fidelity (from
 * sufficient statistics, however they were counted), then the model-based figures (detection,
 * α-precision/β-recall, utility, fairness) on seeded subsamples held in memory. Every figure carries
 * the holdout's figure as its baseline when a holdout is given.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * What an evaluation reads.
   *
   * @param plan the statistics plan (from the real training data)
   * @param real statistics of the real training table
   * @param synthetic statistics of the synthetic table
   * @param holdout statistics of the holdout, or null
   * @param realSample real training rows for model-based metrics
   * @param syntheticSample synthetic rows for model-based metrics
   * @param holdoutSample holdout rows (baselines and the utility test set), or null
   * @param syntheticMatched statistics of synthetic rows as many as the holdout's (see
   *     {@link FidelityMetrics#compute(StatisticsPlan, TableStatistics, TableStatistics,
   *     TableStatistics, TableStatistics)}), or null
   */
  public record Inputs(StatisticsPlan plan, TableStatistics real, TableStatistics synthetic,
      TableStatistics holdout, Table realSample, Table syntheticSample, Table holdoutSample,
      TableStatistics syntheticMatched) {}

  /**
   * What an evaluation produced.
   *
   * @param metrics every figure, in report order
   * @param summary headline figures by name
   */
  public record Outcome(List<MetricResult> metrics, Map<String, Object> summary) {}

  /**
   * Inputs from in-memory tables: plan and statistics counted here (all rows), the tables themselves
   * as the samples.
   *
   * @param holdout the holdout, or null
   */
  public static Inputs inMemory(Table training, Table holdout, Table synthetic,
      EvaluationSettings settings) {
    StatisticsPlan plan = plan(training, settings);
    return new Inputs(plan, TableStatistics.of(training, plan), TableStatistics.of(synthetic, plan),
        holdout == null ? null : TableStatistics.of(holdout, plan), training, synthetic, holdout,
        matched(plan, synthetic, holdout));
  }

  /**
   * Statistics of a seeded subsample of synthetic rows as large as the holdout, or null when there
   * is no holdout or the synthetic rows are not clearly more numerous.
   */
  public static TableStatistics matched(StatisticsPlan plan, Table syntheticSample,
      Table holdout) {
    if (holdout == null || holdout.rowCount() == 0
        || syntheticSample.rowCount() < 1.1 * holdout.rowCount()) {
      return null;
    }
    return TableStatistics.of(RowSampler.sample(syntheticSample, holdout.rowCount(),
        0x5EEDL + holdout.rowCount()), plan);
  }

  /** The statistics plan of a real training table under these settings. */
  public static StatisticsPlan plan(Table training, EvaluationSettings settings) {
    return StatisticsPlan.fromReal(training.modelled(), settings.maxCuts(),
        settings.fairness().columns(), settings.fairness().minRows());
  }

  /** Runs every enabled metric. */
  public static Outcome evaluate(Inputs in, EvaluationSettings settings, Seeds seeds,
      Consumer<String> progress) {
    return evaluate(in, settings, seeds, progress, java.util.Set.of());
  }

  /**
   * Runs every enabled metric.
   *
   * @param ownLabels values the toolkit writes into categorical columns itself (the rare-category
   *     control's merge label): known to the side-agreement check, scored by the figures
   */
  public static Outcome evaluate(Inputs in, EvaluationSettings settings, Seeds seeds,
      Consumer<String> progress, java.util.Set<String> ownLabels) {
    SideAgreement.require(in.plan(), in.real(), in.synthetic(), "the synthetic data", ownLabels);
    Bootstrap bootstrap = new Bootstrap(settings.bootstrap(), settings.confidence());
    Map<String, Object> summary = new LinkedHashMap<>();
    long start = System.nanoTime();
    FidelityMetrics.Result fidelity = FidelityMetrics.compute(in.plan(), in.real(), in.synthetic(),
        in.holdout(), in.syntheticMatched());
    List<MetricResult> metrics = new ArrayList<>(fidelity.metrics());
    summary.put("overall_score", fidelity.quality().overall());
    summary.put("shape_score", fidelity.quality().shape());
    summary.put("trend_score", fidelity.quality().trend());
    if (fidelity.baseline() != null) {
      summary.put("baseline_overall_score", fidelity.baseline().overall());
    }
    progress.accept("fidelity: " + QualityScore.describe(fidelity.quality())
        + (fidelity.baseline() == null ? ""
            : "; holdout baseline " + QualityScore.describe(fidelity.baseline()))
        + String.format(Locale.ROOT, " (%.1fs)", seconds(start)));
    Table holdout = in.holdoutSample() == null || in.holdoutSample().rowCount() == 0 ? null
        : in.holdoutSample();
    if (settings.detection().enabled()) {
      start = System.nanoTime();
      List<MetricResult> d = DetectionMetric.compute(in.realSample(), in.syntheticSample(),
          holdout, settings.detection(), bootstrap, seeds.child("detection"));
      metrics.addAll(d);
      d.stream().filter(m -> m.id().equals("fidelity.detection.auc")).findFirst().ifPresent(m -> {
        summary.put("detection_auc", m.value());
      });
      double took = seconds(start);
      d.stream().filter(m -> m.id().equals("fidelity.detection.auc")).findFirst().ifPresent(m ->
          progress.accept(String.format(Locale.ROOT, "detection: AUC %.3f%s (%.1fs)", m.value(),
              m.baseline() == null ? "" : String.format(Locale.ROOT, ", holdout baseline %.3f",
                  m.baseline()), took)));
    }
    if (settings.support().enabled()) {
      start = System.nanoTime();
      List<MetricResult> s = AlphaBetaMetric.compute(in.realSample(), in.syntheticSample(),
          holdout, settings.support(), bootstrap, seeds.child("support"));
      metrics.addAll(s);
      s.forEach(m -> summary.put(m.id().substring(m.id().indexOf('.') + 1), m.value()));
      if (s.size() == 2) {
        progress.accept(String.format(Locale.ROOT, "support: alpha-precision %.3f, beta-recall"
            + " %.3f (%.1fs)", s.get(0).value(), s.get(1).value(), seconds(start)));
      }
    }
    UtilityMetrics.Result utility = null;
    String label = settings.utility().label() != null ? settings.utility().label()
        : in.realSample().schema().label();
    if (settings.utility().enabled() && holdout != null && label != null) {
      BinaryOutcome outcome = BinaryOutcome.resolve(in.realSample(), settings.utility(),
          in.realSample().schema().label());
      progress.accept("utility: predicting " + outcome.describe());
      utility = UtilityMetrics.compute(in.realSample(), in.syntheticSample(), holdout, outcome,
          settings.utility(), bootstrap, seeds.child("utility"), progress);
      metrics.addAll(utility.metrics());
      summary.put("utility_outcome", outcome.describe());
      for (MetricResult m : utility.metrics()) {
        if (m.id().endsWith(".auc")) {
          summary.put(m.id().replace('.', '_'), m.value());
        }
      }
    } else if (settings.utility().enabled()) {
      progress.accept(holdout == null ? "utility skipped: no holdout to test on"
          : "utility skipped: no outcome column (set evaluate.utility.label or pass --label)");
    }
    if (!in.plan().subgroups().isEmpty()) {
      List<MetricResult> f = FairnessMetrics.compute(in.plan(), in.real(), in.synthetic(),
          in.holdout(), utility, settings.fairness(), bootstrap, seeds.child("fairness"));
      metrics.addAll(f);
      f.stream().filter(m -> m.id().equals("fairness.flagged")).findFirst().ifPresent(m -> {
        summary.put("fairness_flagged", (int) m.value());
        progress.accept(String.format(Locale.ROOT, "fairness: %d subgroup(s) flagged",
            (int) m.value()));
      });
    }
    return new Outcome(metrics, summary);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
