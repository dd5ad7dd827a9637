package org.synthehr.evaluator.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * Turns table rows into Tribuo examples: a numeric column becomes its standardised value (mean and
 * standard deviation of the table the encoder was fitted on) plus a missing indicator; a discrete
 * column becomes one-hot features for its {@value #MAX_CATEGORIES} most frequent categories, an
 * "other" feature and a "missing" feature. Tables are matched by column name, so a synthetic table
 * with its own dictionaries encodes consistently.
 */
public final class FeatureEncoder {
  /** Categories per column that get their own feature. */
  public static final int MAX_CATEGORIES = 30;

  private final List<String> columns;
  private final double[] means;
  private final double[] stds;
  private final List<Map<String, Integer>> categoryIndex;
  private final List<String[]> categoryFeatures;

  private FeatureEncoder(List<String> columns, double[] means, double[] stds,
      List<Map<String, Integer>> categoryIndex, List<String[]> categoryFeatures) {
    this.columns = columns;
    this.means = means;
    this.stds = stds;
    this.categoryIndex = categoryIndex;
    this.categoryFeatures = categoryFeatures;
  }

  /** Fits on a table's named columns. */
  public static FeatureEncoder fit(Table table, List<String> columns) {
    int n = columns.size();
    double[] means = new double[n];
    double[] stds = new double[n];
    List<Map<String, Integer>> index = new ArrayList<>();
    List<String[]> features = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = columns.get(i);
      Column c = table.column(name);
      if (c instanceof NumericColumn num) {
        double[] v = num.observed();
        double mean = Arrays.stream(v).average().orElse(0);
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElse(0);
        means[i] = mean;
        stds[i] = var > 0 ? Math.sqrt(var) : 1;
        index.add(null);
        features.add(null);
      } else {
        CategoricalColumn cat = (CategoricalColumn) c;
        long[] counts = cat.counts();
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
          if (counts[k] > 0) {
            order.add(k);
          }
        }
        order.sort(Comparator.comparingLong((Integer k) -> -counts[k]).thenComparing(k -> k));
        Map<String, Integer> map = new HashMap<>();
        int kept = Math.min(MAX_CATEGORIES, order.size());
        String[] names = new String[kept + 2];
        for (int r = 0; r < kept; r++) {
          String value = cat.dictionary().get(order.get(r));
          map.put(value, r);
          names[r] = name + "=" + value;
        }
        names[kept] = name + "=<other>";
        names[kept + 1] = name + "=<missing>";
        index.add(map);
        features.add(names);
      }
    }
    return new FeatureEncoder(List.copyOf(columns), means, stds, index, features);
  }

  /** The columns encoded, in order. */
  public List<String> columns() {
    return columns;
  }

  /** Examples of every row, each with the given label. */
  public List<Example<Label>> encode(Table table, Label[] labels) {
    int n = columns.size();
    Column[] cols = new Column[n];
    int[][] remap = new int[n][];
    for (int i = 0; i < n; i++) {
      cols[i] = table.column(columns.get(i));
      if (cols[i] instanceof CategoricalColumn cat) {
        Map<String, Integer> map = categoryIndex.get(i);
        int other = categoryFeatures.get(i).length - 2;
        remap[i] = cat.dictionary().stream().mapToInt(v -> map.getOrDefault(v, other)).toArray();
      }
    }
    List<Example<Label>> out = new ArrayList<>(table.rowCount());
    String[] names = new String[2 * n];
    double[] values = new double[2 * n];
    for (int r = 0; r < table.rowCount(); r++) {
      int f = 0;
      for (int i = 0; i < n; i++) {
        String col = columns.get(i);
        if (cols[i] instanceof NumericColumn num) {
          double v = num.get(r);
          if (Double.isNaN(v)) {
            names[f] = col + "=<missing>";
            values[f++] = 1;
          } else {
            names[f] = col;
            values[f++] = (v - means[i]) / stds[i];
          }
        } else {
          int code = ((CategoricalColumn) cols[i]).code(r);
          String[] feats = categoryFeatures.get(i);
          names[f] = code < 0 ? feats[feats.length - 1] : feats[remap[i][code]];
          values[f++] = 1;
        }
      }
      out.add(new ArrayExample<>(labels[r], Arrays.copyOf(names, f), Arrays.copyOf(values, f)));
    }
    return out;
  }
}
