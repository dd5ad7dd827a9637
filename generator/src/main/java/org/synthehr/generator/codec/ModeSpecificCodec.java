package org.synthehr.generator.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;

/**
 * Mode-specific normalisation, the data side of CTGAN and TVAE: each numeric column becomes a
 * scalar within one mode of a variational Gaussian mixture plus a one-hot of the mode (and of
 * missingness), each discrete column a one-hot of its category (and of missingness). Networks see
 * only {@link #spans()}. The codec is fitted once (mixtures in parallel over columns), saved as JSON
 * in {@code codec.json}, and holds no training rows.
 */
public final class ModeSpecificCodec {
  private final List<ColumnEncoding> columns;
  private final List<OutputSpan> spans;
  private final int[] columnOffsets;
  private final int width;

  /** A codec from its column encodings (as read from JSON). */
  @JsonCreator
  public ModeSpecificCodec(@JsonProperty("columns") List<ColumnEncoding> columns) {
    this.columns = List.copyOf(columns);
    this.columnOffsets = new int[columns.size()];
    List<OutputSpan> out = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < columns.size(); i++) {
      columnOffsets[i] = at;
      ColumnEncoding c = columns.get(i);
      if (c instanceof ColumnEncoding.Numeric n) {
        out.add(new OutputSpan(at, 1, SpanActivation.TANH, false));
        out.add(new OutputSpan(at + 1, n.width() - 1, SpanActivation.SOFTMAX, false));
      } else {
        out.add(new OutputSpan(at, c.width(), SpanActivation.SOFTMAX, true));
      }
      at += c.width();
    }
    this.spans = List.copyOf(out);
    this.width = at;
  }

  /**
   * Fits the codec to a table's modelled columns.
   *
   * @param table the training table (identifier and text columns are ignored)
   * @param options mixture settings
   * @param seeds seeds of the mixtures' k-means starts (one named stream per column)
   * @param parallelism columns fitted at once (1 = in the calling thread)
   */
  public static ModeSpecificCodec fit(Table table, CodecOptions options, Seeds seeds,
      int parallelism) {
    Table modelled = table.modelled();
    List<ColumnSpec> specs = modelled.schema().columns();
    List<ColumnEncoding> fitted = inParallel(parallelism, specs.size(), i -> {
      ColumnSpec spec = specs.get(i);
      Column col = modelled.column(spec.name());
      if (col instanceof NumericColumn n) {
        return fitNumeric(spec, n, options, seeds.random("mixture:" + spec.name()));
      }
      return fitCategorical(spec, (CategoricalColumn) col);
    });
    return new ModeSpecificCodec(fitted);
  }

  private static ColumnEncoding.Numeric fitNumeric(ColumnSpec spec, NumericColumn col,
      CodecOptions options, SplittableRandom random) {
    double[] observed = col.observed();
    double missingRate = col.size() == 0 ? 0 : (double) col.missingCount() / col.size();
    if (observed.length == 0) {
      return new ColumnEncoding.Numeric(spec.name(), spec.kind(), new double[] {1.0},
          new double[] {0.0}, new double[] {1.0}, new double[] {0.0}, 0.0, 0.0, 1.0);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : observed) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    BayesianGaussianMixture.Fit fit = new BayesianGaussianMixture(options.maxModes())
        .fit(observed, random);
    int[] keep = fit.validComponents(options.modeWeightThreshold());
    double[] weights = new double[keep.length];
    double[] means = new double[keep.length];
    double[] stds = new double[keep.length];
    double[] offsets = new double[keep.length];
    double total = 0;
    for (int i = 0; i < keep.length; i++) {
      total += fit.weights()[keep[i]];
    }
    for (int i = 0; i < keep.length; i++) {
      weights[i] = fit.weights()[keep[i]] / total;
      means[i] = fit.means()[keep[i]];
      stds[i] = fit.stds()[keep[i]];
      offsets[i] = fit.logOffsets()[keep[i]];
    }
    return new ColumnEncoding.Numeric(spec.name(), spec.kind(), weights, means, stds, offsets, min,
        max, missingRate);
  }

  private static ColumnEncoding.Categorical fitCategorical(ColumnSpec spec, CategoricalColumn col) {
    long[] counts = col.counts();
    List<String> categories = new ArrayList<>();
    List<Double> freq = new ArrayList<>();
    int n = col.size();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        categories.add(col.dictionary().get(i));
        freq.add((double) counts[i] / n);
      }
    }
    Set<String> dictionary = new LinkedHashSet<>(spec.categories());
    dictionary.addAll(col.dictionary());
    return new ColumnEncoding.Categorical(spec.name(), categories,
        freq.stream().mapToDouble(Double::doubleValue).toArray(),
        n == 0 ? 0 : (double) col.missingCount() / n, List.copyOf(dictionary));
  }

  /** The column encodings, in the order of the output schema. */
  @JsonProperty("columns")
  public List<ColumnEncoding> columns() {
    return columns;
  }

  /** The spans of an encoded row, in order. */
  @JsonIgnore
  public List<OutputSpan> spans() {
    return spans;
  }

  /** Width of an encoded row. */
  @JsonIgnore
  public int width() {
    return width;
  }

  /** First position of column i in an encoded row. */
  public int offset(int column) {
    return columnOffsets[column];
  }

  /** Index of a column by name, or -1. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).column().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The discrete columns, in order: the blocks of the conditional vector. */
  @JsonIgnore
  public List<ColumnEncoding.Categorical> discreteColumns() {
    List<ColumnEncoding.Categorical> out = new ArrayList<>();
    for (ColumnEncoding c : columns) {
      if (c instanceof ColumnEncoding.Categorical k) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * Encodes a table with the codec's columns into a row-major {@code rows × width()} matrix.
   *
   * @param table a table with (at least) the codec's columns
   * @param random draws each numeric value's mode from its posterior
   * @param parallelism columns encoded at once
   */
  public float[] encode(Table table, SplittableRandom random, int parallelism) {
    int n = table.rowCount();
    float[] out = new float[n * width];
    List<SplittableRandom> streams = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      streams.add(random.split());
    }
    inParallel(parallelism, columns.size(), i -> {
      ColumnEncoding enc = columns.get(i);
      int at = columnOffsets[i];
      Column col = table.column(enc.column());
      if (enc instanceof ColumnEncoding.Numeric num) {
        NumericColumn values = (NumericColumn) col;
        SplittableRandom rnd = streams.get(i);
        double[] scratch = new double[num.modes()];
        for (int r = 0; r < n; r++) {
          num.encode(values.get(r), rnd, scratch, out, r * width + at);
        }
      } else {
        ColumnEncoding.Categorical cat = (ColumnEncoding.Categorical) enc;
        CategoricalColumn values = (CategoricalColumn) col;
        int[] position = cat.positionsOf(values.dictionary());
        int missingAt = cat.hasMissing() ? cat.categories().size() : -1;
        for (int r = 0; r < n; r++) {
          int code = values.code(r);
          int p = code < 0 ? missingAt : position[code];
          if (p >= 0) {
            out[r * width + at + p] = 1f;
          }
        }
      }
      return enc;
    });
    return out;
  }

  /**
   * Decodes a row-major matrix whose tanh positions hold scalars and whose softmax spans hold a
   * one-hot choice or scores (the largest wins).
   *
   * @param data {@code rows × width()} values
   * @param rows number of rows
   * @param schema the output schema (the codec's columns, in order)
   */
  public Table decode(float[] data, int rows, TableSchema schema) {
    return decode(data, rows, SpanSampling.argmax(data, rows, width, spans), schema);
  }

  /**
   * Decodes rows from their scalars and the chosen position of each softmax span.
   *
   * @param data {@code rows × width()} values (only the tanh positions are read)
   * @param rows number of rows
   * @param choices {@code rows × softmax spans} chosen positions, as {@link SpanSampling} makes
   * @param schema the output schema (the codec's columns, in order)
   */
  public Table decode(float[] data, int rows, int[] choices, TableSchema schema) {
    int k = SpanSampling.softmaxSpans(spans);
    List<Column> out = new ArrayList<>(columns.size());
    int span = 0;
    for (int i = 0; i < columns.size(); i++) {
      ColumnEncoding enc = columns.get(i);
      int at = columnOffsets[i];
      if (enc instanceof ColumnEncoding.Numeric num) {
        double[] values = new double[rows];
        for (int r = 0; r < rows; r++) {
          values[r] = num.decode(data[r * width + at], choices[r * k + span]);
        }
        out.add(new NumericColumn(enc.column(), values));
      } else {
        ColumnEncoding.Categorical cat = (ColumnEncoding.Categorical) enc;
        int[] codeOf = cat.codesOfPositions();
        int[] codes = new int[rows];
        for (int r = 0; r < rows; r++) {
          codes[r] = codeOf[choices[r * k + span]];
        }
        out.add(new CategoricalColumn(enc.column(), codes, cat.dictionary()));
      }
      span++;
    }
    return new Table(schema, out);
  }

  /** Position (0-based within the span) of the largest value in {@code data[from..from+n)}. */
  static int argmax(float[] data, int from, int n) {
    int best = 0;
    float bestValue = data[from];
    for (int j = 1; j < n; j++) {
      if (data[from + j] > bestValue) {
        bestValue = data[from + j];
        best = j;
      }
    }
    return best;
  }

  private static <T> List<T> inParallel(int parallelism, int count, IntFunction<T> task) {
    List<T> results = new ArrayList<>(count);
    if (parallelism <= 1 || count <= 1) {
      for (int i = 0; i < count; i++) {
        results.add(task.apply(i));
      }
      return results;
    }
    ForkJoinPool pool = new ForkJoinPool(Math.min(parallelism, count));
    try {
      List<java.util.concurrent.Future<T>> futures = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.apply(index)));
      }
      for (java.util.concurrent.Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fitting the codec", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }
}
