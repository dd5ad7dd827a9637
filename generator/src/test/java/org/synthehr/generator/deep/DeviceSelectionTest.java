package org.synthehr.generator.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;

/** {@code model.device}: cpu by default, a clear error for a missing GPU, GPU training when present. */
class DeviceSelectionTest {
  static boolean gpuPresent() {
    return DeviceSelection.gpuCount() > 0;
  }

  static boolean noGpu() {
    return !gpuPresent();
  }

  @Test
  void cpuIsTheDefault() {
    assertEquals(Device.cpu(), DeviceSelection.resolve("cpu"));
    assertEquals(Device.cpu(), DeviceSelection.resolve(null));
  }

  @Test
  @EnabledIf("noGpu")
  void askingForAMissingGpuIsAClearConfigError() {
    for (String device : List.of("gpu", "gpu:1")) {
      InvalidConfigException e = assertThrows(InvalidConfigException.class,
          () -> DeviceSelection.resolve(device));
      assertTrue(e.getMessage().contains("model.device") && e.getMessage().contains("cpu"),
          e.getMessage());
    }
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    ModelConfig config = new ModelConfig("tvae", 1, 100, "gpu", 0, options);
    assertThrows(InvalidConfigException.class, () -> ModelKinds.create(config)
        .fit(TestData.contractTable(100, 1), TrainingContext.of(1)));
  }

  /** Trains on the GPU, then saves and loads the model on the CPU. Skipped without a GPU. */
  @Test
  @EnabledIf("gpuPresent")
  void trainsOnTheGpuAndLoadsOnTheCpu(@TempDir Path dir) {
    assertEquals(Device.gpu(0), DeviceSelection.resolve("gpu"));
    Table table = TestData.contractTable(300, 1);
    for (String kind : List.of("ctgan", "tvae")) {
      ModelConfig config = new ModelConfig(kind, 2, 100, "gpu", 0, null);
      try (FittedSynthesizer m = ModelKinds.create(config).fit(table, TrainingContext.of(1))) {
        assertEquals(50, m.sample(SampleRequest.of(50, 1)).rowCount());
        m.save(dir.resolve(kind));
      }
      try (FittedSynthesizer loaded = ModelKinds.load(dir.resolve(kind))) {
        assertEquals(50, loaded.sample(SampleRequest.of(50, 1)).rowCount());
      }
    }
  }
}
