package org.synthehr.evaluator.longitudinal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.PlausibilityReport;
import org.synthehr.core.longitudinal.PlausibilityRules;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;

/**
 * Every longitudinal metric of one synthetic cohort: fidelity (with the holdout as the "new real
 * data" baseline), discriminative and predictive scores, outcome utility (TSTR vs TRTR),
 * plausibility and, when given, digital-twin forecasts.
 */
public final class LongitudinalEvaluation {
  private LongitudinalEvaluation() {}

  /**
   * What to evaluate.
   *
   * @param train real training patients (a subsample is fine)
   * @param holdout real patients the model never saw
   * @param synthetic synthetic patients (rules applied)
   * @param rawViolations rule violations of the raw synthetic output
   * @param twins twin samples of holdout patients (history + future), or null
   * @param twinPatients the holdout patients the twins are of, or null
   * @param cut first future step of the twins
   * @param horizon future steps scored
   * @param interval central interval level of the coverage
   * @param tstrTarget the TSTR/TRTR ratio to check against
   * @param maxDiscriminative at most this many patients per side in the discriminative score
   */
  public record Inputs(Cohort train, Cohort holdout, Cohort synthetic,
      PlausibilityReport rawViolations, List<Cohort> twins, Cohort twinPatients, int cut,
      int horizon, double interval, double tstrTarget, int maxDiscriminative) {}

  /**
   * The results.
   *
   * @param metrics every metric in report order
   * @param summary headline figures by name
   */
  public record Result(List<MetricResult> metrics, Map<String, Object> summary) {}

  /** Evaluates; {@code seeds} seeds every split and classifier. */
  public static Result evaluate(Inputs in, Seeds seeds) {
    List<MetricResult> m = new ArrayList<>();
    m.addAll(TrajectoryFidelity.all(in.train(), in.synthetic(), in.holdout()));
    MetricResult disc = DiscriminativeScore.score(in.holdout(), in.synthetic(),
        in.maxDiscriminative(), BinaryClassifier.Kind.RANDOM_FOREST, seeds.seed("discriminative"));
    MetricResult discBase = DiscriminativeScore.score(in.holdout(), in.train(),
        in.maxDiscriminative(), BinaryClassifier.Kind.RANDOM_FOREST, seeds.seed("discriminative"));
    m.add(disc.withBaseline(discBase.value()).withCheck(0.15, disc.value() <= 0.15));
    m.add(DiscriminativeScore.score(in.holdout(), in.synthetic(), in.maxDiscriminative(),
        BinaryClassifier.Kind.LOGISTIC, seeds.seed("discriminative")));
    MetricResult grid = DiscriminativeScore.grid(in.holdout(), in.synthetic(),
        in.maxDiscriminative(), seeds.seed("discriminative.grid"));
    MetricResult gridBase = DiscriminativeScore.grid(in.holdout(), in.train(),
        in.maxDiscriminative(), seeds.seed("discriminative.grid"));
    m.add(grid.withBaseline(gridBase.value()).withCheck(0.15, grid.value() <= 0.15));
    m.add(PredictiveScore.score(in.train(), in.holdout(), in.synthetic(), seeds.seed("predictive")));
    m.addAll(utility(in.train(), in.holdout(), in.synthetic(), in.tstrTarget(), seeds));
    PlausibilityRules rules = PlausibilityRules.learn(in.train(), PlausibilityRules.DEFAULT_TAIL);
    if (in.rawViolations() != null) {
      m.addAll(PlausibilityMetrics.of(in.rawViolations(), rules.check(in.holdout())));
    }
    if (in.twins() != null && !in.twins().isEmpty()) {
      m.addAll(TwinScores.score(in.twinPatients(), in.twins(), in.cut(), in.horizon(),
          in.interval()));
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    for (String id : List.of("trajectory.marginals", "trajectory.observation_rate_diff",
        "trajectory.discriminative", DiscriminativeScore.GRID, "trajectory.predictive_mae",
        "utility.tstr_auc",
        "utility.tstr_trtr_ratio", "twins.coverage", "twins.crps", "twins.outcome_auc")) {
      m.stream().filter(x -> x.id().equals(id)).findFirst().ifPresent(x -> {
        summary.put(id, x.value());
        if (x.baseline() != null) {
          summary.put(id + ".baseline", x.baseline());
        }
      });
    }
    return new Result(m, summary);
  }

  private static List<MetricResult> utility(Cohort train, Cohort holdout, Cohort synthetic,
      double tstrTarget, Seeds seeds) {
    List<MetricResult> m = new ArrayList<>();
    m.addAll(MortalityUtility.score(train, holdout, synthetic,
        BinaryClassifier.Kind.RANDOM_FOREST, tstrTarget, seeds.seed("tstr")));
    m.addAll(MortalityUtility.score(train, holdout, synthetic,
        BinaryClassifier.Kind.LOGISTIC, tstrTarget, seeds.seed("tstr")));
    return m;
  }

  /**
   * The figures of {@link #evaluate} that change most from one synthetic sample to the next: the
   * discriminative scores and TSTR/TRTR with both classifiers. A single sample can sit well off
   * their mean (TSTR/TRTR spread 0.86-0.93 over samples and classifier seeds on physionet2012-a),
   * so a benchmark repeats them over further samples with further seeds.
   *
   * @param train real training patients
   * @param holdout real patients the model never saw
   * @param synthetic one synthetic sample
   * @param maxDiscriminative at most this many patients per side in the discriminative score
   * @param tstrTarget the TSTR/TRTR ratio to check against
   * @param seeds seeds the classifiers and splits
   */
  public static List<MetricResult> perSample(Cohort train, Cohort holdout, Cohort synthetic,
      int maxDiscriminative, double tstrTarget, Seeds seeds) {
    List<MetricResult> m = new ArrayList<>();
    for (BinaryClassifier.Kind kind : BinaryClassifier.Kind.values()) {
      m.add(DiscriminativeScore.score(holdout, synthetic, maxDiscriminative, kind,
          seeds.seed("discriminative")));
    }
    m.add(DiscriminativeScore.grid(holdout, synthetic, maxDiscriminative,
        seeds.seed("discriminative.grid")));
    m.addAll(utility(train, holdout, synthetic, tstrTarget, seeds));
    return m;
  }
}
