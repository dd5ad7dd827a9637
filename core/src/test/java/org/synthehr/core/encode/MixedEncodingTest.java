package org.synthehr.core.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.StringColumn;
import org.synthehr.core.table.Table;

class MixedEncodingTest {
  @Test
  void standardisesNumericsOneHotsCategoriesAndSkipsIdentifiers() {
    TableSchema schema = TableSchema.of(List.of(ColumnSpec.of("id", ColumnKind.IDENTIFIER),
        ColumnSpec.of("x", ColumnKind.CONTINUOUS), ColumnSpec.of("c", ColumnKind.CATEGORICAL)));
    Table t = new Table(schema, List.of(new StringColumn("id", new String[] {"a", "b", "c"}),
        new NumericColumn("x", new double[] {1, 3, Double.NaN}),
        new CategoricalColumn("c", new int[] {0, 1, 1}, List.of("p", "q"))));
    MixedEncoding e = MixedEncoding.fit(t);
    assertEquals(4, e.width());
    assertEquals(List.of("x", "x=<missing>", "c=p", "c=q"), e.featureNames());
    float[] m = e.encode(t);
    double sd = Math.sqrt(2.0);
    assertEquals((float) (-1 / sd), m[0], 1e-6);
    assertEquals((float) (1 / sd), m[4], 1e-6);
    assertEquals(1f, m[9]);
    float h = (float) (1 / Math.sqrt(2));
    assertEquals(h, m[2]);
    assertEquals(0f, m[3]);
    // Two different categories are at distance 1, like one standard deviation.
    double d2 = Math.pow(m[2] - m[6], 2) + Math.pow(m[3] - m[7], 2);
    assertEquals(1.0, d2, 1e-6);
  }
}
