package org.synthehr.generator.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.io.Json;

class SummaryCalibrationTest {
  /** Generated values are half the training values: the mapping doubles them. */
  @Test
  void mapsGeneratedQuantilesOntoTrainingQuantiles() {
    SplittableRandom rnd = new SplittableRandom(1);
    float[][] generated = new float[4000][1];
    float[][] training = new float[3000][1];
    for (float[] g : generated) {
      g[0] = (float) (0.5 * rnd.nextDouble());
    }
    for (float[] t : training) {
      t[0] = (float) rnd.nextDouble();
    }
    SummaryCalibration c = SummaryCalibration.fit(generated, training, 0.001);
    float previous = -1;
    for (double v = 0.01; v < 0.5; v += 0.01) {
      float mapped = c.map(0, (float) v, 0.5);
      assertEquals(2 * v, mapped, 0.04, "calibrated " + v);
      assertTrue(mapped >= previous, "monotone");
      previous = mapped;
    }
    assertEquals(c.map(0, -5f, 0.5), c.map(0, -1f, 0.5), "below the range: the lowest quantile");
    assertTrue(c.map(0, 5f, 0.5) <= 1f, "above the range: the highest quantile");
  }

  /** Half the generated patients never chart a variable where a quarter of the real ones do not. */
  @Test
  void spreadsAPointMassOverTheTrainingMassAtThatPoint() {
    SplittableRandom rnd = new SplittableRandom(2);
    float[][] generated = new float[4000][1];
    float[][] training = new float[4000][1];
    for (int i = 0; i < 4000; i++) {
      generated[i][0] = i % 2 == 0 ? -1f : (float) (-0.8 + 0.5 * rnd.nextDouble());
      training[i][0] = i % 4 == 0 ? -1f : (float) (-0.8 + 0.5 * rnd.nextDouble());
    }
    SummaryCalibration c = SummaryCalibration.fit(generated, training, 0.001);
    int never = 0;
    SplittableRandom u = new SplittableRandom(3);
    for (float[] g : generated) {
      never += c.map(0, g[0], u.nextDouble()) == -1f ? 1 : 0;
    }
    assertEquals(0.25, never / 4000.0, 0.03, "share mapped onto 'never charted'");
  }

  @Test
  void survivesJson() throws Exception {
    SummaryCalibration c = new SummaryCalibration(new double[][] {{-1, 0, 1}},
        new double[][] {{-1, -0.5, 1}});
    SummaryCalibration back = Json.mapper().readValue(Json.mapper().writeValueAsString(c),
        SummaryCalibration.class);
    assertEquals(c.map(0, 0.5f, 0.3), back.map(0, 0.5f, 0.3));
    assertEquals(0.25f, back.map(0, 0.5f, 0.3), 1e-6);
  }
}
