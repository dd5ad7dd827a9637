package org.synthehr.generator.copula;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.CategoryOrder;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.generator.Condition;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;

/**
 * A fitted Gaussian copula. Unconditional rows are z = L·ε mapped through each marginal's inverse;
 * conditional rows draw the constrained dimensions from their truncated normal and the rest from the
 * Gaussian conditional, so conditions hold exactly without rejection.
 */
public final class FittedGaussianCopula implements FittedSynthesizer {
  private final ModelConfig config;
  private final TableSchema schema;
  private final CopulaParameters parameters;
  private final List<Marginal> marginals;
  private final Map<String, Integer> valueDim = new HashMap<>();
  private final Map<String, Integer> missingDim = new HashMap<>();
  private final Map<String, List<String>> dictionaries = new HashMap<>();
  private final double[][] cholesky;

  FittedGaussianCopula(ModelConfig config, TableSchema schema, CopulaParameters parameters) {
    this.config = config;
    this.schema = schema;
    this.parameters = parameters;
    this.marginals = parameters.marginals();
    for (int d = 0; d < marginals.size(); d++) {
      Marginal m = marginals.get(d);
      if (m instanceof Marginal.MissingIndicator) {
        missingDim.put(m.column(), d);
      } else {
        valueDim.put(m.column(), d);
      }
      if (m instanceof Marginal.Categorical c) {
        ColumnSpec spec = schema.column(c.column());
        dictionaries.put(c.column(), spec.categories().isEmpty()
            ? CategoryOrder.natural(c.categories()) : spec.categories());
      }
    }
    this.cholesky = ConditionalGaussian.cholesky(parameters.correlation());
  }

  @Override
  public String kind() {
    return GaussianCopulaKind.ID;
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  /** The fitted parameters (marginals and correlation). */
  public CopulaParameters parameters() {
    return parameters;
  }

  @Override
  public Table sample(SampleRequest request) {
    int n = request.rows();
    int d = marginals.size();
    SplittableRandom rnd = new SplittableRandom(request.seed());
    ConditionalGaussian conditional = request.conditions().isEmpty() ? null
        : conditionalFor(request.conditions());
    double[][] u = new double[d][n];
    double[] z = new double[d];
    double[] eps = new double[d];
    for (int r = 0; r < n; r++) {
      if (conditional == null) {
        for (int i = 0; i < d; i++) {
          eps[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < d; i++) {
          double s = 0;
          double[] row = cholesky[i];
          for (int k = 0; k <= i; k++) {
            s += row[k] * eps[k];
          }
          z[i] = s;
        }
      } else {
        conditional.draw(rnd, z);
      }
      for (int i = 0; i < d; i++) {
        u[i][r] = NormalScores.cdf(z[i]);
      }
    }
    return decode(u, n, request.conditions());
  }

  private Table decode(double[][] u, int n, List<Condition> conditions) {
    Map<String, Condition.Range> ranges = new HashMap<>();
    for (Condition c : conditions) {
      if (c instanceof Condition.Range range) {
        ranges.put(c.column(), range);
      }
    }
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec spec : schema.columns()) {
      int vd = valueDim.get(spec.name());
      Marginal m = marginals.get(vd);
      if (m instanceof Marginal.Categorical c) {
        List<String> dictionary = dictionaries.get(spec.name());
        int[] toCode = c.categories().stream().mapToInt(dictionary::indexOf).toArray();
        int[] codes = new int[n];
        for (int r = 0; r < n; r++) {
          int level = (int) c.inverse(u[vd][r]);
          codes[r] = level < 0 ? CategoricalColumn.MISSING : toCode[level];
        }
        columns.add(new CategoricalColumn(spec.name(), codes, dictionary));
      } else {
        Integer md = missingDim.get(spec.name());
        Condition.Range range = ranges.get(spec.name());
        double[] values = new double[n];
        for (int r = 0; r < n; r++) {
          if (md != null && marginals.get(md).inverse(u[md][r]) == 1.0) {
            values[r] = Double.NaN;
          } else {
            double v = m.inverse(u[vd][r]);
            if (range != null) {
              v = Math.max(range.min() == null ? v : range.min(),
                  Math.min(range.max() == null ? v : range.max(), v));
            }
            values[r] = v;
          }
        }
        columns.add(new NumericColumn(spec.name(), values));
      }
    }
    return new Table(schema, columns);
  }

  private ConditionalGaussian conditionalFor(List<Condition> conditions) {
    List<Integer> dims = new ArrayList<>();
    List<double[][]> intervals = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Condition c : conditions) {
      if (!seen.add(c.column())) {
        throw bad(c, "the column is conditioned on twice", "combine the values into one condition,"
            + " e.g. col=a|b");
      }
      ColumnSpec spec = schema.find(c.column()).orElseThrow(() -> bad(c,
          "'" + c.column() + "' is not a column this model generates",
          "use one of: " + String.join(", ", schema.names())));
      int vd = valueDim.get(spec.name());
      Marginal m = marginals.get(vd);
      if (c instanceof Condition.OneOf oneOf) {
        if (!(m instanceof Marginal.Categorical cat)) {
          throw bad(c, "'" + c.column() + "' is " + spec.kind().id(), "use a range: "
              + c.column() + "=low..high");
        }
        List<double[]> union = new ArrayList<>();
        for (String value : oneOf.values()) {
          int level = cat.categories().indexOf(value);
          if (level < 0) {
            throw bad(c, "'" + value + "' never occurs in column '" + c.column() + "' of the"
                + " training data", "use one of: " + String.join(", ", cat.categories()));
          }
          union.add(toZ(cat.interval(level)));
        }
        dims.add(vd);
        intervals.add(union.toArray(new double[0][]));
      } else if (c instanceof Condition.Range range) {
        if (!spec.kind().isNumeric()) {
          throw bad(c, "'" + c.column() + "' is " + spec.kind().id(), "use " + c.column()
              + "=value or " + c.column() + "=a|b");
        }
        double lo = range.min() == null ? Double.NEGATIVE_INFINITY : range.min();
        double hi = range.max() == null ? Double.POSITIVE_INFINITY : range.max();
        if (lo > hi) {
          throw bad(c, "the range is empty (low > high)", "swap the bounds");
        }
        double[] iv = uInterval(m, spec, lo, hi);
        if (iv == null || iv[1] - iv[0] <= 1e-12) {
          throw bad(c, "the model gives this range probability zero (training values lie in "
              + observedRange(m) + ")", spec.kind() == ColumnKind.CONTINUOUS && lo == hi
                  ? "give a range (low..high) for a continuous column"
                  : "choose a range that overlaps the training values");
        }
        dims.add(vd);
        intervals.add(new double[][] {toZ(iv)});
        Integer md = missingDim.get(spec.name());
        if (md != null) {
          double cut = 1.0 - ((Marginal.MissingIndicator) marginals.get(md)).missingRate();
          dims.add(md);
          intervals.add(new double[][] {toZ(new double[] {0.0, cut})});
        }
      }
    }
    return new ConditionalGaussian(parameters.correlation(),
        dims.stream().mapToInt(Integer::intValue).toArray(), intervals,
        parameters.options().gibbsSweeps());
  }

  private static double[] uInterval(Marginal m, ColumnSpec spec, double lo, double hi) {
    boolean integer = spec.kind() == ColumnKind.INTEGER;
    double a = integer ? Math.ceil(lo) - 0.5 : lo;
    double b = integer ? Math.floor(hi) + 0.5 : hi;
    if (m instanceof Marginal.Discrete dm) {
      return dm.interval(lo, hi);
    }
    if (m instanceof Marginal.Empirical em) {
      return new double[] {em.cdf(a), em.cdf(b)};
    }
    Marginal.Parametric pm = (Marginal.Parametric) m;
    if (b < pm.min() || a > pm.max()) {
      return null;
    }
    return new double[] {a <= pm.min() ? 0.0 : pm.cdf(a), b >= pm.max() ? 1.0 : pm.cdf(b)};
  }

  private static String observedRange(Marginal m) {
    if (m instanceof Marginal.Discrete dm) {
      return "[" + fmt(dm.values()[0]) + ", " + fmt(dm.values()[dm.values().length - 1]) + "]";
    }
    if (m instanceof Marginal.Empirical em) {
      return "[" + fmt(em.quantiles()[0]) + ", " + fmt(em.quantiles()[em.quantiles().length - 1])
          + "]";
    }
    Marginal.Parametric pm = (Marginal.Parametric) m;
    return "[" + fmt(pm.min()) + ", " + fmt(pm.max()) + "]";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static double[] toZ(double[] uInterval) {
    double lo = uInterval[0] <= 0 ? Double.NEGATIVE_INFINITY : NormalScores.quantile(uInterval[0]);
    double hi = uInterval[1] >= 1 ? Double.POSITIVE_INFINITY : NormalScores.quantile(uInterval[1]);
    return new double[] {lo, hi};
  }

  private static InvalidInputException bad(Condition c, String what, String fix) {
    return new InvalidInputException(Problem.ofColumn("condition", c.column(), what, fix));
  }

  @Override
  public void save(Path dir) {
    ModelDirectory.Writer w = ModelDirectory.create(dir, kind());
    w.json("config.json", config).schema(schema).json("copula.json", parameters).finish();
  }
}
