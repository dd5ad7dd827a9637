package org.synthehr.generator.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthehr.core.schema.ColumnKind;

/** The quantile-to-normal transform: a standard normal marginal, faithful inverse, no rows stored. */
class QuantileNormalTest {
  private static double[] lognormal(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.exp(r.nextGaussian());
    }
    return x;
  }

  @Test
  void scoresAreStandardNormalAndMapBack() {
    double[] x = lognormal(30_000, 1);
    QuantileNormal q = QuantileNormal.fit("v", ColumnKind.CONTINUOUS, x, 0, 1000, 30, true,
        new SplittableRandom(2));
    assertEquals(1000, q.levels().length);
    double sum = 0;
    double sq = 0;
    for (double v : x) {
      double z = q.toNormal(v, 0);
      sum += z;
      sq += z * z;
      assertEquals(v, q.fromNormal(z), 0.02 * v + 0.01);
    }
    assertEquals(0, sum / x.length, 0.01);
    assertEquals(1, sq / x.length - Math.pow(sum / x.length, 2), 0.02);
  }

  @Test
  void gridHoldsNoTrainingValueButTheRangeBounds() {
    double[] x = lognormal(600, 3);
    QuantileNormal q = QuantileNormal.fit("v", ColumnKind.CONTINUOUS, x, 0.1, 1000, 30, true,
        new SplittableRandom(4));
    assertEquals(20, q.values().length, "at most one grid point per 30 rows");
    Set<Double> training = new HashSet<>();
    for (double v : x) {
      training.add(v);
    }
    double min = Arrays.stream(x).min().orElseThrow();
    double max = Arrays.stream(x).max().orElseThrow();
    for (double v : q.values()) {
      assertFalse(training.contains(v) && v != min && v != max, "grid stores training value " + v);
    }
    assertTrue(q.hasMissing());
  }

  @Test
  void integersAreDequantisedThenRoundedBackWithinTheRange() {
    SplittableRandom r = new SplittableRandom(5);
    double[] x = new double[5000];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() < 0.8 ? 0 : 1 + r.nextInt(6);
    }
    QuantileNormal q = QuantileNormal.fit("n", ColumnKind.INTEGER, x, 0, 1000, 30, true,
        new SplittableRandom(6));
    assertTrue(q.dequantized());
    int zeros = 0;
    for (double v : x) {
      double z = q.toNormal(v, r.nextDouble());
      double back = q.fromNormal(z);
      assertEquals(Math.rint(back), back);
      assertTrue(back >= 0 && back <= 6);
      zeros += back == 0 ? 1 : 0;
    }
    assertEquals(0.8, (double) zeros / x.length, 0.02);
    assertEquals(0.0, q.fromNormal(-QuantileNormal.Z_LIMIT));
    assertEquals(6.0, q.fromNormal(QuantileNormal.Z_LIMIT));
  }

  @Test
  void tiesWithoutDequantisationMapToTheMiddleOfTheirRun() {
    double[] x = new double[300];
    for (int i = 0; i < 300; i++) {
      x[i] = i < 200 ? 5 : 10 + i;
    }
    QuantileNormal q = QuantileNormal.fit("c", ColumnKind.CONTINUOUS, x, 0, 1000, 10, false,
        new SplittableRandom(1));
    double level = q.level(5);
    assertTrue(level > 0.25 && level < 0.45, "level of the tied value " + level);
  }

  @Test
  void normalCdfAndItsInverseAgree() {
    assertEquals(0.9031995154143897, QuantileNormal.normalCdf(1.3), 1e-7);
    assertEquals(0.5, QuantileNormal.normalCdf(0), 1e-7);
    for (double u : new double[] {1e-6, 0.01, 0.3, 0.5, 0.77, 0.999}) {
      assertEquals(u, QuantileNormal.normalCdf(QuantileNormal.inverseNormalCdf(u)), 1e-7);
    }
    assertEquals(QuantileNormal.Z_LIMIT, QuantileNormal.inverseNormalCdf(1 - QuantileNormal.TAIL),
        1e-6);
  }
}
