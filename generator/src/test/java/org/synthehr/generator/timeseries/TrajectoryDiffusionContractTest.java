package org.synthehr.generator.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.trajectory.FittedTrajectorySynthesizer;
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
    String trained = calibration(dir.resolve("trained"));
    assertEquals(trained, calibration(dir.resolve("same")));
    assertNotEquals(trained, calibration(dir.resolve("other")));
  }

  private static String calibration(Path model) throws IOException {
    return Files.readString(model.resolve(FittedTrajectoryDiffusion.CALIBRATION));
  }
}
