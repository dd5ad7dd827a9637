package org.synthehr.core.longitudinal;

import java.util.ArrayList;
import java.util.List;
import org.synthehr.core.seed.Seeds;

/**
 * A cohort split by patient into training and holdout: a patient goes to the holdout when a seeded
 * hash of its id falls below the holdout share, so the split depends only on the ids and the seed,
 * never on the order or partitioning of the data.
 *
 * @param training patients the model learns from
 * @param holdout patients it never sees
 */
public record CohortSplit(Cohort training, Cohort holdout) {

  /** Splits a cohort. */
  public static CohortSplit byPatient(Cohort c, double holdoutFraction, long seed) {
    List<Integer> train = new ArrayList<>();
    List<Integer> hold = new ArrayList<>();
    for (int p = 0; p < c.size(); p++) {
      (unit(c.id(p), seed) < holdoutFraction ? hold : train).add(p);
    }
    return new CohortSplit(c.take(train.stream().mapToInt(Integer::intValue).toArray()),
        c.take(hold.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** A seeded hash of an id in [0, 1). */
  public static double unit(String id, long seed) {
    return (Seeds.mix(seed ^ Seeds.fnv1a(id)) >>> 11) * 0x1.0p-53;
  }

  /** At most n patients, chosen by the same seeded hash (all when there are fewer). */
  public static Cohort atMost(Cohort c, int n, long seed) {
    if (c.size() <= n) {
      return c;
    }
    Integer[] idx = new Integer[c.size()];
    double[] key = new double[c.size()];
    for (int p = 0; p < idx.length; p++) {
      idx[p] = p;
      key[p] = unit(c.id(p), seed);
    }
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(key[a], key[b]));
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = idx[i];
    }
    java.util.Arrays.sort(rows);
    return c.take(rows);
  }
}
