package org.synthehr.spark.longitudinal;

import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSplit;
import org.synthehr.core.longitudinal.PlausibilityReport;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.Report;
import org.synthehr.core.seed.Seeds;
import org.synthehr.evaluator.longitudinal.LongitudinalEvaluation;
import org.synthehr.evaluator.longitudinal.TrajectoryReportPage;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.generator.longitudinal.TwinForecast;
import org.synthehr.generator.longitudinal.TwinRequest;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.jobs.Console;

/**
 * The evaluation stage of the longitudinal path, shared by {@code pipeline} and {@code evaluate}:
 * digital twins of holdout patients, then every longitudinal metric against the real training and
 * holdout patients, written as {@code report.json} and {@code report.html}.
 */
final class LongitudinalAssessment {
  private LongitudinalAssessment() {}

  /**
   * Forecasts twins, evaluates, and writes the two report files into {@code dir}.
   *
   * @param step the console step of the twins (evaluation is the next)
   * @param summary the run's figures so far (rows, seconds); the evaluation's are added
   */
  static Report run(FileStore store, Path dir, LongitudinalJobConfig config,
      FittedTrajectorySynthesizer model, PreparedCohort cohort, Cohort syn,
      PlausibilityReport raw, Map<String, Object> summary, Provenance provenance,
      Console console, int step, int steps) {
    Seeds seeds = config.seeds();
    CohortSplit split = cohort.split();
    LongitudinalJobConfig.Twins tw = config.evaluate().twins();
    Cohort twinOf = null;
    TwinForecast twins = null;
    int cut = Math.min(tw.historySteps(), model.schema().steps() - 1);
    int horizon = Math.min(tw.horizonSteps(), model.schema().steps() - cut);
    if (tw.patients() > 0) {
      twinOf = CohortSplit.atMost(inStayAt(split.holdout(), cut), tw.patients(),
          seeds.seed("twins.patients"));
      console.step(step, steps, String.format(Locale.ROOT, "digital twins: %d futures of %,d"
          + " holdout patients after step %d", tw.samples(), twinOf.size(), cut));
      twins = twinOf.size() == 0 ? null : model.sampleTwins(new TwinRequest(twinOf, cut,
          horizon, tw.samples(), seeds.seed("twins")));
    } else {
      console.step(step, steps, "digital twins: skipped (evaluate.twins.patients = 0)");
    }
    console.step(step + 1, steps, "evaluate");
    Cohort realTrain = CohortSplit.atMost(cohort.train(), config.evaluate().maxPatients(),
        seeds.seed("evaluate.train"));
    Cohort holdout = CohortSplit.atMost(split.holdout(), config.evaluate().maxPatients(),
        seeds.seed("evaluate.holdout"));
    LongitudinalEvaluation.Result eval = LongitudinalEvaluation.evaluate(
        new LongitudinalEvaluation.Inputs(realTrain, holdout, syn, raw,
            twins == null ? null : twins.samples(), twinOf, cut, horizon, tw.interval(),
            config.evaluate().tstrTarget(), config.evaluate().maxDiscriminative()),
        seeds.child("evaluate"));
    summary.putAll(eval.summary());
    Report report = new Report("Longitudinal synthetic data report: " + config.model().kind(),
        summary, eval.metrics(), provenance);
    eval.metrics().forEach(m -> console.detail(String.format(Locale.ROOT, "%-36s %.4f%s%s",
        m.id(), m.value(), m.baseline() == null ? "" : String.format(Locale.ROOT,
            " (baseline %.4f)", m.baseline()), m.passed() == null ? "" : m.passed()
            ? " pass" : " FAIL")));
    store.writeJson(new Path(dir, "report.json"), report);
    store.writeString(new Path(dir, "report.html"), TrajectoryReportPage.html(report,
        holdout, syn, twinOf, twins == null ? null : twins.samples(), cut));
    return report;
  }

  static Cohort inStayAt(Cohort c, int cut) {
    int[] rows = java.util.stream.IntStream.range(0, c.size()).filter(p -> c.end(p) > cut)
        .toArray();
    return c.take(rows);
  }
}
