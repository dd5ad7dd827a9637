package org.synthehr.spark.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.PrivacyAssessment;
import org.synthehr.privacy.PrivacyConfig;
import org.synthehr.privacy.PrivacyMetrics;
import org.synthehr.privacy.encode.DistanceSpace;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.jobs.Console;

/**
 * Every privacy row of a report, in one call from the evaluation: distance figures (exact and near
 * copies, DCR share, NNDR), what the disclosure controls did, and the attacks (membership inference
 * with shadow models trained as Spark tasks, attribute inference, singling out).
 */
public final class PrivacyFigures {
  /** Keys the pipeline puts in its figures for the disclosure controls. */
  public static final String COPIES_REMOVED = "synthetic_copies_removed";
  /** Rows drawn before copies were removed. */
  public static final String ROWS_DRAWN = "synthetic_rows_drawn";
  /** Rare categories merged or suppressed before training. */
  public static final String RARE_CATEGORIES = "rare_categories_controlled";
  /** Training cells changed by the rare-category control. */
  public static final String RARE_CELLS = "rare_category_cells_changed";

  private PrivacyFigures() {}

  /**
   * The privacy rows.
   *
   * @param training the training split (original rows, before disclosure controls)
   * @param holdout the holdout (empty: only the exact-match rate is computed)
   * @param synthetic the synthetic rows evaluated (a seeded subsample)
   * @param counts the run's figures (carries what the disclosure controls did)
   */
  public static List<MetricResult> compute(JobConfig config, Table training, Table holdout,
      Table synthetic, Map<String, Object> counts, Console console) {
    PrivacyConfig privacy = config.privacy();
    List<MetricResult> out = new ArrayList<>(disclosure(counts));
    if (holdout.rowCount() == 0) {
      console.detail("privacy: no holdout, so no distance baselines and no attacks"
          + " (set split.holdout_fraction > 0)");
      return out;
    }
    long t0 = System.nanoTime();
    out.addAll(PrivacyMetrics.compute(DistanceSpace.fit(training, holdout), training, holdout,
        synthetic, config.evaluate().privacyMaxSynthetic(), config.evaluate().privacyMaxReference(),
        privacy.attacks().nearMatchDistance(), config.seeds().seed("privacy.dcr")));
    for (MetricResult m : out) {
      if (m.baseline() != null) {
        console.detail(String.format(Locale.ROOT, "%s = %.4f (baseline %.4f)", m.id(), m.value(),
            m.baseline()));
      }
    }
    console.detail(String.format(Locale.ROOT, "privacy distances in %.1fs",
        (System.nanoTime() - t0) / 1e9));
    out.addAll(PrivacyAssessment.attacks(training, holdout, synthetic, privacy.attacks(),
        new SparkShadowTrainer(SparkSession.active(), config.model()),
        config.seeds().child("privacy"), console::detail));
    return out;
  }

  /** Report rows for what the disclosure controls did, from the run's figures. */
  static List<MetricResult> disclosure(Map<String, Object> counts) {
    List<MetricResult> out = new ArrayList<>();
    if (counts.get(COPIES_REMOVED) instanceof Number removed
        && counts.get(ROWS_DRAWN) instanceof Number drawn) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("rows_removed", removed.longValue());
      d.put("rows_drawn", drawn.longValue());
      out.add(MetricResult.of("privacy.disclosure.copies_removed_rate", "privacy",
          drawn.longValue() == 0 ? 0 : removed.doubleValue() / drawn.doubleValue(),
          Direction.LOWER_IS_BETTER, "Share of sampled rows that exactly copied a training row and"
              + " were removed before writing (a generator that memorises scores high)")
          .withDetails(d));
    }
    if (counts.get(RARE_CATEGORIES) instanceof Number cats) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("training_cells_changed", counts.getOrDefault(RARE_CELLS, 0));
      out.add(MetricResult.of("privacy.disclosure.rare_categories_controlled", "privacy",
          cats.doubleValue(), Direction.LOWER_IS_BETTER, "Categories held by fewer training rows"
              + " than privacy.controls.rare_category_min_count, merged or suppressed before"
              + " training (the model cannot emit them)").withDetails(d));
    }
    return out;
  }
}
