package org.synthehr.privacy;

import java.util.List;
import java.util.Locale;
import org.synthehr.core.error.InvalidConfigException;

/**
 * The {@code privacy:} section of a job config: disclosure controls applied before anything is
 * written, and the attacks run on the release. Every key and its default is in the job defaults.
 *
 * @param controls disclosure controls
 * @param attacks privacy attacks
 */
public record PrivacyConfig(Controls controls, Attacks attacks) {

  public PrivacyConfig {
    controls = controls == null ? Controls.DEFAULTS : controls;
    attacks = attacks == null ? Attacks.DEFAULTS : attacks;
  }

  /** Defaults throughout. */
  public static final PrivacyConfig DEFAULTS = new PrivacyConfig(null, null);

  /**
   * {@code privacy.controls:} what is done to the data so the release cannot disclose it.
   *
   * @param rareCategoryMinCount categories seen fewer times than this in the training split are
   *     merged or suppressed before the model sees them (0 or 1 turns this off)
   * @param rareCategoryAction {@code merge} (into {@code other_label}; ordinal and boolean
   *     columns are suppressed instead, and a merged group still under the count is suppressed),
   *     {@code suppress} (set to missing) or {@code off}
   * @param otherLabel the category rare ones merge into
   * @param removeExactCopies drop synthetic rows identical to a training row (and count them)
   */
  public record Controls(int rareCategoryMinCount, String rareCategoryAction, String otherLabel,
      boolean removeExactCopies) {
    /** Defaults: merge categories seen fewer than 10 times, remove exact copies. */
    public static final Controls DEFAULTS = new Controls(10, "merge", "(other)", true);

    /**
     * Values these controls write into categorical columns themselves (the merge label when rare
     * categories are merged): never in the real data, yet not a spelling mismatch.
     */
    public java.util.Set<String> writtenLabels() {
      return rareCategoryAction.equals("merge") && rareCategoryMinCount > 1
          ? java.util.Set.of(otherLabel) : java.util.Set.of();
    }

    public Controls {
      rareCategoryAction = rareCategoryAction == null ? "merge"
          : rareCategoryAction.trim().toLowerCase(Locale.ROOT);
      otherLabel = otherLabel == null || otherLabel.isBlank() ? "(other)" : otherLabel;
      if (!List.of("merge", "suppress", "off").contains(rareCategoryAction)) {
        throw new InvalidConfigException("privacy.controls.rare_category_action must be merge,"
            + " suppress or off, got '" + rareCategoryAction + "'.");
      }
      if (rareCategoryMinCount < 0) {
        throw new InvalidConfigException("privacy.controls.rare_category_min_count must be 0 (off)"
            + " or positive, got " + rareCategoryMinCount + ".");
      }
    }

    /** Whether rare categories are changed at all. */
    public boolean rareCategoriesControlled() {
      return !rareCategoryAction.equals("off") && rareCategoryMinCount > 1;
    }
  }

  /**
   * {@code privacy.attacks:} the attacks run on a release and their sizes.
   *
   * @param enabled run the membership, attribute-inference and singling-out attacks
   * @param targets training members and holdout non-members each (TPR at 0.1% FPR needs >= 1000)
   * @param referenceRows holdout rows (besides the targets) given to the attacker as population
   *     data
   * @param syntheticRows synthetic rows the attacks use (seeded subsample)
   * @param shadowModels shadow trainings of the generator (0 turns the shadow-model attack off)
   * @param shadowCandidates records varied in and out of the shadow training sets
   * @param shadowTrainingRows rows each shadow trains on
   * @param densityBandwidth the density-ratio attack's kernel bandwidth, as a multiple of the
   *     median nearest-neighbour distance
   * @param quasiIdentifiers columns the attribute-inference attacker knows (empty: all but the
   *     secret)
   * @param secrets columns the attribute-inference attacker guesses (empty: the label, if any)
   * @param numericTolerance relative tolerance of a right numeric guess
   * @param singlingOutQueries predicates of the singling-out attack
   * @param singlingOutColumns columns per predicate
   * @param nearMatchDistance radius of a near-exact match in the distance space
   * @param bootstrap resamples of the bootstrap intervals
   */
  public record Attacks(boolean enabled, int targets, int referenceRows, int syntheticRows,
      int shadowModels, int shadowCandidates, int shadowTrainingRows, double densityBandwidth,
      List<String> quasiIdentifiers, List<String> secrets, double numericTolerance,
      int singlingOutQueries, int singlingOutColumns, double nearMatchDistance, int bootstrap) {
    /** Defaults sized for a full diabetes130 run in a few minutes with the copula. */
    public static final Attacks DEFAULTS = new Attacks(true, 2000, 10000, 20000, 8, 500, 5000,
        0.3, List.of(), List.of(), 0.05, 1000, 4, 0.5, 200);

    public Attacks {
      quasiIdentifiers = quasiIdentifiers == null ? List.of() : List.copyOf(quasiIdentifiers);
      secrets = secrets == null ? List.of() : List.copyOf(secrets);
      if (targets < 10 || referenceRows < 10 || syntheticRows < 10) {
        throw new InvalidConfigException("privacy.attacks.targets, reference_rows and"
            + " synthetic_rows must each be at least 10.");
      }
      if (shadowModels < 0 || shadowModels == 1) {
        throw new InvalidConfigException("privacy.attacks.shadow_models must be 0 (off) or at"
            + " least 2, got " + shadowModels + ".");
      }
      if (shadowModels > 0
          && (shadowCandidates < 10 || shadowTrainingRows <= shadowCandidates / 2)) {
        throw new InvalidConfigException("privacy.attacks.shadow_candidates must be at least 10 and"
            + " shadow_training_rows more than half of it.");
      }
      if (!(densityBandwidth > 0) || !(numericTolerance >= 0) || !(nearMatchDistance >= 0)) {
        throw new InvalidConfigException("privacy.attacks.density_bandwidth must be positive and"
            + " numeric_tolerance and near_match_distance non-negative.");
      }
      if (singlingOutQueries < 1 || singlingOutColumns < 1 || bootstrap < 10) {
        throw new InvalidConfigException("privacy.attacks.singling_out_queries and"
            + " singling_out_columns must be positive, bootstrap at least 10.");
      }
    }
  }
}
