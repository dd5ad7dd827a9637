package org.synthehr.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.attack.AttackResult;
import org.synthehr.privacy.attack.DensityRatioAttack;
import org.synthehr.privacy.attack.DistanceAttack;
import org.synthehr.privacy.attack.MembershipAttack;
import org.synthehr.privacy.attack.MembershipGame;
import org.synthehr.privacy.attack.ShadowModelAttack;
import org.synthehr.privacy.attack.ShadowTrainer;
import org.synthehr.privacy.inference.AttributeInferenceAttack;
import org.synthehr.privacy.inference.InferenceRisk;
import org.synthehr.privacy.inference.SinglingOutAttack;

/**
 * Runs the privacy attacks on a release, as an attacker would: membership inference (distance,
 * density-ratio and, given a way to retrain the generator, shadow models) on a balanced set of
 * training members and holdout non-members, attribute inference for each secret column and singling
 * out, each against its control. Every figure is a report row.
 */
public final class PrivacyAssessment {
  private PrivacyAssessment() {}

  /**
   * The attack rows of the report.
   *
   * @param training the training split (the patients to protect)
   * @param holdout the holdout (non-members, attacker reference data and control records)
   * @param synthetic the released rows
   * @param config attack sizes and columns
   * @param shadows retrains the generator for the shadow-model attack, or null to skip it
   * @param seeds the streams of the attacks
   * @param progress one line per attack, for the console
   */
  public static List<MetricResult> attacks(Table training, Table holdout, Table synthetic,
      PrivacyConfig.Attacks config, ShadowTrainer shadows, Seeds seeds,
      Consumer<String> progress) {
    List<MetricResult> out = new ArrayList<>();
    if (!config.enabled()) {
      return out;
    }
    if (holdout.rowCount() < 20 || training.rowCount() < 10 || synthetic.rowCount() < 10) {
      progress.accept("privacy attacks skipped: they need at least 10 training, 20 holdout and 10"
          + " synthetic rows");
      return out;
    }
    MembershipGame game = MembershipGame.draw(training, holdout, synthetic, config.targets(),
        config.referenceRows(), config.syntheticRows(), seeds.seed("mia.game"));
    List<MembershipAttack> attacks = new ArrayList<>();
    attacks.add(new DistanceAttack());
    attacks.add(new DensityRatioAttack(config.densityBandwidth(), 1000, seeds.seed("mia.density")));
    int pool = game.knowledge().reference().rowCount();
    if (shadows != null && config.shadowModels() >= 2 && pool >= 40) {
      int candidates = Math.min(config.shadowCandidates(), pool / 2);
      int trainRows = Math.min(config.shadowTrainingRows(), pool - candidates + candidates / 2);
      // Shadows sample as many rows as the attacker holds of the release: neighbourhood features
      // depend on the synthetic set's size.
      attacks.add(new ShadowModelAttack(shadows, config.shadowModels(), candidates,
          Math.max(trainRows, candidates / 2 + 1), game.knowledge().synthetic().rowCount(),
          seeds.seed("mia.shadow")));
    }
    for (MembershipAttack a : attacks) {
      long t0 = System.nanoTime();
      AttackResult r = game.play(a, config.bootstrap(), seeds.seed("mia.bootstrap." + a.id()));
      progress.accept(String.format(Locale.ROOT, "membership attack %-13s AUC %.3f [%.3f, %.3f],"
          + " TPR@1%%FPR %.3f, TPR@0.1%%FPR %.3f (%d+%d targets, %.1fs)", a.id(),
          r.figures().auc().value(), r.figures().auc().interval().low(),
          r.figures().auc().interval().high(), r.figures().tprAt1PctFpr().value(),
          r.figures().tprAt01PctFpr().value(), r.members(), r.nonMembers(),
          (System.nanoTime() - t0) / 1e9));
      out.addAll(r.metrics());
    }
    Table released = game.knowledge().synthetic();
    for (String secret : secrets(training, config)) {
      List<String> known = config.quasiIdentifiers().isEmpty()
          ? AttributeInferenceAttack.allBut(training, secret)
          : config.quasiIdentifiers().stream().filter(c -> !c.equals(secret)).toList();
      check(training, known, "privacy.attacks.quasi_identifiers");
      InferenceRisk r = new AttributeInferenceAttack(known, secret, config.numericTolerance())
          .run(released, game.members(), game.nonMembers(), seeds.seed("inference." + secret));
      progress.accept(describe("attribute inference '" + secret + "'", r));
      out.add(r.metric());
    }
    InferenceRisk so = new SinglingOutAttack(config.singlingOutQueries(),
        config.singlingOutColumns()).run(released, training, holdout, seeds.seed("singling_out"));
    progress.accept(describe("singling out", so));
    out.add(so.metric());
    return out;
  }

  private static List<String> secrets(Table training, PrivacyConfig.Attacks config) {
    if (!config.secrets().isEmpty()) {
      check(training, config.secrets(), "privacy.attacks.secrets");
      return config.secrets();
    }
    String label = training.schema().label();
    return label == null ? List.of() : List.of(label);
  }

  private static void check(Table training, List<String> columns, String key) {
    List<String> modelled = training.schema().modelled().names();
    List<String> unknown = columns.stream().filter(c -> !modelled.contains(c)).toList();
    if (!unknown.isEmpty()) {
      throw new InvalidConfigException(key + " names " + String.join(", ", unknown)
          + ", which are not modelled columns of the input. Fix: use some of " + String.join(", ",
              modelled) + ".");
    }
  }

  private static String describe(String what, InferenceRisk r) {
    return String.format(Locale.ROOT, "%s risk %.3f [%.3f, %.3f] (attack %.3f, control %.3f,"
        + " baseline %.3f, %d attempts)", what, r.risk().value(), r.risk().interval().low(),
        r.risk().interval().high(), r.attack().value(), r.control().value(),
        r.baseline().value(), r.attack().trials());
  }
}
