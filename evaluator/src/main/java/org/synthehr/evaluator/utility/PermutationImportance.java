package org.synthehr.evaluator.utility;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.stats.Auc;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.model.BinaryClassifier;
import org.synthehr.evaluator.model.RowSampler;

/**
 * How much a model relies on each column: the drop of its test AUC when that column's values are
 * shuffled among the test rows (seeded), which breaks the column's link to the outcome and to the
 * other columns. Model-agnostic, so linear models and tree ensembles compare on one scale.
 */
public final class PermutationImportance {
  private PermutationImportance() {}

  /** Importance per feature column, in the given order. */
  public static Map<String, Double> compute(BinaryClassifier model, Table test, boolean[] truth,
      List<String> features, long seed) {
    double base = Auc.of(truth, model.scores(test));
    Map<String, Double> out = new LinkedHashMap<>();
    int[] perm = RowSampler.permutation(test.rowCount(), seed);
    for (String f : features) {
      List<Column> cols = new ArrayList<>();
      for (Column c : test.columns()) {
        cols.add(c.name().equals(f) ? c.take(perm) : c);
      }
      double auc = Auc.of(truth, model.scores(new Table(test.schema(), cols)));
      out.put(f, Double.isNaN(base) || Double.isNaN(auc) ? 0.0 : base - auc);
    }
    return out;
  }
}
