package org.synthehr.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.Problem;

class SchemaValidatorTest {
  private static ColumnProfile profile(String name, String... values) {
    ColumnProfile p = new ColumnProfile(name, List.of("?"));
    for (String v : values) {
      p.add(v);
    }
    return p;
  }

  @Test
  void collectsEveryProblemAtOnce() {
    List<ColumnProfile> profiles = List.of(
        profile("label", "yes", "yes", "yes"),
        profile("empty", "?", "", "?"),
        profile("age", "12", "x", "13"));
    SchemaFile declared = new SchemaFile(List.of(ColumnSpec.of("ghost", ColumnKind.INTEGER),
        ColumnSpec.of("age", ColumnKind.INTEGER)), "label", "patient", null, List.of());
    TableSchema schema = new TableSchema(List.of(ColumnSpec.of("label", ColumnKind.CATEGORICAL),
        ColumnSpec.of("empty", ColumnKind.CATEGORICAL), ColumnSpec.of("age", ColumnKind.INTEGER)),
        "label", "patient", null, List.of("?"));
    List<Problem> problems = SchemaValidator.check(profiles, schema, declared, "d.csv", "s.yaml");
    String all = problems.stream().map(Problem::describe).reduce("", (a, b) -> a + "\n" + b);
    assertEquals(5, problems.size(), all);
    assertTrue(all.contains("s.yaml, column 'ghost': the schema names a column that is not in d.csv"),
        all);
    assertTrue(all.contains("column 'empty': every one of its 3 values is missing"), all);
    assertTrue(all.contains("column 'age': 1 of its values are not numbers (e.g. 'x')"), all);
    assertTrue(all.contains("the label has only one class ('yes')"), all);
    assertTrue(all.contains("column 'patient': the entity key column is not in the data"), all);
    assertTrue(problems.stream().allMatch(p -> p.fix() != null && !p.fix().isBlank()));
  }
}
