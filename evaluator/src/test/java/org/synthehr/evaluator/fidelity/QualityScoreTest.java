package org.synthehr.evaluator.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.testing.Tables;

/**
 * The statistics-based quality score equals REFERENCE.md's definition computed row by row (an
 * independent implementation of the formula, kept here as the oracle).
 */
class QualityScoreTest {
  private static final Map<String, double[]> RANGES = new java.util.HashMap<>();

  @Test
  void equalsTheRowByRowDefinition() {
    Table t = Tables.diabetes();
    Table real = Tables.rows(t, 0, 1500);
    Table syn = Tables.shuffled(Tables.rows(t, 1500, t.rowCount()), 1);
    QualityScore.Result q = QualityScore.score(real, syn);
    double[] oracle = oracle(real, syn);
    assertEquals(oracle[0], q.shape(), 1e-12);
    assertEquals(oracle[1], q.trend(), 1e-12);
    assertEquals((oracle[0] + oracle[1]) / 2, q.overall(), 1e-12);
  }

  @Test
  void realAgainstItselfScoresOne() {
    Table t = Tables.diabetes();
    assertEquals(1.0, QualityScore.score(t, t).overall(), 1e-12);
  }

  /** {shape, trend} by the REFERENCE.md formula over rows. */
  private static double[] oracle(Table real, Table syn) {
    List<String> names = real.schema().names();
    double shape = 0;
    for (String c : names) {
      shape += QualityScore.shape(real.column(c), syn.column(c));
    }
    shape /= names.size();
    double trend = 0;
    int pairs = 0;
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        Column ri = real.column(names.get(i));
        Column rj = real.column(names.get(j));
        if (ri instanceof NumericColumn a && rj instanceof NumericColumn b) {
          trend += 1 - Math.abs(Distributions.pearson(a, b) - Distributions.pearson(
              syn.numeric(names.get(i)), syn.numeric(names.get(j)))) / 2;
        } else {
          Map<String, Double> p = joint(real, ri, rj, real);
          Map<String, Double> q = joint(real, syn.column(names.get(i)), syn.column(names.get(j)),
              syn);
          List<String> keys = new ArrayList<>(p.keySet());
          q.keySet().stream().filter(k -> !p.containsKey(k)).forEach(keys::add);
          double tvd = 0;
          for (String k : keys) {
            tvd += Math.abs(p.getOrDefault(k, 0.0) - q.getOrDefault(k, 0.0));
          }
          trend += 1 - tvd / 2;
        }
        pairs++;
      }
    }
    return new double[] {shape, trend / pairs};
  }

  private static Map<String, Double> joint(Table real, Column a, Column b, Table t) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int r = 0; r < t.rowCount(); r++) {
      String k = code(real, a, r) + "\u0000" + code(real, b, r);
      out.merge(k, 1.0 / t.rowCount(), Double::sum);
    }
    return out;
  }

  /** A category's text, or a numeric value's bin among 10 equal-width bins of the real range. */
  private static String code(Table real, Column c, int r) {
    if (c instanceof CategoricalColumn cat) {
      return cat.isMissing(r) ? "<missing>" : cat.value(r);
    }
    double v = ((NumericColumn) c).get(r);
    if (Double.isNaN(v)) {
      return "<missing>";
    }
    double[] range = RANGES.computeIfAbsent(c.name(), n -> {
      double[] obs = real.numeric(n).observed();
      return new double[] {java.util.Arrays.stream(obs).min().orElse(0),
          java.util.Arrays.stream(obs).max().orElse(0)};
    });
    double min = range[0];
    double max = range[1];
    double width = (max - min) / 10;
    return width <= 0 ? "0" : Integer.toString((int) Math.max(0, Math.min(9,
        Math.floor((v - min) / width))));
  }
}
