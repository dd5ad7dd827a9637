package org.synthehr.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.StorageType;
import org.synthehr.core.schema.TableSchema;

class TableTest {
  private static final TableSchema SCHEMA = new TableSchema(List.of(
      ColumnSpec.of("id", ColumnKind.IDENTIFIER), ColumnSpec.of("age", ColumnKind.INTEGER),
      ColumnSpec.of("bmi", ColumnKind.CONTINUOUS), ColumnSpec.of("sex", ColumnKind.CATEGORICAL),
      new ColumnSpec("band", ColumnKind.ORDINAL, null, List.of("low", "mid", "high"), null, null),
      ColumnSpec.of("seen", ColumnKind.DATETIME)), null, "id", null, List.of("?"));

  private static Table build() {
    TableBuilder b = new TableBuilder(SCHEMA, "t.csv");
    b.addRow(new String[] {"a", "40", "22.5", "F", "mid", "2020-01-02"}, 1);
    b.addRow(new String[] {"b", "?", "", "M", "low", "2020-01-02 10:30:00"}, 2);
    b.addRow(new String[] {"c", " 61 ", "30.25", "F", "high", ""}, 3);
    return b.build();
  }

  @Test
  void buildsTypedColumnsWithMasksAndDictionaries() {
    Table t = build();
    assertEquals(3, t.rowCount());
    assertTrue(t.column("id") instanceof StringColumn);
    NumericColumn age = t.numeric("age");
    assertEquals(40, age.get(0));
    assertTrue(age.isMissing(1));
    assertEquals(61, age.get(2));
    assertEquals(1, t.numeric("bmi").missingCount());
    CategoricalColumn sex = t.categorical("sex");
    assertEquals(List.of("F", "M"), sex.dictionary());
    assertArrayEquals(new int[] {0, 1, 0}, sex.codes());
    CategoricalColumn band = t.categorical("band");
    assertEquals(List.of("low", "mid", "high"), band.dictionary());
    assertArrayEquals(new long[] {1, 1, 1}, band.counts());
    assertEquals(18_263 * 86_400.0, t.numeric("seen").get(0));
    assertEquals("2020-01-02 10:30:00", t.format(1, 5));
    assertEquals("", t.format(1, 1));
    assertEquals("30.25", t.format(2, 2));
  }

  @Test
  void reportsEveryBadValueWithRowsAndFix() {
    TableBuilder b = new TableBuilder(SCHEMA, "t.csv");
    b.addRow(new String[] {"a", "forty", "x", "F", "mid", "2020-13-45"}, 1);
    b.addRow(new String[] {"b", "4.5", "1", "F", "huge", ""}, 2);
    b.addRow(new String[] {"c", "fifty", "2", "F", "mid", ""}, 3);
    InvalidInputException e = assertThrows(InvalidInputException.class, b::build);
    String m = e.getMessage();
    assertEquals(5, e.problems().size(), m);
    assertTrue(m.contains("t.csv, column 'age', row 1: value 'forty' (row 1), 'fifty' (row 3) is not"
        + " a number"), m);
    assertTrue(m.contains("'4.5' (row 2) is not a whole number"), m);
    assertTrue(m.contains("column 'band'") && m.contains("'huge'"), m);
    assertTrue(m.contains("column 'seen'") && m.contains("is not a date"), m);
  }

  @Test
  void takeSelectAndConcatKeepValuesAndUnifyDictionaries() {
    Table t = build();
    Table two = t.take(new int[] {2, 0});
    assertEquals("c", two.strings("id").get(0));
    Table sel = t.select(List.of("sex", "age"));
    assertEquals(List.of("sex", "age"), sel.schema().names());
    Table other = new Table(t.schema(), List.of(new StringColumn("id", new String[] {"z"}),
        new NumericColumn("age", new double[] {1}), new NumericColumn("bmi", new double[] {2}),
        new CategoricalColumn("sex", new int[] {0}, List.of("X")),
        new CategoricalColumn("band", new int[] {2}, List.of("low", "mid", "high")),
        new NumericColumn("seen", new double[] {Double.NaN})));
    Table both = Table.concat(List.of(t, other));
    assertEquals(4, both.rowCount());
    assertEquals(List.of("F", "M", "X"), both.categorical("sex").dictionary());
    assertEquals("X", both.categorical("sex").value(3));
    assertEquals("high", both.categorical("band").value(3));
    assertEquals(List.of("age", "bmi", "sex", "band", "seen"), t.modelled().schema().names());
  }

  @Test
  void typedCellsFollowStorage() {
    Table t = build();
    assertEquals(40L, TypedCells.get(t, 0, 1));
    assertEquals(22.5, TypedCells.get(t, 0, 2));
    assertEquals("F", TypedCells.get(t, 0, 3));
    assertEquals(java.time.Instant.parse("2020-01-02T00:00:00Z"), TypedCells.get(t, 0, 5));
    assertEquals(null, TypedCells.get(t, 1, 1));
    ColumnSpec asDate = new ColumnSpec("seen", ColumnKind.DATETIME, StorageType.DATE, null, null,
        null);
    Table d = new Table(TableSchema.of(List.of(asDate)), List.of(t.column("seen")));
    assertEquals(java.time.LocalDate.of(2020, 1, 2), TypedCells.get(d, 1, 0));
  }

  @Test
  void naturalCategoryOrder() {
    assertEquals(List.of("No", "Yes"), CategoryOrder.natural(List.of("Yes", "No")));
    assertEquals(List.of("2", "10", "100"), CategoryOrder.natural(List.of("10", "100", "2")));
    assertEquals(List.of("[0-10)", "[10-20)"), CategoryOrder.natural(List.of("[10-20)", "[0-10)")));
    assertEquals(List.of("b", "c", "z"), CategoryOrder.natural(List.of("z", "c", "b")));
  }
}
