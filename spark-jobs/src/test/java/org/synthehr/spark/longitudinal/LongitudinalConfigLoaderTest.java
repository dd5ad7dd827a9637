package org.synthehr.spark.longitudinal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.spark.cli.SynthMain;

class LongitudinalConfigLoaderTest {
  private static final Path CONFIG = Path.of("src/test/resources/longitudinal-test.yaml");

  @Test
  void longitudinalConfigsAreRecognised() {
    assertTrue(LongitudinalConfigLoader.isLongitudinal(CONFIG));
    assertFalse(LongitudinalConfigLoader.isLongitudinal(Path.of("../configs/diabetes130-sample.yaml")));
  }

  @Test
  void unknownKeysAndModelOptionsAreRejectedBeforeAnyWork() {
    InvalidConfigException key = assertThrows(InvalidConfigException.class,
        () -> LongitudinalConfigLoader.load(CONFIG, List.of("grid.stepz=3")));
    assertTrue(key.getMessage().contains("grid.stepz"), key.getMessage());
    InvalidConfigException option = assertThrows(InvalidConfigException.class,
        () -> LongitudinalConfigLoader.load(CONFIG, List.of("model.options.heads=5")));
    assertTrue(option.getMessage().contains("model.options.heads"), option.getMessage());
    InvalidConfigException kind = assertThrows(InvalidConfigException.class,
        () -> LongitudinalConfigLoader.load(CONFIG, List.of("model.kind=copula")));
    assertTrue(kind.getMessage().contains("trajectory-diffusion"), kind.getMessage());
  }

  @Test
  void badInputExitsWithCodeThreeAndLeavesNoOutput() throws Exception {
    Path out = Path.of("target/longitudinal-bad-input");
    int code = SynthMain.execute("pipeline", CONFIG.toString(), "-q", "--set",
        "output.dir=" + out, "--set", "input.id_column=patient");
    assertEquals(ExitCodes.BAD_INPUT, code);
    assertFalse(Files.exists(out), "no partial output");
  }
}
