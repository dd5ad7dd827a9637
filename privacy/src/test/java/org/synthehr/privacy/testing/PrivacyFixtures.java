package org.synthehr.privacy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.privacy.stats.Samples;

/**
 * Real diabetes130 rows split into training, holdout and a spare part, and the two synthetic data
 * sets every privacy attack is tested against: the training rows themselves (a generator that
 * copies its training data: every attack must flag it) and rows drawn independently of any patient
 * (every attack must find nothing).
 */
public final class PrivacyFixtures {
  private static Table sample;

  private PrivacyFixtures() {}

  /** The shipped sample (all 50 columns), loaded once per test JVM. */
  public static synchronized Table sample() {
    if (sample == null) {
      sample = TestData.diabetesSample();
    }
    return sample;
  }

  /**
   * Disjoint seeded parts of the shipped sample's modelled columns.
   *
   * @param training the training split
   * @param holdout the holdout
   * @param spare rows in neither
   */
  public record Splits(Table training, Table holdout, Table spare) {}

  /** 1,200 training rows, 1,200 holdout rows, the rest spare. */
  public static Splits splits() {
    return splits(1200, 1200);
  }

  /** Seeded disjoint parts of the given sizes. */
  public static Splits splits(int training, int holdout) {
    Table all = sample().modelled();
    SplittableRandom rnd = new SplittableRandom(2024);
    int[][] a = Samples.split(all.rowCount(), training, rnd);
    int[] rest = a[1];
    int[] pick = Samples.without(rest.length, holdout, rnd);
    boolean[] used = new boolean[rest.length];
    int[] h = new int[pick.length];
    for (int i = 0; i < pick.length; i++) {
      h[i] = rest[pick[i]];
      used[pick[i]] = true;
    }
    List<Integer> spare = new ArrayList<>();
    for (int i = 0; i < rest.length; i++) {
      if (!used[i]) {
        spare.add(rest[i]);
      }
    }
    return new Splits(all.take(a[0]), all.take(h),
        all.take(spare.stream().mapToInt(Integer::intValue).toArray()));
  }

  /**
   * Rows drawn with every column independent and uniform over its categories (or its observed
   * range, rounded for integers), with the column's missing rate: nothing in them depends on any
   * patient.
   */
  public static Table independentRandom(Table like, int rows, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Column> cols = new ArrayList<>();
    for (ColumnSpec spec : like.schema().columns()) {
      Column c = like.column(spec.name());
      double missing = (double) c.missingCount() / Math.max(1, c.size());
      if (c instanceof CategoricalColumn cat) {
        int[] codes = new int[rows];
        for (int r = 0; r < rows; r++) {
          codes[r] = rnd.nextDouble() < missing || cat.dictionary().isEmpty()
              ? CategoricalColumn.MISSING : rnd.nextInt(cat.dictionary().size());
        }
        cols.add(new CategoricalColumn(spec.name(), codes, cat.dictionary()));
      } else {
        double[] obs = ((NumericColumn) c).observed();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : obs) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        double[] v = new double[rows];
        for (int r = 0; r < rows; r++) {
          double x = obs.length == 0 || rnd.nextDouble() < missing ? Double.NaN
              : lo + rnd.nextDouble() * (hi - lo);
          v[r] = spec.kind() == ColumnKind.CONTINUOUS ? x : Math.rint(x);
        }
        cols.add(new NumericColumn(spec.name(), v));
      }
    }
    return new Table(like.schema(), cols);
  }
}
