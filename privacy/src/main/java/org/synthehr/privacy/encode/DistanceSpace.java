package org.synthehr.privacy.encode;

import java.util.ArrayList;
import java.util.List;
import org.synthehr.core.encode.MixedEncoding;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.CodeGroup;
import org.synthehr.generator.compute.FloatMatrix;
import org.synthehr.generator.compute.MixedRows;

/**
 * The one space every distance of the privacy report lives in: core's {@link MixedEncoding} fitted
 * on the training split (numerics standardised, categories one-hot scaled so that two different
 * categories are as far apart as one standard deviation), handed to the distance kernels as
 * {@link MixedRows}: numeric features dense, each one-hot block as codes, so a column with hundreds
 * of ICD codes costs one int per row rather than hundreds of floats.
 */
public final class DistanceSpace {
  private static final int CHUNK = 8192;

  private final MixedEncoding encoding;
  private final List<MixedEncoding.Span> spans;
  private final int denseWidth;
  /** The non-zero entry of each one-hot block, read off the encoding of the reference rows. */
  private final float[] oneHotValues;

  private DistanceSpace(MixedEncoding encoding, Table reference) {
    this.encoding = encoding;
    this.spans = encoding.spans();
    int d = 0;
    int groups = 0;
    for (MixedEncoding.Span s : spans) {
      d += s.categorical() ? 0 : s.width();
      groups += s.categorical() ? 1 : 0;
    }
    this.denseWidth = d;
    this.oneHotValues = new float[groups];
    java.util.Arrays.fill(oneHotValues, (float) (1.0 / Math.sqrt(2.0)));
    Table head = reference.head(256);
    float[] x = encoding.encode(head);
    int g = 0;
    for (MixedEncoding.Span s : spans) {
      if (!s.categorical()) {
        continue;
      }
      search:
      for (int r = 0; r < head.rowCount(); r++) {
        for (int c = 0; c < s.width(); c++) {
          float v = x[r * encoding.width() + s.offset() + c];
          if (v != 0f) {
            oneHotValues[g] = v;
            break search;
          }
        }
      }
      g++;
    }
  }

  /**
   * The space of the modelled columns of one or more tables (for example training and holdout
   * together). Only categories that occur in their rows get a one-hot column: a table's dictionary
   * can list categories of rows it does not hold (of another split, say), and a category one side
   * of a comparison knows and the other does not would make distances depend on who is a member.
   * Categories outside the space encode as all zeros, half a unit from any category.
   */
  public static DistanceSpace fit(Table... tables) {
    List<Table> parts = new ArrayList<>();
    for (Table t : tables) {
      parts.add(t.modelled());
    }
    Table observed = observedCategories(parts.size() == 1 ? parts.get(0) : Table.concat(parts));
    return new DistanceSpace(MixedEncoding.fit(observed), observed);
  }

  /** The table with every categorical dictionary cut down to the categories its rows hold. */
  static Table observedCategories(Table t) {
    List<Column> cols = new ArrayList<>(t.columns());
    for (int c = 0; c < cols.size(); c++) {
      if (cols.get(c) instanceof CategoricalColumn cat) {
        long[] counts = cat.counts();
        List<String> used = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
          if (counts[k] > 0) {
            used.add(cat.dictionary().get(k));
          }
        }
        if (used.size() < counts.length) {
          cols.set(c, cat.recode(used));
        }
      }
    }
    return new Table(t.schema(), cols);
  }

  /** The underlying encoding. */
  public MixedEncoding encoding() {
    return encoding;
  }

  /** Width of the full one-hot encoding. */
  public int width() {
    return encoding.width();
  }

  /** Encodes the rows of a table with the same modelled columns. */
  public MixedRows encode(Table table) {
    int n = table.rowCount();
    float[] dense = new float[n * denseWidth];
    List<int[]> codes = new ArrayList<>();
    for (MixedEncoding.Span s : spans) {
      if (s.categorical()) {
        codes.add(new int[n]);
      }
    }
    int w = encoding.width();
    for (int r0 = 0; r0 < n; r0 += CHUNK) {
      int r1 = Math.min(n, r0 + CHUNK);
      int[] rows = new int[r1 - r0];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = r0 + i;
      }
      float[] x = encoding.encode(table.take(rows));
      for (int i = 0; i < rows.length; i++) {
        int from = i * w;
        int to = (r0 + i) * denseWidth;
        int g = 0;
        for (MixedEncoding.Span s : spans) {
          if (!s.categorical()) {
            System.arraycopy(x, from + s.offset(), dense, to, s.width());
            to += s.width();
            continue;
          }
          int code = -1;
          for (int c = 0; c < s.width(); c++) {
            float v = x[from + s.offset() + c];
            if (v != 0f) {
              code = c;
              break;
            }
          }
          codes.get(g)[r0 + i] = code;
          g++;
        }
      }
    }
    List<CodeGroup> groups = new ArrayList<>();
    int g = 0;
    for (MixedEncoding.Span s : spans) {
      if (s.categorical()) {
        groups.add(new CodeGroup(codes.get(g), s.width(), oneHotValues[g]));
        g++;
      }
    }
    return new MixedRows(new FloatMatrix(dense, n, denseWidth), groups);
  }
}
