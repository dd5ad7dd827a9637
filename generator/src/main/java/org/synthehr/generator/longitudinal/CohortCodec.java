package org.synthehr.generator.longitudinal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;

/**
 * Turns a cohort into the arrays trajectory networks learn from, and back. Static attributes become
 * a vector: numeric columns a normal score (plus a "missing" flag when the column has missing
 * values), discrete columns a one-hot block (with a "missing" category when needed), and the record's
 * end a normal score. Time series become, per step and variable, a normal score (0 when not
 * observed) and an observation flag, so "never measured" is data, not something imputed away.
 *
 * <p>The fitted parameters ({@link Parameters}) are quantile knots and category lists: per-variable
 * summaries, never a patient's trajectory.
 */
public final class CohortCodec {
  private final CohortSchema schema;
  private final Parameters parameters;
  private final List<Span> spans;
  private final int staticWidth;
  private final int endOffset;

  /** What kind of values a span of the static vector holds. */
  public enum SpanKind {
    /** One normal score. */
    CONTINUOUS,
    /** One 0/1 flag. */
    BINARY,
    /** A one-hot block. */
    CATEGORICAL
  }

  /**
   * A contiguous block of the static vector.
   *
   * @param name the column it encodes (with "#missing" for a missing flag, "#end" for the record end)
   * @param offset position in the static vector
   * @param width number of entries
   * @param kind what the entries hold
   * @param baseline whether the value is known when a stay begins (false for the label and the end,
   *     which digital twins must forecast)
   */
  public record Span(String name, int offset, int width, SpanKind kind, boolean baseline) {}

  /**
   * One static column's encoding.
   *
   * @param column the column
   * @param numeric numeric (normal score) or discrete (one-hot)
   * @param scale the quantile scale of a numeric column, else null
   * @param missingFlag whether a missing flag / missing category is encoded
   * @param categories the categories of a discrete column, else empty
   * @param integer whether a numeric column holds whole numbers
   */
  public record StaticField(String column, boolean numeric, QuantileScale scale,
      boolean missingFlag, List<String> categories, boolean integer) {
    public StaticField {
      categories = categories == null ? List.of() : List.copyOf(categories);
    }
  }

  /**
   * One variable's encoding.
   *
   * @param variable the variable
   * @param scale its quantile scale
   * @param integer whether its grid values are whole numbers
   */
  public record SeriesField(String variable, QuantileScale scale, boolean integer) {}

  /**
   * The fitted codec, as saved.
   *
   * @param statics static columns in schema order
   * @param end the scale of the record's end (in steps)
   * @param series variables in schema order
   */
  public record Parameters(List<StaticField> statics, QuantileScale end, List<SeriesField> series) {
    public Parameters {
      statics = List.copyOf(statics);
      series = List.copyOf(series);
    }
  }

  /**
   * A cohort as arrays.
   *
   * @param patients number of patients
   * @param statics patients x static width
   * @param values patients x steps x variables normal scores, 0 where not observed
   * @param mask patients x steps x variables, 1 where observed
   */
  public record Encoded(int patients, float[] statics, float[] values, float[] mask) {}

  /** A codec with fitted parameters. */
  public CohortCodec(CohortSchema schema, Parameters parameters) {
    this.schema = schema;
    this.parameters = parameters;
    List<Span> s = new ArrayList<>();
    int at = 0;
    for (StaticField f : parameters.statics()) {
      boolean baseline = !f.column().equals(schema.label());
      if (f.numeric()) {
        s.add(new Span(f.column(), at++, 1, SpanKind.CONTINUOUS, baseline));
        if (f.missingFlag()) {
          s.add(new Span(f.column() + "#missing", at++, 1, SpanKind.BINARY, baseline));
        }
      } else {
        int w = f.categories().size() + (f.missingFlag() ? 1 : 0);
        s.add(new Span(f.column(), at, w, SpanKind.CATEGORICAL, baseline));
        at += w;
      }
    }
    this.endOffset = at;
    s.add(new Span("#end", at++, 1, SpanKind.CONTINUOUS, false));
    this.spans = List.copyOf(s);
    this.staticWidth = at;
  }

  /** Fits the codec to a training cohort. */
  public static CohortCodec fit(Cohort training, double tail) {
    CohortSchema schema = training.schema();
    List<StaticField> statics = new ArrayList<>();
    Table t = training.statics();
    for (ColumnSpec spec : schema.statics().columns()) {
      Column c = t.column(spec.name());
      boolean missing = c.missingCount() > 0;
      if (c instanceof NumericColumn n) {
        double[] obs = n.observed();
        boolean integer = Arrays.stream(obs).allMatch(v -> v == Math.rint(v));
        statics.add(new StaticField(spec.name(), true, QuantileScale.fit(obs, tail), missing,
            List.of(), integer));
      } else {
        CategoricalColumn k = (CategoricalColumn) c;
        statics.add(new StaticField(spec.name(), false, null, missing, k.dictionary(), false));
      }
    }
    double[] ends = Arrays.stream(training.ends()).asDoubleStream().toArray();
    List<SeriesField> series = new ArrayList<>();
    for (int k = 0; k < training.variables(); k++) {
      double[] obs = observed(training, k);
      boolean integer = Arrays.stream(obs).allMatch(v -> v == Math.rint(v));
      series.add(new SeriesField(schema.variables().get(k).name(), QuantileScale.fit(obs, tail),
          integer));
    }
    return new CohortCodec(schema, new Parameters(statics, QuantileScale.fit(ends, 0), series));
  }

  private static double[] observed(Cohort c, int k) {
    double[] out = new double[64];
    int m = 0;
    for (int p = 0; p < c.size(); p++) {
      for (int t = 0; t < c.steps(); t++) {
        float v = c.value(p, t, k);
        if (!Float.isNaN(v)) {
          if (m == out.length) {
            out = Arrays.copyOf(out, m * 2);
          }
          out[m++] = v;
        }
      }
    }
    return Arrays.copyOf(out, m);
  }

  public CohortSchema schema() {
    return schema;
  }

  public Parameters parameters() {
    return parameters;
  }

  /** The blocks of the static vector. */
  public List<Span> spans() {
    return spans;
  }

  /** Width of the static vector. */
  public int staticWidth() {
    return staticWidth;
  }

  /** Steps of the grid. */
  public int steps() {
    return schema.steps();
  }

  /** Number of variables. */
  public int variables() {
    return schema.variableCount();
  }

  /** Per static entry: whether it is known when the stay begins (twins condition on these only). */
  public boolean[] baselineEntries() {
    boolean[] b = new boolean[staticWidth];
    for (Span s : spans) {
      for (int i = 0; i < s.width(); i++) {
        b[s.offset() + i] = s.baseline();
      }
    }
    return b;
  }

  /** Encodes a cohort with this codec's schema. */
  public Encoded encode(Cohort c) {
    int n = c.size();
    int w = staticWidth;
    float[] st = new float[n * w];
    Table t = c.statics();
    int at = 0;
    for (StaticField f : parameters.statics()) {
      Column col = t.column(f.column());
      for (int p = 0; p < n; p++) {
        if (f.numeric()) {
          boolean miss = col.isMissing(p);
          st[p * w + at] = miss ? 0f : (float) f.scale().encode(((NumericColumn) col).get(p));
          if (f.missingFlag()) {
            st[p * w + at + 1] = miss ? 1f : 0f;
          }
        } else {
          CategoricalColumn k = (CategoricalColumn) col;
          int idx = k.isMissing(p) ? f.categories().size() : f.categories().indexOf(k.value(p));
          if (idx < 0 || (idx == f.categories().size() && !f.missingFlag())) {
            idx = 0;
          }
          st[p * w + at + idx] = 1f;
        }
      }
      at += f.numeric() ? (f.missingFlag() ? 2 : 1) : f.categories().size() + (f.missingFlag() ? 1
          : 0);
    }
    for (int p = 0; p < n; p++) {
      st[p * w + endOffset] = (float) parameters.end().encode(c.end(p));
    }
    int cells = c.steps() * c.variables();
    float[] values = new float[n * cells];
    float[] mask = new float[n * cells];
    int k = c.variables();
    for (int p = 0; p < n; p++) {
      for (int t2 = 0; t2 < c.steps(); t2++) {
        for (int j = 0; j < k; j++) {
          float v = c.value(p, t2, j);
          if (!Float.isNaN(v)) {
            int i = (p * c.steps() + t2) * k + j;
            values[i] = (float) parameters.series().get(j).scale().encode(v);
            mask[i] = 1f;
          }
        }
      }
    }
    return new Encoded(n, st, values, mask);
  }

  /**
   * Decodes arrays into a cohort (before plausibility rules).
   *
   * @param ids identifiers of the decoded patients
   * @param statics patients x static width (continuous scores; flags and one-hots as scores, the
   *     largest entry of a one-hot block wins and a flag above 0.5 is set)
   * @param values patients x steps x variables normal scores
   * @param observed patients x steps x variables observation decisions
   * @param minEnds per patient the earliest allowed record end (the cut for twins), or null
   */
  public Cohort decode(String[] ids, float[] statics, float[] values, boolean[] observed,
      int[] minEnds) {
    int n = ids.length;
    int w = staticWidth;
    List<Column> cols = new ArrayList<>();
    int at = 0;
    for (StaticField f : parameters.statics()) {
      if (f.numeric()) {
        double[] v = new double[n];
        for (int p = 0; p < n; p++) {
          boolean miss = f.missingFlag() && statics[p * w + at + 1] > 0.5f;
          double x = f.scale().decode(statics[p * w + at]);
          v[p] = miss ? Double.NaN : f.integer() ? Math.rint(x) : x;
        }
        cols.add(new NumericColumn(f.column(), v));
        at += f.missingFlag() ? 2 : 1;
      } else {
        int width = f.categories().size() + (f.missingFlag() ? 1 : 0);
        int[] codes = new int[n];
        for (int p = 0; p < n; p++) {
          int best = 0;
          for (int i = 1; i < width; i++) {
            if (statics[p * w + at + i] > statics[p * w + at + best]) {
              best = i;
            }
          }
          codes[p] = best == f.categories().size() ? CategoricalColumn.MISSING : best;
        }
        cols.add(new CategoricalColumn(f.column(), codes, f.categories()));
        at += width;
      }
    }
    Table table = new Table(schema.statics(), cols);
    int steps = schema.steps();
    int[] ends = new int[n];
    for (int p = 0; p < n; p++) {
      int e = (int) Math.rint(parameters.end().decode(statics[p * w + endOffset]));
      int lo = minEnds == null ? 1 : minEnds[p];
      ends[p] = Math.max(Math.max(1, lo), Math.min(steps, e));
    }
    int k = schema.variableCount();
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      if (!observed[i]) {
        out[i] = Float.NaN;
        continue;
      }
      SeriesField f = parameters.series().get(i % k);
      double x = f.scale().decode(values[i]);
      out[i] = (float) (f.integer() ? Math.rint(x) : x);
    }
    return new Cohort(schema, ids, table, out, ends);
  }

  /** Identifiers S{first}, S{first+1}, ... for synthetic patients. */
  public static String[] syntheticIds(int n, long first) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "S" + (first + i);
    }
    return ids;
  }
}
