package org.synthehr.generator.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;

/**
 * The reference's conditional vector is mis-indexed for every discrete column but the first; these
 * tests pin the mapping for all of them.
 */
class ConditionalVectorsTest {
  private static final Table TABLE = TestData.contractTable(600, 7).modelled();
  private static final ModeSpecificCodec CODEC = ModeSpecificCodec.fit(TABLE,
      CodecOptions.DEFAULTS, Seeds.of(1), 2);
  private static final float[] DATA = CODEC.encode(TABLE, new SplittableRandom(2), 2);

  @Test
  void blocksFollowTheDiscreteColumnsInOrder() {
    ConditionalVectors cv = ConditionalVectors.forTraining(CODEC, DATA, TABLE.rowCount(), true);
    List<ColumnEncoding.Categorical> discrete = CODEC.discreteColumns();
    assertEquals(discrete.size(), cv.discreteColumns());
    int at = 0;
    for (int d = 0; d < discrete.size(); d++) {
      assertEquals(at, cv.condOffset(d));
      assertEquals(discrete.get(d).width(), cv.width(d));
      assertEquals(CODEC.offset(CODEC.indexOf(discrete.get(d).column())), cv.dataOffset(d));
      at += cv.width(d);
    }
    assertEquals(at, cv.width());
  }

  @Test
  void trainingRowsCarryTheConditionedCategoryForEveryDiscreteColumn() {
    ConditionalVectors cv = ConditionalVectors.forTraining(CODEC, DATA, TABLE.rowCount(), true);
    int batch = 20_000;
    float[] cond = new float[batch * cv.width()];
    int[] position = new int[batch];
    int[] rows = new int[batch];
    cv.sampleForTraining(new SplittableRandom(3), batch, cond, position, rows);
    int[] chosen = new int[cv.discreteColumns()];
    for (int r = 0; r < batch; r++) {
      int hot = -1;
      for (int p = 0; p < cv.width(); p++) {
        if (cond[r * cv.width() + p] == 1f) {
          assertEquals(-1, hot, "exactly one hot position");
          hot = p;
        }
      }
      assertEquals(position[r], hot);
      int d = cv.discreteColumns() - 1;
      while (cv.condOffset(d) > hot) {
        d--;
      }
      chosen[d]++;
      int k = hot - cv.condOffset(d);
      // The real row picked for this condition has the same category at the same place.
      assertEquals(1f, DATA[rows[r] * CODEC.width() + cv.dataOffset(d) + k],
          "discrete column " + d + " category " + k + " row " + rows[r]);
      // ... and decodes to that category.
      ColumnEncoding.Categorical c = CODEC.discreteColumns().get(d);
      CategoricalColumn col = TABLE.categorical(c.column());
      String expected = k < c.categories().size() ? c.categories().get(k) : null;
      assertEquals(expected, col.value(rows[r]));
    }
    for (int d = 0; d < chosen.length; d++) {
      // Columns are picked uniformly.
      assertEquals(1.0 / chosen.length, (double) chosen[d] / batch, 0.02, "column " + d);
    }
  }

  @Test
  void categoriesArePickedByLogFrequency() {
    ConditionalVectors cv = ConditionalVectors.forTraining(CODEC, DATA, TABLE.rowCount(), true);
    int d = CODEC.discreteColumns().stream().map(ColumnEncoding::column).toList().indexOf("race");
    ColumnEncoding.Categorical race = CODEC.discreteColumns().get(d);
    double[] freq = race.positionFrequencies();
    double[] expected = new double[freq.length];
    double total = 0;
    for (int k = 0; k < freq.length; k++) {
      expected[k] = Math.log1p(Math.round(freq[k] * TABLE.rowCount()));
      total += expected[k];
    }
    int batch = 200_000;
    float[] cond = new float[batch * cv.width()];
    cv.sampleForTraining(new SplittableRandom(4), batch, cond, new int[batch], null);
    double[] seen = new double[freq.length];
    int inColumn = 0;
    for (int r = 0; r < batch; r++) {
      for (int k = 0; k < freq.length; k++) {
        if (cond[r * cv.width() + cv.condOffset(d) + k] == 1f) {
          seen[k]++;
          inColumn++;
        }
      }
    }
    for (int k = 0; k < freq.length; k++) {
      assertEquals(expected[k] / total, seen[k] / inColumn, 0.01, "race position " + k);
    }
  }

  @Test
  void fixedConditionsSetTheRightBlockForEveryDiscreteColumn() {
    ConditionalVectors cv = ConditionalVectors.forSampling(CODEC);
    for (int d = 0; d < cv.discreteColumns(); d++) {
      for (int k = 0; k < cv.width(d); k++) {
        float[] cond = new float[10 * cv.width()];
        cv.sampleFixed(new SplittableRandom(d * 100 + k), 10, cond, d, new int[] {k});
        for (int r = 0; r < 10; r++) {
          for (int p = 0; p < cv.width(); p++) {
            assertEquals(p == cv.condOffset(d) + k ? 1f : 0f, cond[r * cv.width() + p]);
          }
        }
      }
    }
  }

  @Test
  void unconditionalVectorsFollowTheTrainingFrequencies() {
    ConditionalVectors cv = ConditionalVectors.forSampling(CODEC);
    int batch = 100_000;
    float[] cond = new float[batch * cv.width()];
    cv.sampleOriginal(new SplittableRandom(6), batch, cond);
    for (int d = 0; d < cv.discreteColumns(); d++) {
      double[] freq = CODEC.discreteColumns().get(d).positionFrequencies();
      double[] seen = new double[freq.length];
      int n = 0;
      for (int r = 0; r < batch; r++) {
        for (int k = 0; k < freq.length; k++) {
          if (cond[r * cv.width() + cv.condOffset(d) + k] == 1f) {
            seen[k]++;
            n++;
          }
        }
      }
      assertTrue(n > 0);
      for (int k = 0; k < freq.length; k++) {
        assertEquals(freq[k], seen[k] / n, 0.02, "column " + d + " position " + k);
      }
    }
  }
}
