package org.synthehr.generator.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.generator.EpochStats;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.TrainingListener;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;

/**
 * The shared training loop, on both deep models: a fixed seed gives the same model, an interrupted
 * run resumed from its checkpoint ends exactly where an uninterrupted one does, progress and the
 * loss history are reported, and a checkpoint of another run is refused.
 */
class TrainingLoopTest {
  private static final Table TABLE = TestData.contractTable(300, 7);

  private static ModelConfig config(String kind, int epochs, int checkpointEvery) {
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    options.put("embedding_dim", 16);
    if (kind.equals("ctgan")) {
      options.putArray("generator_dims").add(32);
      options.putArray("discriminator_dims").add(32);
    } else {
      options.putArray("compress_dims").add(32);
      options.putArray("decompress_dims").add(32);
    }
    return new ModelConfig(kind, epochs, 100, "cpu", checkpointEvery, options);
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

  private static List<List<String>> sample(FittedSynthesizer m) {
    return rows(m.sample(SampleRequest.of(200, 4)));
  }

  @Test
  void resumedRunEndsWhereAnUninterruptedRunDoes(@TempDir Path dir) {
    for (String kind : List.of("ctgan", "tvae")) {
      Path checkpoints = dir.resolve(kind);
      Recorder crash = new Recorder(3);
      assertThrows(IllegalStateException.class, () -> ModelKinds.create(config(kind, 4, 2))
          .fit(TABLE, new TrainingContext(Seeds.of(5), crash, checkpoints, false)));
      assertTrue(Files.isDirectory(checkpoints.resolve("epoch-000002")), kind + " checkpoint");
      Recorder resumed = new Recorder(-1);
      List<List<String>> a;
      List<List<String>> b;
      try (FittedSynthesizer m = ModelKinds.create(config(kind, 4, 2))
          .fit(TABLE, new TrainingContext(Seeds.of(5), resumed, checkpoints, true))) {
        a = sample(m);
        LossHistory h = ((FittedDeepModel) m).history();
        assertEquals(List.of(1, 2, 3, 4), h.epochs().stream().map(LossHistory.Epoch::epoch).toList(),
            "the history keeps the epochs before the checkpoint");
      }
      assertEquals(List.of(3, 4), resumed.epochs.stream().map(EpochStats::epoch).toList(),
          "resume continues after the last checkpoint");
      assertTrue(resumed.messages.stream().anyMatch(t -> t.contains("resuming from the checkpoint"
          + " after epoch 2")), resumed.messages.toString());
      try (FittedSynthesizer m = ModelKinds.create(config(kind, 4, 0))
          .fit(TABLE, new TrainingContext(Seeds.of(5), null, null, false))) {
        b = sample(m);
      }
      assertEquals(b, a, kind + ": resumed and uninterrupted runs must give the same model");
    }
  }

  @Test
  void fixedSeedGivesTheSameModelWhateverRanBefore() {
    List<List<String>> a;
    try (FittedSynthesizer m = ModelKinds.create(config("ctgan", 2, 0)).fit(TABLE,
        TrainingContext.of(9))) {
      a = sample(m);
    }
    // Shift where the JVM's next direct buffers land: results must not depend on addresses.
    List<ByteBuffer> ballast = new ArrayList<>();
    for (int i = 1; i < 40; i++) {
      ballast.add(ByteBuffer.allocateDirect(i * 37));
    }
    List<List<String>> b;
    List<List<String>> c;
    try (FittedSynthesizer m = ModelKinds.create(config("ctgan", 2, 0)).fit(TABLE,
        TrainingContext.of(9))) {
      b = sample(m);
    }
    try (FittedSynthesizer m = ModelKinds.create(config("ctgan", 2, 0)).fit(TABLE,
        TrainingContext.of(10))) {
      c = sample(m);
    }
    assertFalse(ballast.isEmpty());
    assertEquals(a, b, "same seed, same model");
    assertNotEquals(a, c, "another seed, another model");
  }

  @Test
  void progressAndLossHistoryAreReported(@TempDir Path dir) throws Exception {
    Recorder rec = new Recorder(-1);
    try (FittedSynthesizer m = ModelKinds.create(config("tvae", 3, 0)).fit(TABLE,
        new TrainingContext(Seeds.of(1), rec, null, false))) {
      assertEquals(3, rec.epochs.size());
      EpochStats last = rec.epochs.get(2);
      assertEquals(3, last.epochs());
      assertTrue(last.rowsPerSecond() > 0 && last.elapsedSeconds() > 0);
      assertEquals(0.0, last.etaSeconds(), 1e-9);
      assertTrue(rec.epochs.get(0).etaSeconds() > 0);
      assertTrue(last.losses().containsKey("reconstruction") && last.losses().containsKey("kl"));
      assertTrue(rec.messages.stream().anyMatch(t -> t.contains("ms per step")), rec.messages
          .toString());
      m.save(dir.resolve("model"));
      String history = Files.readString(dir.resolve("model/loss_history.json"));
      assertTrue(history.contains("\"reconstruction\""), history);
      try (Stream<Path> files = Files.list(dir.resolve("model"))) {
        assertEquals(List.of("codec.json", "config.json", "decoder.params", "loss_history.json",
            "manifest.json", "network.json", "schema.json"),
            files.map(p -> p.getFileName().toString()).sorted().toList());
      }
    }
  }

  @Test
  void aCheckpointOfAnotherRunIsRefused(@TempDir Path dir) {
    try (FittedSynthesizer m = ModelKinds.create(config("tvae", 2, 1)).fit(TABLE,
        new TrainingContext(Seeds.of(1), null, dir, false))) {
      assertTrue(Files.isDirectory(dir.resolve("epoch-000002")));
      assertFalse(Files.isDirectory(dir.resolve("epoch-000000")));
    }
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ModelKinds.create(config("tvae", 3, 1)).fit(TABLE.head(250),
            new TrainingContext(Seeds.of(1), null, dir, true)));
    assertTrue(e.getMessage().contains("checkpoint") && e.getMessage().contains("--resume"),
        e.getMessage());
  }

  /** Every cell of a table as text. */
  private static List<List<String>> rows(Table t) {
    List<List<String>> out = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < t.columnCount(); c++) {
        row.add(t.format(r, c));
      }
      out.add(row);
    }
    return out;
  }
}
