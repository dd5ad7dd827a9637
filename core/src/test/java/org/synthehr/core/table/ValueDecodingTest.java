package org.synthehr.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.schema.ColumnDecision;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnProfile;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.SchemaFile;
import org.synthehr.core.schema.SchemaInference;
import org.synthehr.core.schema.StorageType;
import org.synthehr.core.schema.TableSchema;

/**
 * One decoding of values for every side: booleans by meaning whatever their spelling, integer codes
 * written as doubles, numbers written with a unit.
 */
class ValueDecodingTest {

  @Test
  void spellingIsFalseThenTrueAndCompletedInTheSameStyle() {
    assertEquals(List.of("0", "1"), BooleanSpelling.of(List.of("1", "0")));
    assertEquals(List.of("No", "Yes"), BooleanSpelling.of(List.of("Yes")));
    assertEquals(List.of("N", "Y"), BooleanSpelling.of(List.of("N")));
    assertEquals(List.of("FALSE", "TRUE"), BooleanSpelling.of(List.of("TRUE")));
    assertEquals(List.of("f", "t"), BooleanSpelling.of(List.of("t", "f")));
    assertThrows(IllegalArgumentException.class, () -> BooleanSpelling.of(List.of("maybe")));
  }

  @Test
  void storageKeepsTheInputsType() {
    assertEquals(StorageType.INT64, BooleanSpelling.storage(List.of("0", "1")));
    assertEquals(StorageType.BOOLEAN, BooleanSpelling.storage(List.of("False", "True")));
    assertEquals(StorageType.STRING, BooleanSpelling.storage(List.of("no", "yes")));
    assertEquals(StorageType.STRING, BooleanSpelling.storage(List.of("N", "Y")));
  }

  @Test
  void inferenceRecordsTheSpellingAndStorage() {
    ColumnProfile p = new ColumnProfile("hospdead", List.of());
    for (int i = 0; i < 100; i++) {
      p.add(i % 3 == 0 ? "1" : "0");
    }
    var inferred = SchemaInference.defaults().infer(List.of(p), SchemaFile.none(), List.of());
    ColumnSpec spec = inferred.schema().columns().get(0);
    assertEquals(ColumnKind.BOOLEAN, spec.kind());
    assertEquals(List.of("0", "1"), spec.categories());
    assertEquals(StorageType.INT64, spec.storage());
    ColumnDecision d = inferred.decisions().get(0);
    assertTrue(d.reason().contains("0, 1"), d.reason());
  }

  @Test
  void everySideIsDecodedToTheRealSpelling() {
    TableSchema schema = new TableSchema(List.of(new ColumnSpec("dead", ColumnKind.BOOLEAN,
        StorageType.INT64, List.of("0", "1"), null, null)), null, null, null, List.of());
    TableBuilder b = new TableBuilder(schema, "synthetic.parquet");
    String[] spellings = {"true", "false", "Yes", "N", "1", "0", "T", "f"};
    for (int r = 0; r < spellings.length; r++) {
      b.addRow(new String[] {spellings[r]}, r + 1L);
    }
    CategoricalColumn c = (CategoricalColumn) b.build().column(0);
    assertEquals(List.of("0", "1"), c.dictionary());
    String[] expected = {"1", "0", "1", "0", "1", "0", "1", "0"};
    for (int r = 0; r < expected.length; r++) {
      assertEquals(expected[r], c.value(r), spellings[r]);
    }
    assertEquals(1L, TypedCells.get(b.build(), 0, 0), "stored as the input's integers");
  }

  @Test
  void aValueWithoutMeaningIsAnErrorNamingTheColumnAndTheSpelling() {
    TableSchema schema = new TableSchema(List.of(new ColumnSpec("dead", ColumnKind.BOOLEAN,
        StorageType.INT64, List.of("0", "1"), null, null)), null, null, null, List.of());
    TableBuilder b = new TableBuilder(schema, "other-tool.csv");
    b.addRow(new String[] {"1"}, 1);
    b.addRow(new String[] {"maybe"}, 2);
    InvalidInputException e = assertThrows(InvalidInputException.class, b::build);
    String message = e.getMessage();
    assertTrue(message.contains("dead") && message.contains("maybe") && message.contains("0/1")
        && message.contains("other-tool.csv"), message);
  }

  @Test
  void integerCodesWrittenAsDoublesAreTheSameCategory() {
    assertEquals("2", Values.canonicalCode("2.0"));
    assertEquals("-3", Values.canonicalCode(" -3.00 "));
    assertEquals("2.5", Values.canonicalCode("2.5"));
    assertEquals("02", Values.canonicalCode("02"));
  }

  @Test
  void numbersWrittenWithAUnitAreNumbersWithThatUnit() {
    assertEquals("mg/dL", Values.unitOf("12.5 mg/dL"));
    assertEquals("kg", Values.unitOf("70kg"));
    assertEquals("%", Values.unitOf("45%"));
    assertEquals(null, Values.unitOf("2A"), "a code, not a unit");
    assertEquals("g", Values.unitOf("5 g"));
    assertEquals(null, Values.unitOf("2020-01-31"));
    assertEquals(70.0, Values.parseNumber("70 kg", "kg"));
    assertEquals(70.0, Values.parseNumber("70", "kg"), "our own output has no unit");
    assertThrows(NumberFormatException.class, () -> Values.parseNumber("70 lb", "kg"));

    ColumnProfile p = new ColumnProfile("creatinine", List.of());
    for (int i = 0; i < 60; i++) {
      p.add((0.5 + i * 0.05) + " mg/dL");
    }
    ColumnSpec spec = SchemaInference.defaults().infer(List.of(p), SchemaFile.none(), List.of())
        .schema().columns().get(0);
    assertEquals(ColumnKind.CONTINUOUS, spec.kind());
    assertEquals("mg/dL", spec.unit());
    TableSchema schema = new TableSchema(List.of(spec), null, null, null, List.of());
    TableBuilder b = new TableBuilder(schema, "labs.csv");
    b.addRow(new String[] {"1.5 mg/dL"}, 1);
    b.addRow(new String[] {"0.9"}, 2);
    b.addRow(new String[] {"80 umol/L"}, 3);
    InvalidInputException e = assertThrows(InvalidInputException.class, b::build);
    assertTrue(e.getMessage().contains("80 umol/L") && e.getMessage().contains("creatinine"),
        e.getMessage());
  }
}
