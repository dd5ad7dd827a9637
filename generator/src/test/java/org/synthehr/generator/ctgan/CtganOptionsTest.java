package org.synthehr.generator.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.generator.tvae.TvaeOptions;

/** {@code model.options} of the deep kinds: defaults, overrides, unknown keys and bad values. */
class CtganOptionsTest {
  private static ModelConfig with(String kind, ObjectNode options) {
    return ModelConfig.of(kind).withOptions(options);
  }

  @Test
  void defaultsAreTheReferenceHyperparameters() {
    assertEquals(CtganOptions.DEFAULTS, org.synthehr.generator.model.OptionsBinder.bind(null,
        CtganOptions.DEFAULTS, CtganOptions.class));
    assertEquals(List.of(256, 256), CtganOptions.DEFAULTS.generatorDims());
    assertEquals(10, CtganOptions.DEFAULTS.pac());
    assertEquals(0.2, CtganOptions.DEFAULTS.gumbelTau());
    assertEquals(List.of(128, 128), TvaeOptions.DEFAULTS.compressDims());
    assertEquals(2.0, TvaeOptions.DEFAULTS.lossFactor());
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putArray("generator_dims").add(64);
    assertEquals("ctgan", ModelKinds.create(with("ctgan", o)).kind());
  }

  @Test
  void unknownKeysAndBadValuesAreRejectedWithTheKeyNamed() {
    ObjectNode typo = JsonNodeFactory.instance.objectNode();
    typo.put("generator_lrr", 0.001);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ModelKinds.create(with("ctgan", typo)));
    assertTrue(e.getMessage().contains("model.options.generator_lrr"), e.getMessage());
    InvalidConfigException t = assertThrows(InvalidConfigException.class,
        () -> ModelKinds.create(with("tvae", typo)));
    assertTrue(t.getMessage().contains("generator_lrr"), t.getMessage());
    ObjectNode pac = JsonNodeFactory.instance.objectNode();
    pac.put("pac", 7);
    InvalidConfigException p = assertThrows(InvalidConfigException.class,
        () -> ModelKinds.create(with("ctgan", pac)));
    assertTrue(p.getMessage().contains("batch_size") && p.getMessage().contains("pac"),
        p.getMessage());
    ObjectNode decoding = JsonNodeFactory.instance.objectNode();
    decoding.put("categorical_decoding", "mode");
    assertThrows(InvalidConfigException.class, () -> ModelKinds.create(with("tvae", decoding)));
    ObjectNode modes = JsonNodeFactory.instance.objectNode();
    modes.put("max_modes", 0);
    InvalidConfigException mm = assertThrows(InvalidConfigException.class,
        () -> ModelKinds.create(with("tvae", modes)));
    assertTrue(mm.getMessage().contains("max_modes"), mm.getMessage());
  }
}
