package org.synthehr.privacy.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.stats.SuccessRate;
import org.synthehr.privacy.testing.PrivacyFixtures;

/**
 * Anonymeter-style attacks flag a generator that copies its training rows and find no risk in data
 * drawn independently of the patients.
 */
class InferenceAttacksTest {
  private static final List<String> KNOWN = List.of("age", "gender", "race", "admission_type_id",
      "time_in_hospital", "num_lab_procedures", "num_medications", "number_diagnoses");

  private final PrivacyFixtures.Splits s = PrivacyFixtures.splits(1200, 1200);
  private final Table training = s.training();
  private final Table targets = training.head(500);
  private final Table controls = s.holdout().head(500);

  @Test
  void attributeInferenceFlagsCopiesNotIndependentData() {
    AttributeInferenceAttack a = new AttributeInferenceAttack(KNOWN, "diag_1", 0.05);
    InferenceRisk copy = a.run(training, targets, controls, 1);
    System.out.println("attribute inference on copies: " + copy);
    assertTrue(copy.attack().value() > 0.9, "attack rate " + copy.attack());
    assertTrue(copy.risk().value() > 0.7, "risk " + copy.risk());
    InferenceRisk indep = a.run(PrivacyFixtures.independentRandom(s.spare(), 1200, 3), targets,
        controls, 1);
    System.out.println("attribute inference on independent data: " + indep);
    assertEquals(0.0, indep.risk().value(), 0.05, "risk " + indep.risk());
    assertTrue(indep.risk().interval().low() <= 0 && indep.risk().interval().high() >= 0);
  }

  @Test
  void numericSecretsUseARelativeTolerance() {
    AttributeInferenceAttack a = new AttributeInferenceAttack(KNOWN.subList(0, 4),
        "num_medications", 0.05);
    InferenceRisk copy = a.run(training, targets, controls, 1);
    assertTrue(copy.risk().value() > 0.15, "risk " + copy.risk());
    assertTrue(copy.attack().value() > copy.control().value() + copy.control().error());
  }

  @Test
  void singlingOutFlagsCopiesNotIndependentData() {
    SinglingOutAttack a = new SinglingOutAttack(200, 4);
    InferenceRisk copy = a.run(training, training, s.holdout(), 2);
    System.out.println("singling out on copies: " + copy);
    assertTrue(copy.attack().value() > 0.9, "attack rate " + copy.attack());
    assertTrue(copy.risk().value() > 0.5, "risk " + copy.risk());
    InferenceRisk indep = a.run(PrivacyFixtures.independentRandom(s.spare(), 1200, 3), training,
        s.holdout(), 2);
    System.out.println("singling out on independent data: " + indep);
    assertEquals(0.0, indep.risk().value(), 0.1, "risk " + indep.risk());
  }

  @Test
  void wilsonIntervalAndRiskFormula() {
    SuccessRate r = SuccessRate.of(0, 10);
    assertTrue(r.value() > 0 && r.interval().low() == 0, "Wilson centre is pulled off 0");
    SuccessRate half = SuccessRate.of(50, 100);
    assertEquals(0.5, half.value(), 1e-12);
    assertEquals(0.0962, half.error(), 1e-3);
    SuccessRate.RiskEstimate risk = SuccessRate.risk(SuccessRate.of(80, 100),
        SuccessRate.of(60, 100));
    SuccessRate a = SuccessRate.of(80, 100);
    SuccessRate c = SuccessRate.of(60, 100);
    assertEquals((a.value() - c.value()) / (1 - c.value()), risk.value(), 1e-12);
    assertTrue(risk.interval().low() < risk.value() && risk.interval().high() > risk.value());
  }

  @Test
  void riskRowCarriesTheThreeRates() {
    InferenceRisk r = new SinglingOutAttack(50, 3).run(training, training, s.holdout(), 3);
    MetricResult m = r.metric();
    assertEquals(SinglingOutAttack.ID, m.id());
    assertTrue(m.details().containsKey("control_rate") && m.details().containsKey("baseline_rate"));
  }
}
