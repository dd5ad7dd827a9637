package org.synthehr.generator.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.io.Json;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;

class ModeSpecificCodecTest {
  private static final Table TABLE = TestData.contractTable(600, 7).modelled();

  private static ModeSpecificCodec fit(int parallelism) {
    return ModeSpecificCodec.fit(TABLE, CodecOptions.DEFAULTS, Seeds.of(1), parallelism);
  }

  @Test
  void spansDescribeTheLayout() {
    ModeSpecificCodec codec = fit(2);
    int at = 0;
    for (int i = 0; i < codec.columns().size(); i++) {
      assertEquals(at, codec.offset(i));
      at += codec.columns().get(i).width();
    }
    assertEquals(at, codec.width());
    int covered = 0;
    for (OutputSpan s : codec.spans()) {
      assertEquals(covered, s.offset(), "spans are contiguous");
      covered = s.end();
    }
    assertEquals(codec.width(), covered);
    ColumnEncoding.Numeric time = (ColumnEncoding.Numeric) codec.columns()
        .get(codec.indexOf("time_in_hospital"));
    assertTrue(time.modes() >= 1 && time.modes() <= 10);
    ColumnEncoding.Numeric marker = (ColumnEncoding.Numeric) codec.columns()
        .get(codec.indexOf("marker"));
    assertTrue(marker.hasMissing(), "the marker column has missing values: a missing position");
    assertEquals(1 + marker.modes() + 1, marker.width());
    long discreteSpans = codec.spans().stream().filter(OutputSpan::discrete).count();
    assertEquals(codec.discreteColumns().size(), discreteSpans);
  }

  @Test
  void encodeThenDecodeGivesTheTableBack() {
    ModeSpecificCodec codec = fit(2);
    float[] encoded = codec.encode(TABLE, new SplittableRandom(3), 2);
    Table back = codec.decode(encoded, TABLE.rowCount(), TABLE.schema());
    for (ColumnSpec spec : TABLE.schema().columns()) {
      if (spec.kind().isNumeric()) {
        NumericColumn a = TABLE.numeric(spec.name());
        NumericColumn b = back.numeric(spec.name());
        for (int r = 0; r < a.size(); r++) {
          if (Double.isNaN(a.get(r))) {
            assertTrue(Double.isNaN(b.get(r)), spec.name() + " row " + r + " should stay missing");
          } else {
            // Values within ±3.96 sd of their mode come back up to float precision.
            assertEquals(a.get(r), b.get(r), 1e-4 * Math.max(1, Math.abs(a.get(r))),
                spec.name() + " row " + r);
          }
        }
      } else {
        CategoricalColumn a = TABLE.categorical(spec.name());
        CategoricalColumn b = back.categorical(spec.name());
        for (int r = 0; r < a.size(); r++) {
          assertEquals(a.value(r), b.value(r), spec.name() + " row " + r);
        }
      }
    }
  }

  @Test
  void fitIsTheSameWhateverTheParallelism() {
    assertEquals(Json.toString(fit(1)), Json.toString(fit(2)));
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    assertTrue(java.util.Arrays.equals(fit(1).encode(TABLE, a, 1), fit(1).encode(TABLE, b, 2)));
  }

  @Test
  void jsonRoundTripKeepsTheCodec() throws Exception {
    ModeSpecificCodec codec = fit(2);
    ModeSpecificCodec back = Json.mapper().readValue(Json.toString(codec), ModeSpecificCodec.class);
    assertEquals(codec.spans(), back.spans());
    float[] encoded = codec.encode(TABLE, new SplittableRandom(3), 1);
    Table a = codec.decode(encoded, TABLE.rowCount(), TABLE.schema());
    Table b = back.decode(encoded, TABLE.rowCount(), TABLE.schema());
    for (int c = 0; c < a.columnCount(); c++) {
      assertEquals(a.column(c), b.column(c));
    }
  }

  @Test
  void integersAreRoundedNotTruncatedAndClippedToTheObservedRange() {
    ColumnEncoding.Numeric days = new ColumnEncoding.Numeric("days", ColumnKind.INTEGER,
        new double[] {1.0}, new double[] {5.0}, new double[] {1.0}, new double[] {0.0}, 1, 14, 0);
    // scalar s decodes to 5 + 4 s: 0.4 -> 6.6 -> 7 (truncation would give 6).
    assertEquals(7.0, days.decode(0.4, 0));
    assertEquals(6.0, days.decode(0.35, 0)); // 6.4 -> 6
    assertEquals(3.0, days.decode(-0.4, 0)); // 3.4 -> 3
    // Beyond the observed range: clipped.
    ColumnEncoding.Numeric narrow = new ColumnEncoding.Numeric("n", ColumnKind.INTEGER,
        new double[] {1.0}, new double[] {5.0}, new double[] {3.0}, new double[] {0.0}, 2, 9, 0);
    assertEquals(9.0, narrow.decode(0.9, 0));
    assertEquals(2.0, narrow.decode(-0.9, 0));
  }

  @Test
  void missingValuesHaveTheirOwnPosition() {
    double[] values = {1.0, Double.NaN, 3.0, Double.NaN, 2.0, 2.5};
    String[] cats = {"a", null, "b", "a", null, "b"};
    TableSchema schema = TableSchema.of(List.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS),
        ColumnSpec.of("c", ColumnKind.CATEGORICAL)));
    Table t = new Table(schema, List.of(new NumericColumn("x", values),
        CategoricalColumn.of("c", cats, List.of("a", "b"))));
    ModeSpecificCodec codec = ModeSpecificCodec.fit(t, CodecOptions.DEFAULTS, Seeds.of(2), 1);
    ColumnEncoding.Numeric x = (ColumnEncoding.Numeric) codec.columns().get(0);
    ColumnEncoding.Categorical c = (ColumnEncoding.Categorical) codec.columns().get(1);
    assertEquals(1.0 / 3, x.missingRate(), 1e-12);
    assertEquals(List.of("a", "b"), c.categories());
    assertEquals(3, c.width(), "a, b and missing");
    float[] encoded = codec.encode(t, new SplittableRandom(1), 1);
    int w = codec.width();
    int missingX = codec.offset(0) + 1 + x.modes();
    int missingC = codec.offset(1) + 2;
    assertEquals(1f, encoded[w + missingX]);
    assertEquals(0f, encoded[missingX]);
    assertEquals(1f, encoded[w + missingC]);
    Table back = codec.decode(encoded, t.rowCount(), schema);
    assertTrue(Double.isNaN(back.numeric("x").get(1)));
    assertNull(back.categorical("c").value(1));
    assertEquals("b", back.categorical("c").value(2));
  }
}
