package org.synthehr.privacy.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synthehr.privacy.stats.RocFigures;
import org.synthehr.privacy.testing.PrivacyFixtures;

/**
 * Every black-box membership attack must flag a generator that copies its training rows (AUC near
 * 1) and find nothing in data drawn independently of the patients (AUC near 0.5).
 */
class MembershipAttacksTest {
  private static MembershipGame copying;
  private static MembershipGame independent;

  @BeforeAll
  static void games() {
    PrivacyFixtures.Splits s = PrivacyFixtures.splits();
    copying = MembershipGame.draw(s.training(), s.holdout(), s.training(), 500, 700, 1200, 1);
    independent = MembershipGame.draw(s.training(), s.holdout(),
        PrivacyFixtures.independentRandom(s.spare(), 1200, 3), 500, 700, 1200, 1);
  }

  private static void assertFlagsCopies(MembershipAttack attack) {
    RocFigures.Figures f = copying.play(attack, 100, 5).figures();
    System.out.println(attack.id() + " on copies: " + f);
    assertTrue(f.auc().value() > 0.95, attack.id() + " AUC on copied data: " + f.auc().value());
    assertTrue(f.tprAt1PctFpr().value() > 0.5, attack.id() + " TPR@1%: " + f.tprAt1PctFpr());
  }

  private static void assertFindsNothing(MembershipAttack attack) {
    RocFigures.Figures f = independent.play(attack, 100, 5).figures();
    System.out.println(attack.id() + " on independent data: " + f);
    assertEquals(0.5, f.auc().value(), 0.07, attack.id() + " AUC on independent data");
    assertTrue(f.auc().interval().low() < 0.5 + 0.02 && f.auc().interval().high() > 0.5 - 0.02,
        attack.id() + " interval " + f.auc().interval());
    assertTrue(f.tprAt1PctFpr().value() < 0.06, attack.id() + " TPR@1%: " + f.tprAt1PctFpr());
  }

  @Test
  void distanceAttackFlagsCopiesAndFindsNothingInIndependentData() {
    assertFlagsCopies(new DistanceAttack());
    assertFindsNothing(new DistanceAttack());
  }

  @Test
  void densityRatioAttackFlagsCopiesAndFindsNothingInIndependentData() {
    assertFlagsCopies(new DensityRatioAttack(0.3, 500, 7));
    assertFindsNothing(new DensityRatioAttack(0.3, 500, 7));
  }

  @Test
  void gameIsBalancedAndKeepsTargetsOutOfTheReference() {
    assertEquals(500, copying.members().rowCount());
    assertEquals(500, copying.nonMembers().rowCount());
    assertEquals(700, copying.knowledge().reference().rowCount());
  }
}
