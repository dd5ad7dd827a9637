package org.synthehr.generator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.generator.Condition;
import org.synthehr.generator.TrainingContext;

class ModelDirectoryTest {
  @Test
  void refusesDamagedOrForeignDirectories(@TempDir Path dir) throws IOException {
    Table t = TestData.contractTable(200, 1);
    ModelKinds.create(ModelConfig.of("copula")).fit(t, TrainingContext.of(1)).save(dir.resolve("m"));
    Files.writeString(dir.resolve("m/copula.json"), "{}");
    String damaged = assertThrows(InvalidInputException.class,
        () -> ModelKinds.load(dir.resolve("m"))).getMessage();
    assertTrue(damaged.contains("copula.json: does not match the checksum"), damaged);
    Files.createDirectories(dir.resolve("empty"));
    String notModel = assertThrows(InvalidInputException.class,
        () -> ModelKinds.load(dir.resolve("empty"))).getMessage();
    assertTrue(notModel.contains("is not a saved model (no manifest.json)"), notModel);
  }

  @Test
  void knowsWhichFilesAModelHas(@TempDir Path dir) {
    ModelDirectory.create(dir.resolve("m"), "any").json("present.json", List.of(1)).finish();
    ModelDirectory.Reader reader = ModelDirectory.open(dir.resolve("m"));
    assertTrue(reader.has("present.json"));
    assertTrue(!reader.has("added-later.json"), "older models lack newer files");
  }

  @Test
  void optionsAreCheckedWithTheKeyNamed() {
    ModelConfig bad = ModelConfig.of("copula").withOptions(
        org.synthehr.core.config.ConfigLoader.yamlMapper().createObjectNode().put("quantile", 8));
    String m = assertThrows(InvalidConfigException.class, () -> ModelKinds.create(bad)).getMessage();
    assertTrue(m.contains("unknown key 'model.options.quantile'"), m);
    String kind = assertThrows(InvalidConfigException.class,
        () -> ModelKinds.create(ModelConfig.of("gan"))).getMessage();
    assertTrue(kind.contains("Valid kinds: copula"), kind);
  }

  @Test
  void conditionsParseAgainstTheSchema() {
    Table t = TestData.contractTable(50, 1);
    assertEquals(new Condition.OneOf("readmitted", List.of("<30", ">30")),
        Condition.parse("readmitted=<30|>30", t.schema()));
    assertEquals(new Condition.Range("time_in_hospital", 3.0, null),
        Condition.parse("time_in_hospital=3..", t.schema()));
    assertEquals(new Condition.Range("time_in_hospital", 4.0, 4.0),
        Condition.parse("time_in_hospital=4", t.schema()));
    String m = assertThrows(InvalidInputException.class,
        () -> Condition.parse("time_in_hospital=long", t.schema())).getMessage();
    assertTrue(m.contains("give a number or a range"), m);
    m = assertThrows(InvalidInputException.class, () -> Condition.parse("nope=1", t.schema()))
        .getMessage();
    assertTrue(m.contains("'nope' is not a modelled column"), m);
  }
}
