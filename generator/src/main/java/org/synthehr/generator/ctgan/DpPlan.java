package org.synthehr.generator.ctgan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.generator.dp.DpAccounting;
import org.synthehr.generator.dp.PrivacyBudget;
import org.synthehr.generator.model.ModelConfig;

/**
 * The resolved DP-SGD plan of a dp-ctgan training: sampling rate q = batch_size / n, delta, the
 * noise multiplier (given, or the smallest that fits the planned steps into the budget) and the
 * budget the training loop asks before every critic step. A plan over budget is refused here, before
 * any work, unless {@code on_budget: stop} was asked for.
 *
 * @param samplingRate q
 * @param delta delta of the guarantee
 * @param noiseMultiplier sigma
 * @param plannedSteps critic steps of the configured epochs
 * @param budget the budget
 * @param dp the settings
 * @param rows n
 */
record DpPlan(double samplingRate, double delta, double noiseMultiplier, long plannedSteps,
    PrivacyBudget budget, DpOptions dp, int rows) {

  static DpPlan of(DpOptions dp, ModelConfig config, CtganOptions options, int rows) {
    if (config.batchSize() >= rows) {
      throw new InvalidConfigException(String.format(Locale.ROOT, "model.batch_size (%d) must be"
          + " smaller than the %,d training rows for differentially private training: each row"
          + " joins a step's batch with probability batch_size / rows. Lower model.batch_size.",
          config.batchSize(), rows));
    }
    double q = (double) config.batchSize() / rows;
    double delta = dp.deltaFor(rows);
    long stepsPerEpoch = (long) Math.max(rows / config.batchSize(), 1)
        * options.discriminatorSteps();
    long planned = stepsPerEpoch * config.epochs();
    double sigma;
    if (dp.noiseMultiplier() != null) {
      sigma = dp.noiseMultiplier();
    } else {
      sigma = PrivacyBudget.noiseMultiplierFor(dp.epsilon(), delta, q, planned);
      if (Double.isInfinite(sigma)) {
        throw new InvalidConfigException(String.format(Locale.ROOT, "No noise multiplier keeps"
            + " %,d private steps at sampling rate %.4g within epsilon %.3g. Fix: fewer epochs, a"
            + " smaller model.batch_size, or a larger model.options.dp.epsilon.", planned, q,
            dp.epsilon()));
      }
    }
    PrivacyBudget budget = PrivacyBudget.of(dp.epsilon(), delta, q, sigma);
    if (!dp.stopAtBudget()) {
      budget.refuse(planned, stepsPerEpoch);
    }
    return new DpPlan(q, delta, sigma, planned, budget, dp, rows);
  }

  /** One line for the progress output. */
  String describe() {
    long fit = Math.min(budget.maxSteps(), plannedSteps);
    return String.format(Locale.ROOT, "dp-ctgan: DP-SGD on the critic, epsilon budget %.3g at delta"
        + " %.3g, noise multiplier %.4g%s, clip norm %.3g, sampling rate %.4g; %,d of %,d planned"
        + " steps fit (epsilon %.3f); noise %s", dp.epsilon(), delta, noiseMultiplier,
        dp.noiseMultiplier() == null ? " (auto)" : "", dp.maxGradNorm(), samplingRate, fit,
        plannedSteps, budget.epsilonAfter(fit), dp.secureNoise() ? "from OS entropy"
            : "from the run seed (reproducible; no guarantee against whoever holds the seed)");
  }

  /** The accounting after training. */
  DpAccounting accounting(PrivacyBudget spent) {
    List<String> outside = new ArrayList<>(List.of(
        "mode-specific normalisation of numeric columns: each column's Gaussian-mixture fit (mode"
            + " means, standard deviations, weights) and its observed minimum and maximum"
            + " (generated values are clipped to them)",
        "category vocabularies of discrete columns (after rare-category control) and their"
            + " frequencies, which drive the conditional vectors in training and sampling",
        "which columns have missing values",
        "the number of training rows n (it sets the sampling rate and delta = 1/n)"));
    if (!dp.secureNoise()) {
      outside.add("the noise was derived from the run seed (noise: seeded): whoever holds the seed"
          + " can recompute it, so the guarantee holds only against those who do not");
    }
    return new DpAccounting("DP-SGD on the CTGAN critic (per-row clipping incl. the WGAN-GP"
        + " term, Gaussian noise, Poisson sampling); the generator only sees the critic",
        "one training row (pac = 1); a patient with k rows is covered by group privacy, at roughly"
            + " k times epsilon", dp.epsilon(), spent.spent(), delta, noiseMultiplier,
        dp.maxGradNorm(), samplingRate, spent.steps(), plannedSteps, rows, dp.secureNoise(),
        "Rényi DP of the sampled Gaussian mechanism (Mironov et al. 2019), converted at the best"
            + " order with Balle et al. 2020", outside);
  }
}
