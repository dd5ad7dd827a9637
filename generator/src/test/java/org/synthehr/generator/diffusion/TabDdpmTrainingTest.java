package org.synthehr.generator.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.generator.EpochStats;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.TrainingListener;
import org.synthehr.generator.deep.LossHistory;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;

/**
 * TabDDPM on the shared training loop: same seed same model, resume ends where an uninterrupted
 * run does, progress and loss history reported, the saved files, and option checking.
 */
class TabDdpmTrainingTest {
  private static final Table TABLE = TestData.contractTable(300, 7);

  private static ModelConfig config(int epochs, int checkpointEvery) {
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    options.putArray("layers").add(32);
    options.put("embedding_dim", 16);
    options.put("timesteps", 20);
    options.put("sampling_steps", 5);
    return new ModelConfig("tabddpm", epochs, 100, "cpu", checkpointEvery, options);
  }

  /** Records progress; throws after a given epoch to simulate a crash. */
  private static final class Recorder implements TrainingListener {
    final List<EpochStats> epochs = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    final int crashAfter;

    Recorder(int crashAfter) {
      this.crashAfter = crashAfter;
    }

    @Override
    public void epoch(EpochStats stats) {
      epochs.add(stats);
      if (stats.epoch() == crashAfter) {
        throw new IllegalStateException("simulated crash after epoch " + crashAfter);
      }
    }

    @Override
    public void message(String text) {
      messages.add(text);
    }
  }

  private static List<String> sample(FittedSynthesizer m) {
    Table t = m.sample(SampleRequest.of(150, 4));
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      StringBuilder row = new StringBuilder();
      for (int c = 0; c < t.columnCount(); c++) {
        row.append(t.format(r, c)).append('|');
      }
      out.add(row.toString());
    }
    return out;
  }

  @Test
  void resumedRunEndsWhereAnUninterruptedRunDoes(@TempDir Path dir) {
    Recorder crash = new Recorder(3);
    assertThrows(IllegalStateException.class, () -> ModelKinds.create(config(4, 2))
        .fit(TABLE, new TrainingContext(Seeds.of(5), crash, dir, false)));
    assertTrue(Files.isDirectory(dir.resolve("epoch-000002")));
    Recorder resumed = new Recorder(-1);
    List<String> a;
    try (FittedSynthesizer m = ModelKinds.create(config(4, 2))
        .fit(TABLE, new TrainingContext(Seeds.of(5), resumed, dir, true))) {
      a = sample(m);
      assertEquals(List.of(1, 2, 3, 4), ((FittedTabDdpm) m).history().epochs().stream()
          .map(LossHistory.Epoch::epoch).toList());
    }
    assertEquals(List.of(3, 4), resumed.epochs.stream().map(EpochStats::epoch).toList());
    List<String> b;
    try (FittedSynthesizer m = ModelKinds.create(config(4, 0)).fit(TABLE, TrainingContext.of(5))) {
      b = sample(m);
    }
    assertEquals(b, a, "resumed and uninterrupted runs must give the same model");
    List<String> c;
    try (FittedSynthesizer m = ModelKinds.create(config(4, 0)).fit(TABLE, TrainingContext.of(6))) {
      c = sample(m);
    }
    assertNotEquals(b, c, "another seed, another model");
  }

  @Test
  void progressHistoryAndSavedFiles(@TempDir Path dir) throws Exception {
    Recorder rec = new Recorder(-1);
    try (FittedSynthesizer m = ModelKinds.create(config(2, 0)).fit(TABLE,
        new TrainingContext(Seeds.of(1), rec, null, false))) {
      assertEquals(2, rec.epochs.size());
      EpochStats last = rec.epochs.get(1);
      assertTrue(last.rowsPerSecond() > 0);
      assertTrue(last.losses().keySet().containsAll(List.of("loss", "gaussian", "multinomial")),
          last.losses().toString());
      assertTrue(last.losses().get("multinomial") > 0 && last.losses().get("gaussian") > 0);
      assertTrue(rec.messages.stream().anyMatch(t -> t.contains("label readmitted (3 classes)")),
          rec.messages.toString());
      assertTrue(rec.messages.stream().anyMatch(t -> t.contains("ms per step")));
      m.save(dir.resolve("model"));
      try (Stream<Path> files = Files.list(dir.resolve("model"))) {
        assertEquals(List.of("codec.json", "config.json", "denoiser.params", "loss_history.json",
            "manifest.json", "network.json", "schema.json"),
            files.map(p -> p.getFileName().toString()).sorted().toList());
      }
      String codec = Files.readString(dir.resolve("model/codec.json"));
      assertTrue(codec.contains("\"levels\"") && codec.contains("\"readmitted\""), codec);
    }
  }

  @Test
  void unknownAndBadOptionsAreRejected() {
    ObjectNode unknown = JsonNodeFactory.instance.objectNode();
    unknown.put("stepz", 10);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ModelKinds.create(ModelConfig.of("tabddpm").withOptions(unknown)));
    assertTrue(e.getMessage().contains("model.options.stepz"), e.getMessage());
    ObjectNode odd = JsonNodeFactory.instance.objectNode();
    odd.put("embedding_dim", 15);
    e = assertThrows(InvalidConfigException.class,
        () -> ModelKinds.create(ModelConfig.of("tabddpm").withOptions(odd)));
    assertTrue(e.getMessage().contains("embedding_dim"), e.getMessage());
  }
}
