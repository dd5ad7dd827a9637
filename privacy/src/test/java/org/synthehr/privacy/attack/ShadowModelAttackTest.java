package org.synthehr.privacy.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.stats.RocFigures;
import org.synthehr.privacy.testing.CopyingSynthesizer;
import org.synthehr.privacy.testing.IndependentSynthesizer;
import org.synthehr.privacy.testing.PrivacyFixtures;

/** The shadow-model attack flags a copying generator and finds nothing in independent data. */
class ShadowModelAttackTest {

  private static RocFigures.Figures attack(MembershipGame game, ShadowTrainer trainer) {
    ShadowModelAttack a = new ShadowModelAttack(trainer, 4, 200, 500, 1200, 9);
    RocFigures.Figures f = game.play(a, 100, 5).figures();
    System.out.println("shadow_model: " + f);
    return f;
  }

  @Test
  void flagsAGeneratorThatCopiesItsTrainingRows() {
    PrivacyFixtures.Splits s = PrivacyFixtures.splits();
    // The release is the training table itself; the shadows copy (with replacement) theirs.
    MembershipGame game = MembershipGame.draw(s.training(), s.holdout(), s.training(), 400, 800,
        1200, 2);
    RocFigures.Figures f = attack(game, new LocalShadowTrainer(CopyingSynthesizer::new, null));
    assertTrue(f.auc().value() > 0.9, "AUC " + f.auc());
    assertTrue(f.tprAt1PctFpr().value() > 0.3, "TPR@1% " + f.tprAt1PctFpr());
  }

  @Test
  void findsNothingInIndependentData() {
    PrivacyFixtures.Splits s = PrivacyFixtures.splits();
    IndependentSynthesizer gen = new IndependentSynthesizer(s.spare());
    Table released = gen.fit(s.training(), null)
        .sample(org.synthehr.generator.SampleRequest.of(1200, 1));
    MembershipGame game = MembershipGame.draw(s.training(), s.holdout(), released, 400, 800,
        1200, 2);
    RocFigures.Figures f = attack(game, new LocalShadowTrainer(() -> gen, null));
    assertEquals(0.5, f.auc().value(), 0.07, "AUC " + f.auc());
  }

  @Test
  void plansVaryEachCandidateAcrossShadowsAndAreDeterministic() {
    PrivacyFixtures.Splits s = PrivacyFixtures.splits();
    MembershipGame game = MembershipGame.draw(s.training(), s.holdout(), s.spare(), 100, 800, 500,
        2);
    List<List<ShadowPlan>> seen = new ArrayList<>();
    ShadowTrainer recording = (pool, plans) -> {
      seen.add(plans);
      return new LocalShadowTrainer(CopyingSynthesizer::new, null).trainAndSample(pool, plans);
    };
    ShadowModelAttack a = new ShadowModelAttack(recording, 3, 50, 120, 100, 4);
    a.scores(game.knowledge(), game.members(), game.knowledge().space().encode(game.members()));
    a.scores(game.knowledge(), game.members(), game.knowledge().space().encode(game.members()));
    assertEquals(3, seen.get(0).size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(seen.get(0).get(i).trainingRows(), seen.get(1).get(i).trainingRows());
      assertEquals(seen.get(0).get(i).seed(), seen.get(1).get(i).seed());
      assertTrue(seen.get(0).get(i).trainingRows().length >= 95);
    }
  }
}
