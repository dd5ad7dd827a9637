package org.synthehr.privacy.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.stats.Samples;
import org.synthehr.privacy.stats.SuccessRate;

/**
 * Singling out in the manner of Anonymeter's multivariate mode: the attacker writes predicates from
 * synthetic rows ({@code age = [70-80) AND num_medications >= 31 AND diag_1 = 428}) that pick out
 * exactly one synthetic row, and claims each picks out exactly one patient. The claim's success on
 * the training records, against its success on an equal number of control records the generator
 * never saw, gives the risk. Categorical predicates are equalities (or "is missing"), numeric ones
 * a random choice of {@code <=} or {@code >=} the row's value.
 */
public final class SinglingOutAttack {
  /** Metric id. */
  public static final String ID = "privacy.singling_out.risk";
  private static final int ATTEMPTS_PER_QUERY = 50;

  private final int queries;
  private final int columnsPerQuery;

  /**
   * @param queries predicates to find
   * @param columnsPerQuery columns in each predicate
   */
  public SinglingOutAttack(int queries, int columnsPerQuery) {
    this.queries = queries;
    this.columnsPerQuery = columnsPerQuery;
  }

  /** A conjunction of conditions on columns, each satisfied by one synthetic row's values. */
  private record Predicate(int[] columns, int[] ops, double[] numbers, String[] categories) {}

  /**
   * Runs the attack.
   *
   * @param synthetic the released rows
   * @param training training records
   * @param control records not used in training
   */
  public InferenceRisk run(Table synthetic, Table training, Table control, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Table syn = synthetic.modelled();
    int m = Math.min(training.rowCount(), control.rowCount());
    Table t = training.modelled().take(Samples.without(training.rowCount(), m, rnd));
    Table c = control.modelled().take(Samples.without(control.rowCount(), m, rnd));
    List<String> names = syn.schema().names();
    int k = Math.min(columnsPerQuery, names.size());
    List<Predicate> found = new ArrayList<>();
    int attempts = 0;
    int maxAttempts = queries * ATTEMPTS_PER_QUERY;
    while (found.size() < queries && attempts < maxAttempts && syn.rowCount() > 0) {
      attempts++;
      Predicate p = draw(syn, rnd.nextInt(syn.rowCount()), k, rnd);
      if (matches(syn, p, 2) == 1) {
        found.add(p);
      }
    }
    long onTraining = 0;
    long onControl = 0;
    for (Predicate p : found) {
      onTraining += matches(t, p, 2) == 1 ? 1 : 0;
      onControl += matches(c, p, 2) == 1 ? 1 : 0;
    }
    // Baseline: predicates from random values of each column, not from synthetic rows.
    long base = 0;
    int baseQueries = found.size();
    for (int q = 0; q < baseQueries; q++) {
      base += matches(t, randomPredicate(t, k, rnd), 2) == 1 ? 1 : 0;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("queries", found.size());
    details.put("attempts", attempts);
    details.put("columns_per_query", k);
    details.put("records_per_side", m);
    return InferenceRisk.of(ID, "Singling-out risk: how much more often than on unseen patients"
        + " a predicate written from a unique synthetic row picks out exactly one training patient"
        + " (0 = no risk, 1 = every such predicate singles out a patient)",
        SuccessRate.of(onTraining, found.size()), SuccessRate.of(onControl, found.size()),
        SuccessRate.of(base, baseQueries), details);
  }

  private static Predicate draw(Table syn, int row, int k, SplittableRandom rnd) {
    int[] cols = Samples.without(syn.columnCount(), k, rnd);
    int[] ops = new int[k];
    double[] numbers = new double[k];
    String[] categories = new String[k];
    for (int j = 0; j < k; j++) {
      Column col = syn.column(cols[j]);
      if (col.isMissing(row)) {
        ops[j] = MISSING;
      } else if (col instanceof CategoricalColumn cat) {
        ops[j] = EQUALS;
        categories[j] = cat.value(row);
      } else {
        ops[j] = rnd.nextBoolean() ? AT_MOST : AT_LEAST;
        numbers[j] = ((NumericColumn) col).get(row);
      }
    }
    return new Predicate(cols, ops, numbers, categories);
  }

  private static Predicate randomPredicate(Table t, int k, SplittableRandom rnd) {
    int[] cols = Samples.without(t.columnCount(), k, rnd);
    int[] ops = new int[k];
    double[] numbers = new double[k];
    String[] categories = new String[k];
    for (int j = 0; j < k; j++) {
      Column col = t.column(cols[j]);
      int r = rnd.nextInt(t.rowCount());
      if (col instanceof CategoricalColumn cat) {
        List<String> dict = cat.dictionary();
        ops[j] = dict.isEmpty() ? MISSING : EQUALS;
        categories[j] = dict.isEmpty() ? null : dict.get(rnd.nextInt(dict.size()));
      } else if (col.isMissing(r)) {
        ops[j] = MISSING;
      } else {
        ops[j] = rnd.nextBoolean() ? AT_MOST : AT_LEAST;
        numbers[j] = ((NumericColumn) col).get(r);
      }
    }
    return new Predicate(cols, ops, numbers, categories);
  }

  private static final int EQUALS = 0;
  private static final int AT_MOST = 1;
  private static final int AT_LEAST = 2;
  private static final int MISSING = 3;

  /** Rows of {@code t} satisfying the predicate, counting no further than {@code cap}. */
  private static int matches(Table t, Predicate p, int cap) {
    int n = 0;
    Column[] cols = new Column[p.columns.length];
    for (int j = 0; j < cols.length; j++) {
      cols[j] = t.column(p.columns[j]);
    }
    for (int r = 0; r < t.rowCount() && n < cap; r++) {
      boolean ok = true;
      for (int j = 0; j < cols.length && ok; j++) {
        Column col = cols[j];
        switch (p.ops[j]) {
          case MISSING -> ok = col.isMissing(r);
          case EQUALS -> ok = !col.isMissing(r)
              && p.categories[j].equals(((CategoricalColumn) col).value(r));
          case AT_MOST -> ok = !col.isMissing(r) && ((NumericColumn) col).get(r) <= p.numbers[j];
          default -> ok = !col.isMissing(r) && ((NumericColumn) col).get(r) >= p.numbers[j];
        }
      }
      n += ok ? 1 : 0;
    }
    return n;
  }
}
