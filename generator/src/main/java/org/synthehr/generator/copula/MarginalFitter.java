package org.synthehr.generator.copula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.NumericColumn;

/** Fits the marginal of one column from its training values. */
final class MarginalFitter {
  private static final double AUTO_KS = 0.02;

  private final CopulaOptions options;

  MarginalFitter(CopulaOptions options) {
    this.options = options;
  }

  /** A discrete column: categories with their frequencies; ordinal order kept, else by frequency. */
  Marginal.Categorical categorical(ColumnSpec spec, CategoricalColumn col) {
    long[] counts = col.counts();
    double n = col.size();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        order.add(i);
      }
    }
    if (spec.kind() == ColumnKind.CATEGORICAL) {
      order.sort(Comparator.comparingLong((Integer i) -> -counts[i]).thenComparing(i -> i));
    }
    List<String> categories = new ArrayList<>();
    double[] probabilities = new double[order.size()];
    for (int k = 0; k < order.size(); k++) {
      categories.add(col.dictionary().get(order.get(k)));
      probabilities[k] = counts[order.get(k)] / n;
    }
    return new Marginal.Categorical(spec.name(), categories, probabilities, col.missingCount() / n);
  }

  /** A numeric column's value marginal (ignoring missing rows). */
  Marginal numeric(ColumnSpec spec, NumericColumn col) {
    double[] values = col.observed();
    Arrays.sort(values);
    boolean integer = spec.kind() == ColumnKind.INTEGER;
    TreeMap<Double, Integer> distinct = new TreeMap<>();
    for (double v : values) {
      distinct.merge(v, 1, Integer::sum);
      if (distinct.size() > options.discreteLevels()) {
        break;
      }
    }
    if (distinct.size() <= options.discreteLevels()) {
      double[] levels = new double[distinct.size()];
      double[] probabilities = new double[distinct.size()];
      int i = 0;
      for (var e : distinct.entrySet()) {
        levels[i] = e.getKey();
        probabilities[i++] = (double) e.getValue() / values.length;
      }
      return new Marginal.Discrete(spec.name(), levels, probabilities);
    }
    Marginal.Empirical empirical = new Marginal.Empirical(spec.name(), quantiles(values), integer);
    if (options.marginals().equals("empirical")) {
      return empirical;
    }
    Marginal.Parametric best = ParametricFits.best(spec.name(), values, integer);
    if (best == null) {
      return empirical;
    }
    if (options.marginals().equals("parametric") || best.ks() <= AUTO_KS) {
      return best;
    }
    return empirical;
  }

  private double[] quantiles(double[] sorted) {
    int k = Math.max(2, Math.min(options.quantiles(), sorted.length));
    double[] q = new double[k];
    for (int i = 0; i < k; i++) {
      double h = (sorted.length - 1) * (double) i / (k - 1);
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, sorted.length - 1);
      q[i] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
    return q;
  }

  /** Candidate parametric families, fitted by moments and ranked by the KS distance. */
  static final class ParametricFits {
    private ParametricFits() {}

    static Marginal.Parametric best(String column, double[] sorted, boolean integer) {
      double min = sorted[0];
      double max = sorted[sorted.length - 1];
      if (max <= min) {
        return null;
      }
      double mean = Arrays.stream(sorted).average().orElse(0);
      double var = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum()
          / Math.max(1, sorted.length - 1);
      List<Marginal.Parametric> fits = new ArrayList<>();
      fits.add(fit(column, "normal", new double[] {mean, Math.sqrt(var)}, min, max, integer, sorted));
      fits.add(fit(column, "uniform", new double[] {min, max}, min, max, integer, sorted));
      if (min > 0) {
        double[] logs = Arrays.stream(sorted).map(Math::log).toArray();
        double lm = Arrays.stream(logs).average().orElse(0);
        double lv = Arrays.stream(logs).map(v -> (v - lm) * (v - lm)).sum()
            / Math.max(1, logs.length - 1);
        if (lv > 0) {
          fits.add(fit(column, "lognormal", new double[] {lm, Math.sqrt(lv)}, min, max, integer,
              sorted));
        }
        fits.add(fit(column, "gamma", new double[] {mean * mean / var, var / mean}, min, max,
            integer, sorted));
      }
      double pad = (max - min) * 1e-3;
      double lo = min - pad;
      double hi = max + pad;
      double m = (mean - lo) / (hi - lo);
      double v = var / ((hi - lo) * (hi - lo));
      double common = m * (1 - m) / v - 1;
      if (common > 0) {
        fits.add(fit(column, "beta", new double[] {m * common, (1 - m) * common, lo, hi}, min, max,
            integer, sorted));
      }
      return fits.stream().filter(f -> !Double.isNaN(f.ks()))
          .min(Comparator.comparingDouble(Marginal.Parametric::ks)).orElse(null);
    }

    private static Marginal.Parametric fit(String column, String family, double[] params,
        double min, double max, boolean integer, double[] sorted) {
      try {
        Marginal.Parametric candidate =
            new Marginal.Parametric(column, family, params, min, max, integer, Double.NaN);
        RealDistribution d = candidate.distribution();
        double[] data = family.equals("beta")
            ? Arrays.stream(sorted).map(x -> (x - params[2]) / (params[3] - params[2])).toArray()
            : sorted;
        double ks = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(d, data);
        return new Marginal.Parametric(column, family, params, min, max, integer, ks);
      } catch (RuntimeException e) {
        return new Marginal.Parametric(column, family, params, min, max, integer, Double.NaN);
      }
    }
  }
}
