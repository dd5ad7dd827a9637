package org.synthehr.generator.copula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.generator.EpochStats;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelConfig;

/**
 * The Gaussian copula: each column's marginal is learned on its own; dependence is the correlation
 * matrix of the columns' normal scores. Missingness of numeric columns is its own latent dimension,
 * so it may depend on other columns. Fast, needs no GPU, and a strong baseline.
 */
public final class GaussianCopulaSynthesizer implements Synthesizer {
  private final ModelConfig config;
  private final CopulaOptions options;

  public GaussianCopulaSynthesizer(ModelConfig config, CopulaOptions options) {
    this.config = config;
    this.options = options;
  }

  @Override
  public String kind() {
    return GaussianCopulaKind.ID;
  }

  @Override
  public FittedSynthesizer fit(Table training, TrainingContext context) {
    long start = System.nanoTime();
    Table table = training.modelled();
    MarginalFitter fitter = new MarginalFitter(options);
    List<Marginal> marginals = new ArrayList<>();
    for (ColumnSpec spec : table.schema().columns()) {
      Column col = table.column(spec.name());
      if (col instanceof CategoricalColumn c) {
        marginals.add(fitter.categorical(spec, c));
      } else if (col instanceof NumericColumn n) {
        marginals.add(fitter.numeric(spec, n));
        if (n.missingCount() > 0) {
          marginals.add(new Marginal.MissingIndicator(spec.name(),
              (double) n.missingCount() / n.size()));
        }
      }
    }
    context.listener().message("copula: fitted " + marginals.size() + " marginals of "
        + table.columnCount() + " columns");
    SplittableRandom rnd = context.seeds().random("copula.jitter");
    double[][] scores = new double[marginals.size()][];
    for (int d = 0; d < marginals.size(); d++) {
      scores[d] = normalScores(marginals.get(d), table, rnd);
    }
    double[][] correlation = CorrelationRepair.positiveDefinite(pairwiseCorrelation(scores));
    double seconds = (System.nanoTime() - start) / 1e9;
    context.listener().epoch(new EpochStats(1, 1, Map.of(), table.rowCount() / Math.max(seconds,
        1e-9), seconds, 0));
    return new FittedGaussianCopula(config, table.schema(),
        new CopulaParameters(marginals, correlation, options));
  }

  /** Normal scores of one latent dimension for every row (NaN where the value is missing). */
  private static double[] normalScores(Marginal m, Table table, SplittableRandom rnd) {
    int n = table.rowCount();
    double[] z = new double[n];
    if (m instanceof Marginal.Categorical c) {
      CategoricalColumn col = table.categorical(c.column());
      int[] levelOf = new int[col.dictionary().size()];
      Arrays.fill(levelOf, -1);
      for (int k = 0; k < c.categories().size(); k++) {
        levelOf[col.dictionary().indexOf(c.categories().get(k))] = k;
      }
      for (int r = 0; r < n; r++) {
        int code = col.code(r);
        double[] iv = c.interval(code < 0 ? -1 : levelOf[code]);
        z[r] = NormalScores.quantile(iv[0] + rnd.nextDouble() * (iv[1] - iv[0]));
      }
    } else if (m instanceof Marginal.MissingIndicator mi) {
      NumericColumn col = table.numeric(mi.column());
      double cut = 1.0 - mi.missingRate();
      for (int r = 0; r < n; r++) {
        double u = col.isMissing(r) ? cut + rnd.nextDouble() * (1 - cut) : rnd.nextDouble() * cut;
        z[r] = NormalScores.quantile(u);
      }
    } else if (m instanceof Marginal.Discrete dm) {
      NumericColumn col = table.numeric(dm.column());
      for (int r = 0; r < n; r++) {
        if (col.isMissing(r)) {
          z[r] = Double.NaN;
        } else {
          double v = col.get(r);
          double[] iv = dm.interval(v, v);
          z[r] = NormalScores.quantile(iv[0] + rnd.nextDouble() * (iv[1] - iv[0]));
        }
      }
    } else {
      rankScores(table.numeric(m.column()), rnd, z);
    }
    return z;
  }

  /** Normal scores from ranks, ties broken at random: robust to any marginal shape. */
  private static void rankScores(NumericColumn col, SplittableRandom rnd, double[] z) {
    int n = col.size();
    int m = n - col.missingCount();
    long[] keys = new long[m];
    double[] values = new double[m];
    int[] rows = new int[m];
    int k = 0;
    for (int r = 0; r < n; r++) {
      if (col.isMissing(r)) {
        z[r] = Double.NaN;
      } else {
        rows[k] = r;
        values[k] = col.get(r);
        keys[k] = rnd.nextLong();
        k++;
      }
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(values[a], values[b]);
      return c != 0 ? c : Long.compare(keys[a], keys[b]);
    });
    for (int rank = 0; rank < m; rank++) {
      z[rows[order[rank]]] = NormalScores.quantile((rank + 0.5) / m);
    }
  }

  /** Pearson correlation of every pair of dimensions over rows where both are present. */
  static double[][] pairwiseCorrelation(double[][] scores) {
    int d = scores.length;
    double[][] r = new double[d][d];
    for (int i = 0; i < d; i++) {
      r[i][i] = 1.0;
      for (int j = i + 1; j < d; j++) {
        double[] a = scores[i];
        double[] b = scores[j];
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        long n = 0;
        for (int k = 0; k < a.length; k++) {
          double x = a[k];
          double y = b[k];
          if (Double.isNaN(x) || Double.isNaN(y)) {
            continue;
          }
          sa += x;
          sb += y;
          saa += x * x;
          sbb += y * y;
          sab += x * y;
          n++;
        }
        double cov = n < 3 ? 0 : sab / n - (sa / n) * (sb / n);
        double va = n < 3 ? 0 : saa / n - (sa / n) * (sa / n);
        double vb = n < 3 ? 0 : sbb / n - (sb / n) * (sb / n);
        double c = va <= 1e-12 || vb <= 1e-12 ? 0 : cov / Math.sqrt(va * vb);
        r[i][j] = Math.max(-1, Math.min(1, c));
        r[j][i] = r[i][j];
      }
    }
    return r;
  }
}
