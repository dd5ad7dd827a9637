package org.synthehr.generator.longitudinal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarginalBalanceTest {

  private static double[][] column(double... values) {
    double[][] rows = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      rows[i] = new double[] {values[i]};
    }
    return rows;
  }

  private static double[] uniform(int n, long seed, double power) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.pow(rnd.nextDouble(), power);
    }
    return v;
  }

  @Test
  void decilesOfTheRealCohortWithTiesCollapsed() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i < 40 ? 0 : i;
    }
    MarginalBalance b = MarginalBalance.of(column(values));
    // 40% at zero: the first four decile edges coincide, leaving 6 edges and 7 bins.
    assertEquals(0.0, b.edges()[0][0]);
    assertEquals(6, b.edges()[0].length);
    assertEquals(0.4, b.shares()[0][0], 1e-9);
    assertEquals(1.0, Arrays.stream(b.shares()[0]).sum(), 1e-9);
  }

  @Test
  void chosenPatientsFillTheDecilesAsTheRealCohortDoes() {
    MarginalBalance b = MarginalBalance.of(column(uniform(2000, 1, 1)));
    // Candidates crowd towards 0: a fifth of them fall in the first decile alone.
    double[][] candidates = column(uniform(800, 2, 2));
    int[] chosen = b.tally().choose(candidates, new double[800], 200);
    int[] perDecile = new int[b.shares()[0].length];
    int[] firstTwoHundred = new int[perDecile.length];
    for (int i = 0; i < 200; i++) {
      perDecile[MarginalBalance.bin(candidates[chosen[i]][0], b.edges()[0])]++;
      firstTwoHundred[MarginalBalance.bin(candidates[i][0], b.edges()[0])]++;
    }
    for (int d = 0; d < perDecile.length; d++) {
      assertEquals(200 * b.shares()[0][d], perDecile[d], 1.0, "decile " + d);
    }
    assertTrue(firstTwoHundred[0] > 50, "the candidates themselves are skewed");
  }

  @Test
  void countsCarryOverFromOneBatchToTheNext() {
    MarginalBalance b = MarginalBalance.of(column(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    MarginalBalance.Tally tally = b.tally();
    // Batch one can only take low values; batch two then makes up for them with high ones.
    tally.choose(column(0, 1, 0, 1), new double[4], 2);
    int[] second = tally.choose(column(0, 1, 8, 9), new double[4], 2);
    assertArrayEquals(new int[] {2, 3}, second);
  }

  @Test
  void theCriticDecidesBetweenCandidatesInTheSameDeciles() {
    MarginalBalance b = MarginalBalance.of(column(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    int[] chosen = b.tally().choose(column(5, 5, 5), new double[] {-1, 2, 0.5}, 1);
    assertArrayEquals(new int[] {1}, chosen);
  }

  @Test
  void chosenIndicesAreDistinctAndAscending() {
    MarginalBalance b = MarginalBalance.of(column(uniform(500, 3, 1)));
    int[] chosen = b.tally().choose(column(uniform(64, 4, 1)), uniform(64, 5, 1), 16);
    for (int i = 1; i < chosen.length; i++) {
      assertTrue(chosen[i] > chosen[i - 1]);
    }
    assertThrows(IllegalArgumentException.class,
        () -> b.tally().choose(column(1, 2), new double[2], 3));
  }
}
