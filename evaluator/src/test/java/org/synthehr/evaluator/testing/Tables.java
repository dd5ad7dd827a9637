package org.synthehr.evaluator.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.evaluator.model.RowSampler;

/**
 * Tables for evaluator tests: small hand-made ones, and variants of the real diabetes130 sample
 * (disjoint real halves, every column shuffled on its own, and noise) that every metric must rank:
 * real-vs-real near its baseline, shuffled or noise clearly worse.
 */
public final class Tables {
  /** A mixed subset of the sample's columns (numeric, ordinal, categorical, the label). */
  public static final List<String> COLUMNS = List.of("race", "gender", "age", "admission_type_id",
      "time_in_hospital", "num_lab_procedures", "num_procedures", "num_medications",
      "number_inpatient", "number_diagnoses", "A1Cresult", "insulin", "diabetesMed", "readmitted");

  private Tables() {}

  /** A one-column numeric table. */
  public static Table numeric(String name, double... values) {
    return new Table(TableSchema.of(List.of(ColumnSpec.of(name, ColumnKind.CONTINUOUS))),
        List.of(new NumericColumn(name, values)));
  }

  /** A one-column categorical table (null = missing); dictionary in first-seen order. */
  public static Table categorical(String name, String... values) {
    List<String> dict = new ArrayList<>();
    for (String v : values) {
      if (v != null && !dict.contains(v)) {
        dict.add(v);
      }
    }
    return new Table(TableSchema.of(List.of(ColumnSpec.of(name, ColumnKind.CATEGORICAL))),
        List.of(CategoricalColumn.of(name, values, dict)));
  }

  private static Table diabetes;

  /**
   * The sample's chosen columns with readmitted as the label, shuffled rows (seeded); loaded once per
   * test JVM (tables are immutable).
   */
  public static synchronized Table diabetes() {
    if (diabetes == null) {
      Table t = TestData.diabetesSample().select(COLUMNS);
      t = new Table(t.schema().withLabel("readmitted"), t.columns());
      diabetes = t.take(RowSampler.permutation(t.rowCount(), 7));
    }
    return diabetes;
  }

  /** Rows [from, to) of a table. */
  public static Table rows(Table t, int from, int to) {
    return t.take(java.util.stream.IntStream.range(from, to).toArray());
  }

  /** Every column shuffled on its own: marginals kept, every association broken. */
  public static Table shuffled(Table t, long seed) {
    List<Column> cols = new ArrayList<>();
    int k = 0;
    for (Column c : t.columns()) {
      cols.add(c.take(RowSampler.permutation(t.rowCount(), seed + k++)));
    }
    return new Table(t.schema(), cols);
  }

  /**
   * Noise: numeric values uniform over the column's observed range, categories uniform over its
   * dictionary, with a few (one in forty present values) that the real data never has; a fifth of
   * all values missing.
   */
  public static Table noise(Table t, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Column> cols = new ArrayList<>();
    for (Column c : t.columns()) {
      int n = c.size();
      if (c instanceof NumericColumn num) {
        double[] obs = num.observed();
        double lo = java.util.Arrays.stream(obs).min().orElse(0);
        double hi = java.util.Arrays.stream(obs).max().orElse(1);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = r.nextDouble() < 0.2 ? Double.NaN : Math.round(lo + (hi - lo) * r.nextDouble());
        }
        cols.add(new NumericColumn(c.name(), v));
      } else {
        CategoricalColumn cat = (CategoricalColumn) c;
        List<String> dict = new ArrayList<>(cat.dictionary());
        dict.addAll(List.of("noise-1", "noise-2", "noise-3"));
        int[] codes = new int[n];
        int real = cat.dictionary().size();
        for (int i = 0; i < n; i++) {
          double u = r.nextDouble();
          // A few invented values, within what the evaluator tolerates before it calls the two
          // sides differently spelled (SideAgreement); the rest uniform over the real categories.
          codes[i] = u < 0.2 ? CategoricalColumn.MISSING
              : u < 0.22 || real == 0 ? real + r.nextInt(3) : r.nextInt(real);
        }
        cols.add(new CategoricalColumn(c.name(), codes, dict));
      }
    }
    return new Table(t.schema(), cols);
  }

  /** Mode collapse: every row the same, each column at its most frequent value. */
  public static Table collapsed(Table t) {
    List<Column> cols = new ArrayList<>();
    int n = t.rowCount();
    for (Column c : t.columns()) {
      if (c instanceof NumericColumn num) {
        java.util.Map<Double, Integer> counts = new java.util.HashMap<>();
        for (double v : num.observed()) {
          counts.merge(v, 1, Integer::sum);
        }
        double mode = counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue())
            .orElseThrow().getKey();
        double[] v = new double[n];
        java.util.Arrays.fill(v, mode);
        cols.add(new NumericColumn(c.name(), v));
      } else {
        CategoricalColumn cat = (CategoricalColumn) c;
        long[] counts = cat.counts();
        int mode = 0;
        for (int i = 1; i < counts.length; i++) {
          mode = counts[i] > counts[mode] ? i : mode;
        }
        int[] codes = new int[n];
        java.util.Arrays.fill(codes, mode);
        cols.add(new CategoricalColumn(c.name(), codes, cat.dictionary()));
      }
    }
    return new Table(t.schema(), cols);
  }
}
