package org.synthehr.generator.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Table;
import org.synthehr.generator.ClassBalance;
import org.synthehr.generator.Condition;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.generator.testing.QualityScorer;
import org.synthehr.generator.testing.SynthesizerContract;

/**
 * TabDDPM passes the synthesizer contract with a small denoiser and a few epochs, learns, and
 * meets a requested class balance of the label.
 */
class TabDdpmContractTest extends SynthesizerContract {
  /** A TabDDPM small enough to train on the contract table in seconds. */
  static ModelConfig smallConfig(int epochs) {
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    options.putArray("layers").add(64).add(64);
    options.put("embedding_dim", 32);
    options.put("timesteps", 50);
    options.put("sampling_steps", 10);
    return ModelConfig.of("tabddpm").withEpochs(epochs).withBatchSize(100).withOptions(options);
  }

  @Override
  protected ModelConfig config() {
    return smallConfig(30);
  }

  @Test
  void trainingLearns() {
    TabDdpmSynthesizer synthesizer = (TabDdpmSynthesizer) ModelKinds.create(config());
    try (FittedTabDdpm untrained = synthesizer.fit(training, TrainingContext.of(11), false)) {
      double before = QualityScorer.score(training, untrained.sample(SampleRequest.of(3000, 1)));
      double after = QualityScorer.score(training, model.sample(SampleRequest.of(3000, 1)));
      assertTrue(after > before + 0.1, String.format(Locale.ROOT,
          "quality after training %.3f should clearly beat the untrained denoiser's %.3f", after,
          before));
    }
  }

  @Test
  void labelFollowsTheTrainingFrequenciesUnlessABalanceIsAsked() {
    CategoricalColumn real = training.categorical("readmitted");
    Table plain = model.sample(SampleRequest.of(4000, 8));
    Map<String, Double> realShares = shares(real);
    Map<String, Double> synShares = shares(plain.categorical("readmitted"));
    for (Map.Entry<String, Double> e : realShares.entrySet()) {
      assertEquals(e.getValue(), synShares.getOrDefault(e.getKey(), 0.0), 0.03, e.getKey());
    }
    ClassBalance half = ClassBalance.of(model.schema(), Map.of("<30", 0.5, "*", 0.5));
    Table balanced = half.sample(model, SampleRequest.of(1000, 8));
    assertEquals(1000, balanced.rowCount());
    Map<String, Double> got = shares(balanced.categorical("readmitted"));
    assertEquals(0.5, got.get("<30"), 1e-9, "the requested share of <30");
    // The other half keeps the model's proportions of the other classes.
    double ratio = realShares.get("NO") / (realShares.get("NO") + realShares.get(">30"));
    assertEquals(ratio, got.get("NO") / 0.5, 0.08);
    Table exact = ClassBalance.of(model.schema(), Map.of("<30", 0.3, "NO", 0.7))
        .sample(model, SampleRequest.of(333, 2));
    assertEquals(100, count(exact.categorical("readmitted"), "<30"));
    assertEquals(233, count(exact.categorical("readmitted"), "NO"));
  }

  @Test
  void aLabelConditionIsMetWithoutRejectionAndShiftsTheRows() {
    Table early = model.sample(new SampleRequest(2000, 3,
        List.of(Condition.equalTo("readmitted", "<30"))));
    assertEquals(2000, count(early.categorical("readmitted"), "<30"));
    Table none = model.sample(new SampleRequest(2000, 3,
        List.of(Condition.equalTo("readmitted", "NO"))));
    assertEquals(2000, count(none.categorical("readmitted"), "NO"));
    // Patients readmitted early had more inpatient stays before, in the data and in the model.
    assertTrue(mean(training, "<30") > mean(training, "NO") + 0.2);
    assertTrue(mean(early, "<30") > mean(none, "NO") + 0.2, String.format(Locale.ROOT,
        "number_inpatient: %.2f given <30, %.2f given NO", mean(early, "<30"), mean(none, "NO")));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ClassBalance.of(model.schema(), Map.of("<30", 0.5, "NO", 0.4)));
    assertTrue(e.getMessage().contains("sum"), e.getMessage());
  }

  private static Map<String, Double> shares(CategoricalColumn c) {
    Map<String, Double> out = new java.util.HashMap<>();
    for (int r = 0; r < c.size(); r++) {
      out.merge(String.valueOf(c.value(r)), 1.0 / c.size(), Double::sum);
    }
    return out;
  }

  /** Mean number_inpatient of the rows with a label value. */
  private static double mean(Table t, String label) {
    double sum = 0;
    int n = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      if (label.equals(t.categorical("readmitted").value(r))) {
        sum += t.numeric("number_inpatient").get(r);
        n++;
      }
    }
    return sum / n;
  }

  private static int count(CategoricalColumn c, String value) {
    int n = 0;
    for (int r = 0; r < c.size(); r++) {
      n += value.equals(c.value(r)) ? 1 : 0;
    }
    return n;
  }
}
