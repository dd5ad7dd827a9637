package org.synthehr.evaluator.fidelity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;

/**
 * A Euclidean embedding of mixed rows for nearest-neighbour metrics, fitted on a reference table:
 * numeric columns standardised (missing as 0 plus a missing indicator), discrete columns one-hot
 * scaled by 1/√2 so that two different categories are at distance 1. Rows are stored compactly
 * (numbers plus category ids), and distances are computed without materialising the one-hot vectors.
 */
final class MixedDistanceSpace {
  private final List<String> numeric = new ArrayList<>();
  private final List<double[]> scale = new ArrayList<>();
  private final List<String> discrete = new ArrayList<>();
  private final List<Map<String, Integer>> ids = new ArrayList<>();
  private final List<double[]> frequencies = new ArrayList<>();

  MixedDistanceSpace(Table reference) {
    for (Column c : reference.columns()) {
      if (c instanceof NumericColumn n) {
        double[] v = n.observed();
        double mean = 0;
        for (double x : v) {
          mean += x / Math.max(1, v.length);
        }
        double var = 0;
        for (double x : v) {
          var += (x - mean) * (x - mean) / Math.max(1, v.length);
        }
        numeric.add(c.name());
        scale.add(new double[] {mean, var > 0 ? Math.sqrt(var) : 1});
      } else if (c instanceof CategoricalColumn cat) {
        discrete.add(c.name());
        Map<String, Integer> map = new HashMap<>();
        for (String v : cat.dictionary()) {
          map.put(v, map.size());
        }
        ids.add(map);
        double[] freq = new double[map.size() + 1];
        for (int r = 0; r < cat.size(); r++) {
          int code = cat.code(r);
          freq[code < 0 ? map.size() : code] += 1.0 / cat.size();
        }
        frequencies.add(freq);
      }
    }
  }

  /** Rows of a table embedded: per row, 2 numbers per numeric column then one id per discrete one. */
  Embedded embed(Table t) {
    int rows = t.rowCount();
    int dn = numeric.size();
    double[][] x = new double[rows][2 * dn];
    int[][] k = new int[rows][discrete.size()];
    for (int j = 0; j < dn; j++) {
      NumericColumn c = t.numeric(numeric.get(j));
      double[] s = scale.get(j);
      for (int r = 0; r < rows; r++) {
        double v = c.get(r);
        x[r][2 * j] = Double.isNaN(v) ? 0 : (v - s[0]) / s[1];
        x[r][2 * j + 1] = Double.isNaN(v) ? 1 : 0;
      }
    }
    for (int j = 0; j < discrete.size(); j++) {
      CategoricalColumn c = t.categorical(discrete.get(j));
      Map<String, Integer> map = ids.get(j);
      int missing = map.size();
      int[] remap = c.dictionary().stream().mapToInt(v -> map.getOrDefault(v, -2)).toArray();
      for (int r = 0; r < rows; r++) {
        int code = c.code(r);
        k[r][j] = code < 0 ? missing : remap[code];
      }
    }
    return new Embedded(x, k);
  }

  /** Embedded rows: numbers and category ids (-2 for a category the reference never has). */
  record Embedded(double[][] x, int[][] k) {
    int size() {
      return x.length;
    }
  }

  /** Euclidean distance of two embedded rows. */
  static double distance(Embedded a, int i, Embedded b, int j) {
    double[] x = a.x[i];
    double[] y = b.x[j];
    double s = 0;
    for (int d = 0; d < x.length; d++) {
      double diff = x[d] - y[d];
      s += diff * diff;
    }
    int[] p = a.k[i];
    int[] q = b.k[j];
    for (int d = 0; d < p.length; d++) {
      if (p[d] != q[d] || p[d] == -2) {
        s += 1;
      }
    }
    return Math.sqrt(s);
  }

  /**
   * Distance of an embedded row to the reference's centre (mean of the embedded reference rows): per
   * discrete column ½(1 − 2p<sub>own</sub> + Σp²) with p the reference frequencies.
   */
  double distanceToCentre(Embedded e, int i, double[] numericCentre) {
    double s = 0;
    double[] x = e.x[i];
    for (int d = 0; d < x.length; d++) {
      double diff = x[d] - numericCentre[d];
      s += diff * diff;
    }
    for (int j = 0; j < discrete.size(); j++) {
      double[] p = frequencies.get(j);
      double sum2 = 0;
      for (double v : p) {
        sum2 += v * v;
      }
      int id = e.k[i][j];
      double own = id < 0 ? 0 : p[id];
      s += 0.5 * (1 - 2 * own + sum2);
    }
    return Math.sqrt(s);
  }

  /** The mean of the numeric part of embedded rows. */
  static double[] numericMean(Embedded e) {
    int d = e.size() == 0 ? 0 : e.x[0].length;
    double[] m = new double[d];
    for (double[] row : e.x) {
      for (int j = 0; j < d; j++) {
        m[j] += row[j] / e.size();
      }
    }
    return m;
  }
}
