package org.synthehr.generator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.testing.LongitudinalTestData;
import org.synthehr.generator.TrainingContext;

class TrajectoryGanLearningTest {
  @Test
  void trainingMakesTrajectoriesClearlyMoreRealistic() {
    Cohort real = LongitudinalTestData.small(120, 12);
    double untrained;
    double trained;
    try (FittedTrajectorySynthesizer m = TrajectoryKinds.create(
        TrajectoryGanContractTest.small(1, 1e-7)).fit(real, TrainingContext.of(3))) {
      untrained = TrajectoryLearning.distance(real, m.sampleCohort(150, 1).cohort());
    }
    try (FittedTrajectorySynthesizer m = TrajectoryKinds.create(
        TrajectoryGanContractTest.small(80, 1e-3)).fit(real, TrainingContext.of(3))) {
      trained = TrajectoryLearning.distance(real, m.sampleCohort(150, 1).cohort());
    }
    assertTrue(trained < 0.6 * untrained, String.format(Locale.ROOT,
        "distance to the real cohort: trained %.3f, untrained %.3f", trained, untrained));
  }
}
