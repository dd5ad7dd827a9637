package org.synthehr.generator.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The repaired correlation matrix is exactly symmetric, so Cholesky accepts it even where entries
 * are zero (a column constant in a small training set, as in shadow trainings of privacy attacks).
 */
class CorrelationRepairTest {
  @Test
  void repairedMatrixIsBitwiseSymmetricAndFactorises() {
    SplittableRandom rnd = new SplittableRandom(1);
    int d = 48;
    double[][] r = new double[d][d];
    for (int i = 0; i < d; i++) {
      r[i][i] = 1;
      for (int j = i + 1; j < d; j++) {
        // A third of the pairs are exactly uncorrelated, the rest noisy and not jointly PSD.
        double v = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(-0.9, 0.9);
        r[i][j] = v;
        r[j][i] = v;
      }
    }
    double[][] out = CorrelationRepair.positiveDefinite(r);
    for (int i = 0; i < d; i++) {
      assertEquals(1.0, out[i][i]);
      for (int j = 0; j < d; j++) {
        assertEquals(out[i][j], out[j][i], 0.0, "entry " + i + "," + j);
      }
    }
    ConditionalGaussian.cholesky(out);
  }
}
