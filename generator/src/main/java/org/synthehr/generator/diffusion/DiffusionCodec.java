package org.synthehr.generator.diffusion;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.generator.codec.ColumnEncoding;
import org.synthehr.generator.codec.ModeSpecificCodec;

/**
 * How a table enters TabDDPM. Numeric columns become standard-normal scores through their own
 * {@link QuantileNormal} (the Gaussian part). Every discrete column becomes one class index over its
 * categories plus, when it has missing values, a last "missing" class (the multinomial part); every
 * numeric column with missing values adds a two-class "present / missing" indicator to the
 * multinomial part, so missingness is generated, never imputed. The label column, when the model is
 * conditioned on it, is not diffused: it is the class the network is told, drawn from the training
 * label frequencies (or as the user asks) at sampling time.
 *
 * <p>Saved as {@code codec.json}: quantile grids, category lists and frequencies, never rows.
 *
 * @param numeric the numeric columns' transforms, in schema order
 * @param categorical the discrete columns (label included), in schema order
 * @param label the discrete column the model is conditioned on, or null
 */
public record DiffusionCodec(List<QuantileNormal> numeric,
    List<ColumnEncoding.Categorical> categorical, String label) {

  /**
   * One block of the multinomial part: a discrete column or the missing indicator of a numeric
   * column.
   *
   * @param column the column's name
   * @param classes number of classes K
   * @param offset first position of the block in the one-hot layout
   * @param numericIndex for a missing indicator the numeric column's index, else -1
   * @param categoricalIndex for a discrete column its index in {@code categorical}, else -1
   */
  public record Block(String column, int classes, int offset, int numericIndex,
      int categoricalIndex) {

    /** Whether this is the present/missing indicator of a numeric column. */
    public boolean isMissingIndicator() {
      return numericIndex >= 0;
    }
  }

  @JsonCreator
  public DiffusionCodec(@JsonProperty("numeric") List<QuantileNormal> numeric,
      @JsonProperty("categorical") List<ColumnEncoding.Categorical> categorical,
      @JsonProperty("label") String label) {
    this.numeric = List.copyOf(numeric);
    this.categorical = List.copyOf(categorical);
    this.label = label;
  }

  /**
   * Fits the codec to a table's modelled columns. The schema's label becomes the network's class
   * input when it is discrete and {@link TabDdpmOptions#conditionOnLabel()} is set.
   */
  public static DiffusionCodec fit(Table table, TabDdpmOptions options, Seeds seeds) {
    Table modelled = table.modelled();
    List<QuantileNormal> numeric = new ArrayList<>();
    List<ColumnEncoding.Categorical> categorical = new ArrayList<>();
    for (ColumnSpec spec : modelled.schema().columns()) {
      Column col = modelled.column(spec.name());
      if (col instanceof NumericColumn n) {
        double missing = n.size() == 0 ? 0 : (double) n.missingCount() / n.size();
        numeric.add(QuantileNormal.fit(spec.name(), spec.kind(), n.observed(), missing,
            options.maxQuantiles(), options.rowsPerQuantile(), options.dequantizeIntegers(),
            seeds.random("dequantize:" + spec.name())));
      } else {
        categorical.add(categories(spec, (CategoricalColumn) col));
      }
    }
    String label = modelled.schema().label();
    boolean discreteLabel = label != null && modelled.schema().find(label)
        .map(s -> s.kind().isDiscrete()).orElse(false);
    return new DiffusionCodec(numeric, categorical,
        options.conditionOnLabel() && discreteLabel ? label : null);
  }

  private static ColumnEncoding.Categorical categories(ColumnSpec spec, CategoricalColumn col) {
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

  /** The blocks of the multinomial part: discrete columns (label aside), then missing indicators. */
  @JsonIgnore
  public List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < categorical.size(); i++) {
      ColumnEncoding.Categorical c = categorical.get(i);
      if (c.column().equals(label)) {
        continue;
      }
      out.add(new Block(c.column(), c.width(), at, -1, i));
      at += c.width();
    }
    for (int i = 0; i < numeric.size(); i++) {
      if (numeric.get(i).hasMissing()) {
        out.add(new Block(numeric.get(i).column(), 2, at, i, -1));
        at += 2;
      }
    }
    return out;
  }

  /** Width of the one-hot layout of the multinomial part. */
  @JsonIgnore
  public int oneHotWidth() {
    int w = 0;
    for (Block b : blocks()) {
      w += b.classes();
    }
    return w;
  }

  /** The label's encoding, or null when the model is not conditioned on a label. */
  @JsonIgnore
  public ColumnEncoding.Categorical labelEncoding() {
    for (ColumnEncoding.Categorical c : categorical) {
      if (c.column().equals(label)) {
        return c;
      }
    }
    return null;
  }

  /** Classes of the label (categories plus missing), or 0 without label conditioning. */
  @JsonIgnore
  public int labelClasses() {
    ColumnEncoding.Categorical l = labelEncoding();
    return l == null ? 0 : l.width();
  }

  /** The training frequency of each label class (categories, then missing). */
  @JsonIgnore
  public double[] labelFrequencies() {
    ColumnEncoding.Categorical l = labelEncoding();
    return l == null ? new double[0] : l.positionFrequencies();
  }

  /**
   * The training rows in the codec's layout (kept in memory for training only; never saved).
   *
   * @param numeric {@code rows × numeric().size()} raw values, NaN where missing
   * @param classes {@code rows × blocks().size()} class of each block
   * @param labels the label class of each row (empty without label conditioning)
   */
  public record Rows(int count, double[] numeric, int[] classes, int[] labels) {}

  /** Lays out a table with (at least) the codec's columns. */
  public Rows encode(Table table) {
    int n = table.rowCount();
    int d = numeric.size();
    List<Block> blocks = blocks();
    double[] num = new double[n * d];
    for (int j = 0; j < d; j++) {
      NumericColumn col = (NumericColumn) table.column(numeric.get(j).column());
      for (int r = 0; r < n; r++) {
        num[r * d + j] = col.get(r);
      }
    }
    int[] classes = new int[n * blocks.size()];
    for (int b = 0; b < blocks.size(); b++) {
      Block block = blocks.get(b);
      if (block.isMissingIndicator()) {
        for (int r = 0; r < n; r++) {
          classes[r * blocks.size() + b] = Double.isNaN(num[r * d + block.numericIndex()]) ? 1 : 0;
        }
      } else {
        int[] cls = classesOf(categorical.get(block.categoricalIndex()),
            (CategoricalColumn) table.column(block.column()));
        for (int r = 0; r < n; r++) {
          classes[r * blocks.size() + b] = cls[r];
        }
      }
    }
    ColumnEncoding.Categorical l = labelEncoding();
    int[] labels = l == null ? new int[0]
        : classesOf(l, (CategoricalColumn) table.column(l.column()));
    return new Rows(n, num, classes, labels);
  }

  /** Class of each row of a column: its category's position, or the missing class. */
  private static int[] classesOf(ColumnEncoding.Categorical enc, CategoricalColumn col) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < enc.categories().size(); i++) {
      position.put(enc.categories().get(i), i);
    }
    int missing = enc.hasMissing() ? enc.categories().size() : -1;
    int[] byCode = new int[col.dictionary().size()];
    for (int c = 0; c < byCode.length; c++) {
      byCode[c] = position.getOrDefault(col.dictionary().get(c), missing);
    }
    int[] out = new int[col.size()];
    for (int r = 0; r < out.length; r++) {
      int code = col.code(r);
      int cls = code < 0 ? missing : byCode[code];
      // A category the codec has not seen (impossible for training rows) becomes its most common
      // class rather than failing.
      out[r] = cls >= 0 ? cls : 0;
    }
    return out;
  }

  /**
   * Rows of generated values back to a table in the schema's column order.
   *
   * @param scores {@code rows × numeric().size()} normal scores
   * @param classes {@code rows × blocks().size()} classes
   * @param labels label classes (ignored without label conditioning)
   */
  public Table decode(float[] scores, int[] classes, int[] labels, int rows, TableSchema schema) {
    int d = numeric.size();
    List<Block> blocks = blocks();
    int nb = blocks.size();
    Map<String, Column> columns = new HashMap<>();
    for (int j = 0; j < d; j++) {
      QuantileNormal q = numeric.get(j);
      double[] values = new double[rows];
      for (int r = 0; r < rows; r++) {
        values[r] = q.fromNormal(scores[r * d + j]);
      }
      columns.put(q.column(), new NumericColumn(q.column(), values));
    }
    for (int b = 0; b < nb; b++) {
      Block block = blocks.get(b);
      if (block.isMissingIndicator()) {
        NumericColumn col = (NumericColumn) columns.get(block.column());
        double[] values = col.toArray();
        for (int r = 0; r < rows; r++) {
          if (classes[r * nb + b] == 1) {
            values[r] = Double.NaN;
          }
        }
        columns.put(block.column(), new NumericColumn(block.column(), values));
      } else {
        ColumnEncoding.Categorical enc = categorical.get(block.categoricalIndex());
        int[] cls = new int[rows];
        for (int r = 0; r < rows; r++) {
          cls[r] = classes[r * nb + b];
        }
        columns.put(block.column(), column(enc, cls));
      }
    }
    ColumnEncoding.Categorical l = labelEncoding();
    if (l != null) {
      columns.put(l.column(), column(l, java.util.Arrays.copyOf(labels, rows)));
    }
    List<Column> ordered = new ArrayList<>();
    for (ColumnSpec spec : schema.columns()) {
      ordered.add(columns.get(spec.name()));
    }
    return new Table(schema, ordered);
  }

  private static CategoricalColumn column(ColumnEncoding.Categorical enc, int[] classes) {
    Map<String, Integer> code = new HashMap<>();
    for (int i = 0; i < enc.dictionary().size(); i++) {
      code.put(enc.dictionary().get(i), i);
    }
    int[] codeOf = new int[enc.width()];
    for (int i = 0; i < enc.categories().size(); i++) {
      codeOf[i] = code.get(enc.categories().get(i));
    }
    if (enc.hasMissing()) {
      codeOf[enc.width() - 1] = CategoricalColumn.MISSING;
    }
    int[] codes = new int[classes.length];
    for (int r = 0; r < codes.length; r++) {
      codes[r] = codeOf[classes[r]];
    }
    return new CategoricalColumn(enc.column(), codes, enc.dictionary());
  }

  /**
   * The codec seen as the shared condition checker expects (column summaries in schema order: the
   * observed range and missing rate of numeric columns, the categories of discrete ones), so
   * conditions are validated and checked with the same rules and messages as every deep model.
   * It exists in memory only.
   */
  public ModeSpecificCodec conditionView(TableSchema schema) {
    Map<String, ColumnEncoding> byName = new HashMap<>();
    for (QuantileNormal q : numeric) {
      byName.put(q.column(), new ColumnEncoding.Numeric(q.column(), q.kind(), new double[] {1},
          new double[] {0}, new double[] {1}, new double[] {0}, q.min(), q.max(),
          q.missingRate()));
    }
    for (ColumnEncoding.Categorical c : categorical) {
      byName.put(c.column(), c);
    }
    List<ColumnEncoding> ordered = new ArrayList<>();
    for (ColumnSpec spec : schema.columns()) {
      ordered.add(byName.get(spec.name()));
    }
    return new ModeSpecificCodec(ordered);
  }
}
