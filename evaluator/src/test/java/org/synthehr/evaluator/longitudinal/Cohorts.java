package org.synthehr.evaluator.longitudinal;

import java.util.SplittableRandom;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSplit;
import org.synthehr.core.testing.LongitudinalTestData;

/** Real test cohorts and deliberately broken copies of them. */
final class Cohorts {
  private static CohortSplit sample;

  private Cohorts() {}

  /** The shipped PhysioNet sample split by patient (cached: read once per test JVM). */
  static synchronized CohortSplit sample() {
    if (sample == null) {
      sample = CohortSplit.byPatient(LongitudinalTestData.physionetSample().cohort(), 0.4, 7);
    }
    return sample;
  }

  /** The cohort with every value multiplied by a factor (values wrong, charting kept). */
  static Cohort scaled(Cohort c, float factor) {
    float[] v = c.values();
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
    return new Cohort(c.schema(), c.ids(), c.statics(), v, c.ends());
  }

  /** The cohort with each patient's steps shuffled (values kept, time structure destroyed). */
  static Cohort shuffledInTime(Cohort c, long seed) {
    float[] v = c.values();
    SplittableRandom rnd = new SplittableRandom(seed);
    int k = c.variables();
    int steps = c.steps();
    for (int p = 0; p < c.size(); p++) {
      for (int t = steps - 1; t > 0; t--) {
        int s = rnd.nextInt(t + 1);
        for (int j = 0; j < k; j++) {
          int a = (p * steps + t) * k + j;
          int b = (p * steps + s) * k + j;
          float x = v[a];
          v[a] = v[b];
          v[b] = x;
        }
      }
    }
    int[] ends = new int[c.size()];
    java.util.Arrays.fill(ends, steps);
    return new Cohort(c.schema(), c.ids(), c.statics(), v, ends);
  }
}
