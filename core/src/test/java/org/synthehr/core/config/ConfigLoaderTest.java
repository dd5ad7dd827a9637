package org.synthehr.core.config;

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
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.SchemaFile;

class ConfigLoaderTest {
  record Inner(int epochs, String kind) {}

  record Outer(long seed, Inner model, List<String> tags) {}

  @TempDir
  Path dir;

  private Path yaml(String text) throws IOException {
    Path p = dir.resolve("c.yaml");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void loadsSnakeCaseRecordsWithOverrides() throws IOException {
    Outer o = ConfigLoader.load(yaml("seed: 3\nmodel: {epochs: 5, kind: copula}\ntags: [a]\n"),
        Outer.class, List.of("model.epochs=7", "tags=[x, y]"));
    assertEquals(3, o.seed());
    assertEquals(7, o.model().epochs());
    assertEquals(List.of("x", "y"), o.tags());
  }

  @Test
  void rejectsUnknownKeysAndWrongTypesNamingTheKey() throws IOException {
    Path p = yaml("seed: 3\nmodel: {epochs: 1, epoch: 5}\n");
    String unknown = assertThrows(InvalidConfigException.class,
        () -> ConfigLoader.load(p, Outer.class, List.of())).getMessage();
    assertTrue(unknown.contains("unknown key 'model.epoch'") && unknown.contains("epochs"), unknown);
    String type = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(
        yaml("model: {epochs: ten}\n"), Outer.class, List.of())).getMessage();
    assertTrue(type.contains("'model.epochs' expects a whole number, got 'ten'"), type);
    String missing0 = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(
        yaml("model: {kind: x}\n"), Outer.class, List.of())).getMessage();
    assertTrue(missing0.contains("key 'model.epochs' is missing"), missing0);
    String syntax = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(
        yaml("model: [\n"), Outer.class, List.of())).getMessage();
    assertTrue(syntax.contains("not valid YAML"), syntax);
    String missing = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(
        dir.resolve("none.yaml"), Outer.class, List.of())).getMessage();
    assertTrue(missing.contains("does not exist"), missing);
    String badSet = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(
        yaml("seed: 1\n"), Outer.class, List.of("seed"))).getMessage();
    assertTrue(badSet.contains("key=value"), badSet);
  }

  @Test
  void schemaFileParsesKindsAndRejectsUnknownOnes() throws IOException {
    SchemaFile s = SchemaFile.load(yaml("label: y\ncolumns:\n  - {name: a, kind: ordinal,"
        + " categories: [lo, hi]}\n  - {name: b, kind: identifier}\n"));
    assertEquals(ColumnKind.ORDINAL, s.columns().get(0).kind());
    assertEquals(List.of("lo", "hi"), s.columns().get(0).categories());
    String bad = assertThrows(InvalidConfigException.class, () -> SchemaFile.load(
        yaml("columns:\n  - {name: a, kind: numeric}\n"))).getMessage();
    assertTrue(bad.contains("Unknown column kind 'numeric'") && bad.contains("continuous"), bad);
  }
}
