package org.synthehr.generator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.testing.TrajectorySynthesizerContract;

class TrajectoryDiffusionContractTest extends TrajectorySynthesizerContract {
  /** A small, fast diffusion config. */
  static ModelConfig small(int epochs, double learningRate) {
    return small(epochs, learningRate, 80);
  }

  private static ObjectNode options(double learningRate) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("hidden", 32);
    o.put("layers", 1);
    o.put("heads", 2);
    o.put("diffusion_steps", 50);
    o.put("sampling_steps", 10);
    o.put("learning_rate", learningRate);
    o.put("ema_decay", 0.9);
    return o;
  }

  /** The small config with a given batch size. */
  static ModelConfig small(int epochs, double learningRate, int batch) {
    return new ModelConfig(TrajectoryDiffusionKind.ID, epochs, batch, "cpu", 0,
        options(learningRate));
  }

  @Override
  protected ModelConfig config() {
    // The budget is counted in epochs: batches of 40 give two optimizer steps per epoch on the
    // 80-patient contract cohort. Batches of 80 (the whole cohort) halve the steps, and the
    // observation outputs, which start at a 50% charting rate, then stop far short of the real
    // rates (HR charted in ~55% of synthetic steps against 96% of real ones).
    return small(100, 3e-3, PATIENTS / 2);
  }

  @Test
  void recalibratingWithTheTrainingSeedsGivesTheTrainedCalibration(@TempDir Path dir)
      throws IOException {
    model.save(dir.resolve("trained"));
    try (FittedTrajectorySynthesizer same = TrajectoryDiffusionSynthesizer.recalibrated(model,
            training, TrainingContext.of(11));
        FittedTrajectorySynthesizer other = TrajectoryDiffusionSynthesizer.recalibrated(model,
            training, TrainingContext.of(12))) {
      same.save(dir.resolve("same"));
      other.save(dir.resolve("other"));
    }
    for (String file : new String[] {FittedTrajectoryDiffusion.CALIBRATION,
        RealismCritic.SETTINGS}) {
      String trained = Files.readString(dir.resolve("trained").resolve(file));
      assertEquals(trained, Files.readString(dir.resolve("same").resolve(file)), file);
      assertNotEquals(trained, Files.readString(dir.resolve("other").resolve(file)), file);
    }
    assertArrayEquals(Files.readAllBytes(dir.resolve("trained").resolve(RealismCritic.PARAMETERS)),
        Files.readAllBytes(dir.resolve("same").resolve(RealismCritic.PARAMETERS)));
  }

  @Test
  void oneCandidateTrainsNoCriticAndKeepsEverySample(@TempDir Path dir) {
    ObjectNode o = options(3e-3);
    o.put("realism_candidates", 1);
    ModelConfig one = new ModelConfig(TrajectoryDiffusionKind.ID, 20, PATIENTS / 2, "cpu", 0, o);
    try (FittedTrajectorySynthesizer m = TrajectoryKinds.create(one).fit(training,
        TrainingContext.of(11))) {
      m.save(dir.resolve("one"));
      assertFalse(Files.exists(dir.resolve("one").resolve(RealismCritic.SETTINGS)));
      FittedTrajectoryDiffusion d = (FittedTrajectoryDiffusion) m;
      Seeds s = Seeds.of(5);
      assertEquals(cells(d.followed(d.sampleRaw(30, s), s).cohort()),
          cells(m.sampleCohort(30, 5).cohort()));
    }
  }

  @Test
  void anEmptyCohortIsEmpty() {
    assertEquals(0, model.sampleCohort(0, 1).cohort().size());
  }

  @Test
  void keptPatientsAreDistinctCandidatesInTheirOrder() {
    FittedTrajectoryDiffusion d = (FittedTrajectoryDiffusion) model;
    assertTrue(d.critic() != null, "the default trains a critic");
    assertTrue(d.critic().settings().balance() != null, "and keeps the training deciles");
    int candidates = d.options().realismCandidates();
    Seeds s = Seeds.of(6);
    List<String> pool = new ArrayList<>();
    for (String c : cells(d.followed(d.sampleRaw(0, 10 * candidates, s), s).cohort())) {
      pool.add(c.substring(c.indexOf('|')));
    }
    List<String> kept = cells(model.sampleCohort(10, 6).cohort());
    int last = -1;
    for (int i = 0; i < kept.size(); i++) {
      // Ids aside, patient i is a candidate after patient i - 1's.
      String mine = kept.get(i).substring(kept.get(i).indexOf('|'));
      int at = pool.subList(last + 1, pool.size()).indexOf(mine);
      assertTrue(at >= 0, "patient " + i + " is none of the candidates after the last kept");
      last += at + 1;
    }
  }
}
