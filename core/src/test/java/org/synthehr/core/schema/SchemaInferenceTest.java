package org.synthehr.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
  private static ColumnProfile profile(String name, List<String> values, List<String> missing) {
    ColumnProfile p = new ColumnProfile(name, missing);
    values.forEach(p::add);
    return p;
  }

  private static List<String> repeat(Function<Integer, String> f, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(f.apply(i));
    }
    return out;
  }

  private static Map<String, ColumnDecision> infer(ColumnProfile... profiles) {
    return SchemaInference.defaults().infer(List.of(profiles), SchemaFile.none(), List.of())
        .decisions().stream().collect(Collectors.toMap(ColumnDecision::column, d -> d));
  }

  @Test
  void choosesKindsFromValuesAndNamesAndExplainsThem() {
    Map<String, ColumnDecision> d = infer(
        profile("encounter_id", repeat(i -> Integer.toString(1000 + i), 200), List.of()),
        profile("patient_nbr", repeat(i -> Integer.toString(i / 2), 200), List.of()),
        profile("admission_type_id", repeat(i -> Integer.toString(1 + i % 6), 200), List.of()),
        profile("time_in_hospital", repeat(i -> Integer.toString(1 + i % 14), 200), List.of()),
        profile("weight_kg", repeat(i -> Double.toString(50 + i * 0.37), 200), List.of()),
        profile("diabetesMed", repeat(i -> i % 3 == 0 ? "Yes" : "No", 200), List.of()),
        profile("age", repeat(i -> "[" + (i % 10) * 10 + "-" + ((i % 10) * 10 + 10) + ")", 200),
            List.of()),
        profile("race", repeat(i -> i % 7 == 0 ? "?" : i % 2 == 0 ? "Caucasian" : "Asian", 200),
            List.of("?")),
        profile("admitted", repeat(i -> "2020-01-" + String.format("%02d", 1 + i % 28), 200),
            List.of()),
        profile("note", repeat(i -> "free text number " + i + " with several words", 2000),
            List.of()));
    assertEquals(ColumnKind.IDENTIFIER, d.get("encounter_id").kind());
    assertEquals(ColumnKind.IDENTIFIER, d.get("patient_nbr").kind());
    assertEquals(ColumnKind.CATEGORICAL, d.get("admission_type_id").kind());
    assertTrue(d.get("admission_type_id").reason().contains("code"));
    assertEquals(ColumnKind.INTEGER, d.get("time_in_hospital").kind());
    assertEquals(ColumnKind.CONTINUOUS, d.get("weight_kg").kind());
    assertEquals(ColumnKind.BOOLEAN, d.get("diabetesMed").kind());
    assertEquals(ColumnKind.ORDINAL, d.get("age").kind());
    assertEquals(ColumnKind.CATEGORICAL, d.get("race").kind());
    assertEquals(29, d.get("race").missing());
    assertEquals(ColumnKind.DATETIME, d.get("admitted").kind());
    assertEquals(StorageType.DATE, d.get("admitted").storage());
    assertEquals(ColumnKind.TEXT, d.get("note").kind());
  }

  @Test
  void ordinalBandsAreOrderedByTheirLowerBound() {
    ColumnProfile p = profile("age", List.of("[10-20)", "[0-10)", "[90-100)", "[20-30)"), List.of());
    InferredSchema s = SchemaInference.defaults().infer(List.of(p), SchemaFile.none(), List.of());
    assertEquals(List.of("[0-10)", "[10-20)", "[20-30)", "[90-100)"),
        s.schema().column("age").categories());
  }

  @Test
  void schemaFileOverridesInferenceAndSummaryNamesTheRoles() {
    ColumnProfile diag = profile("diag_1", repeat(i -> Integer.toString(250 + i % 40), 200),
        List.of());
    ColumnProfile label = profile("readmitted", repeat(i -> i % 3 == 0 ? "<30" : "NO", 200),
        List.of());
    SchemaFile declared = new SchemaFile(List.of(ColumnSpec.of("diag_1", ColumnKind.CATEGORICAL)),
        "readmitted", null, null, List.of("?"));
    InferredSchema s = SchemaInference.defaults().infer(List.of(diag, label), declared, List.of("NA"));
    assertEquals(ColumnKind.CATEGORICAL, s.schema().column("diag_1").kind());
    assertTrue(s.decisions().get(0).declared());
    assertEquals(List.of("?", "NA"), s.schema().missingValues());
    String summary = s.summary("x.csv");
    assertTrue(summary.contains("declared in the schema file"), summary);
    assertTrue(summary.contains("[label]"), summary);
  }

  @Test
  void profilesMergeLikeOnePass() {
    List<String> values = repeat(i -> i % 5 == 0 ? "" : Integer.toString(i % 9), 100);
    ColumnProfile whole = profile("x", values, List.of());
    ColumnProfile a = profile("x", values.subList(0, 37), List.of());
    ColumnProfile b = profile("x", values.subList(37, 100), List.of());
    a.merge(b);
    assertEquals(whole.rows(), a.rows());
    assertEquals(whole.missing(), a.missing());
    assertEquals(whole.valueCounts(), a.valueCounts());
    assertEquals(whole.min(), a.min());
    assertEquals(whole.max(), a.max());
  }

  @Test
  void theEntityKeyIsNeverModelledWhateverItsNameOrValues() {
    // toenail's patientID: few distinct values per row, a name the identifier pattern misses.
    ColumnProfile patient = profile("patientID", repeat(i -> Integer.toString(i / 7), 700),
        List.of());
    ColumnProfile month = profile("month", repeat(i -> Integer.toString(i % 7), 700), List.of());
    SchemaFile roles = new SchemaFile(List.of(ColumnSpec.of("patientID", ColumnKind.INTEGER)),
        null, "patientID", null, List.of());
    InferredSchema inferred = SchemaInference.defaults().infer(List.of(patient, month), roles,
        List.of());
    assertEquals(ColumnKind.IDENTIFIER, inferred.schema().column("patientID").kind());
    assertTrue(inferred.decisions().get(0).reason().contains("entity key"));
    assertEquals(List.of("month"), inferred.schema().modelled().names());
  }
}
