package org.synthehr.generator.ctgan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Table;
import org.synthehr.generator.Condition;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.codec.ColumnEncoding;
import org.synthehr.generator.codec.SampleConditions;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.generator.testing.QualityScorer;
import org.synthehr.generator.testing.SynthesizerContract;

/**
 * CTGAN passes the synthesizer contract with small networks and a few epochs; training measurably
 * learns; and the trained generator follows its conditional vector on every discrete column.
 */
class CtganContractTest extends SynthesizerContract {
  /**
   * A CTGAN small enough to train on the contract table in seconds: half-width networks and, for a
   * run this short, a higher learning rate than the paper's 2e-4 (at 1e-3 the marginals swing from
   * epoch to epoch; at 5e-4 with 128-wide layers they settle within a few points across seeds).
   */
  static ModelConfig smallConfig(int epochs) {
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    options.put("embedding_dim", 64);
    options.put("generator_lr", 5e-4);
    options.put("discriminator_lr", 5e-4);
    options.putArray("generator_dims").add(128).add(128);
    options.putArray("discriminator_dims").add(128).add(128);
    return ModelConfig.of("ctgan").withEpochs(epochs).withBatchSize(100).withOptions(options);
  }

  @Override
  protected ModelConfig config() {
    return smallConfig(80);
  }

  /**
   * 480 generator steps on 600 rows leave a GAN's marginals a few points off: over training seeds
   * 1-7 and 11 the widest miss was medical_specialty's missing rate, 0.141 (seed 2).
   */
  @Override
  protected double missingRateTolerance() {
    return 0.15;
  }

  @Test
  void trainingLearns() {
    CtganSynthesizer synthesizer = (CtganSynthesizer) ModelKinds.create(config());
    try (FittedCtgan untrained = synthesizer.fit(training, TrainingContext.of(11), false)) {
      double before = QualityScorer.score(training, untrained.sample(SampleRequest.of(3000, 1)));
      double after = QualityScorer.score(training, model.sample(SampleRequest.of(3000, 1)));
      assertTrue(after > before + 0.1, String.format(Locale.ROOT,
          "quality after training %.3f should clearly beat the untrained generator's %.3f", after,
          before));
    }
  }

  @Test
  void conditionalVectorSteersEveryDiscreteColumn() {
    FittedCtgan ctgan = (FittedCtgan) model;
    StringBuilder report = new StringBuilder();
    boolean ok = true;
    for (ColumnEncoding.Categorical c : ctgan.codec().discreteColumns()) {
      // A category that is neither rare nor dominant: steering must lift it well above its rate.
      int pick = -1;
      for (int k = 0; k < c.categories().size(); k++) {
        double f = c.frequencies()[k];
        if (f >= 0.05 && f <= 0.6 && (pick < 0 || f < c.frequencies()[pick])) {
          pick = k;
        }
      }
      if (pick < 0) {
        continue;
      }
      String value = c.categories().get(pick);
      SampleConditions conditions = SampleConditions.of(List.of(Condition.equalTo(c.column(),
          value)), ctgan.codec(), ctgan.schema());
      Table t = ctgan.draw(1000, conditions, new SplittableRandom(5));
      CategoricalColumn col = t.categorical(c.column());
      int hits = 0;
      for (int r = 0; r < t.rowCount(); r++) {
        hits += value.equals(col.value(r)) ? 1 : 0;
      }
      double rate = hits / 1000.0;
      double base = c.frequencies()[pick];
      report.append(String.format(Locale.ROOT, "%n  %s=%s: %.3f steered vs %.3f in the data",
          c.column(), value, rate, base));
      ok &= rate >= Math.min(0.9, base + 0.3);
    }
    System.out.println("CTGAN steering (training seed " + TRAINING_SEED + "):" + report);
    assertTrue(ok, "the conditional vector must steer every discrete column:" + report);
  }
}
