package org.synthehr.evaluator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.synthehr.core.longitudinal.Cohort;

class TrajectoryFidelityTest {
  @Test
  void aCohortMatchesItselfPerfectly() {
    Cohort real = Cohorts.sample().training();
    assertEquals(1.0, TrajectoryFidelity.marginals(real, real).value(), 1e-12);
    assertEquals(0.0, TrajectoryFidelity.autocorrelation(real, real).value(), 1e-12);
    assertEquals(0.0, TrajectoryFidelity.crossCorrelation(real, real).value(), 1e-12);
    assertEquals(0.0, TrajectoryFidelity.observationRates(real, real).value(), 1e-12);
    assertEquals(0.0, TrajectoryFidelity.neverCharted(real, real).value(), 1e-12);
  }

  @Test
  void newRealPatientsScoreWellAndBrokenOnesBadly() {
    Cohort real = Cohorts.sample().training();
    Cohort holdout = Cohorts.sample().holdout();
    double holdoutMarginals = TrajectoryFidelity.marginals(real, holdout).value();
    double scaledMarginals = TrajectoryFidelity.marginals(real, Cohorts.scaled(holdout, 1.3f))
        .value();
    assertTrue(holdoutMarginals > 0.85, "holdout " + holdoutMarginals);
    assertTrue(scaledMarginals < holdoutMarginals - 0.2, "scaled " + scaledMarginals);
    Cohort shuffled = Cohorts.shuffledInTime(holdout, 3);
    double acHoldout = TrajectoryFidelity.autocorrelation(real, holdout).value();
    double acShuffled = TrajectoryFidelity.autocorrelation(real, shuffled).value();
    assertTrue(acShuffled > 2 * acHoldout + 0.05, acHoldout + " vs shuffled " + acShuffled);
    assertTrue(TrajectoryFidelity.observationRates(real, holdout).value() < 0.05);
  }
}
