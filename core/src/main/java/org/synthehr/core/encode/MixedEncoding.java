package org.synthehr.core.encode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;

/**
 * A shared numeric encoding of mixed-type rows for distances and classifiers: numeric columns
 * standardised by the reference table's mean and standard deviation (plus a missing indicator),
 * categorical columns one-hot scaled by 1/sqrt(2) so that two different categories are at distance 1,
 * like one standard deviation. Fitted once on the reference (training) table and applied to every
 * table compared with it, so all distances live in one space.
 */
public final class MixedEncoding {
  private static final float HALF_SQRT2 = (float) (1.0 / Math.sqrt(2.0));

  private final List<Part> parts;
  private final int width;

  private sealed interface Part permits NumericPart, CategoricalPart {}

  private record NumericPart(String column, double mean, double scale, boolean indicator, int offset)
      implements Part {}

  private record CategoricalPart(String column, Map<String, Integer> index, int offset)
      implements Part {}

  private MixedEncoding(List<Part> parts, int width) {
    this.parts = parts;
    this.width = width;
  }

  /** Fits the encoding on the modelled columns of a reference table. */
  public static MixedEncoding fit(Table reference) {
    List<Part> parts = new ArrayList<>();
    int offset = 0;
    for (ColumnSpec spec : reference.schema().modelled().columns()) {
      Column col = reference.column(spec.name());
      if (col instanceof NumericColumn n) {
        double[] obs = n.observed();
        double mean = 0;
        for (double v : obs) {
          mean += v;
        }
        mean = obs.length == 0 ? 0 : mean / obs.length;
        double var = 0;
        for (double v : obs) {
          var += (v - mean) * (v - mean);
        }
        double sd = obs.length < 2 ? 0 : Math.sqrt(var / (obs.length - 1));
        boolean indicator = n.missingCount() > 0;
        parts.add(new NumericPart(spec.name(), mean, sd > 0 ? sd : 1.0, indicator, offset));
        offset += indicator ? 2 : 1;
      } else if (col instanceof CategoricalColumn c) {
        Map<String, Integer> index = new HashMap<>();
        for (String v : c.dictionary()) {
          index.put(v, index.size());
        }
        if (c.missingCount() > 0) {
          index.put(null, index.size());
        }
        parts.add(new CategoricalPart(spec.name(), index, offset));
        offset += index.size();
      }
    }
    return new MixedEncoding(List.copyOf(parts), offset);
  }

  /**
   * One column's block of encoded features.
   *
   * @param column the column
   * @param offset its first feature
   * @param width its number of features
   * @param categorical whether the block is one-hot (at most one non-zero per row)
   */
  public record Span(String column, int offset, int width, boolean categorical) {}

  /** The blocks of every column, in feature order (lets kernels treat one-hot blocks as codes). */
  public List<Span> spans() {
    List<Span> out = new ArrayList<>(parts.size());
    for (Part part : parts) {
      if (part instanceof NumericPart p) {
        out.add(new Span(p.column(), p.offset(), p.indicator() ? 2 : 1, false));
      } else if (part instanceof CategoricalPart p) {
        out.add(new Span(p.column(), p.offset(), p.index().size(), true));
      }
    }
    return List.copyOf(out);
  }

  /** Number of encoded features per row. */
  public int width() {
    return width;
  }

  /**
   * Encodes a table with the same modelled columns into a row-major matrix of
   * {@code rowCount × width()} floats. Categories the reference never saw encode as all zeros.
   */
  public float[] encode(Table table) {
    int n = table.rowCount();
    float[] out = new float[n * width];
    for (Part part : parts) {
      if (part instanceof NumericPart p) {
        NumericColumn col = table.numeric(p.column());
        for (int r = 0; r < n; r++) {
          double v = col.get(r);
          int at = r * width + p.offset();
          if (Double.isNaN(v)) {
            out[at] = 0f;
            if (p.indicator()) {
              out[at + 1] = 1f;
            }
          } else {
            out[at] = (float) ((v - p.mean()) / p.scale());
          }
        }
      } else if (part instanceof CategoricalPart p) {
        CategoricalColumn col = table.categorical(p.column());
        for (int r = 0; r < n; r++) {
          Integer k = p.index().get(col.value(r));
          if (k != null) {
            out[r * width + p.offset() + k] = HALF_SQRT2;
          }
        }
      }
    }
    return out;
  }

  /** Names of the encoded features, for classifiers and reports. */
  public List<String> featureNames() {
    String[] names = new String[width];
    for (Part part : parts) {
      if (part instanceof NumericPart p) {
        names[p.offset()] = p.column();
        if (p.indicator()) {
          names[p.offset() + 1] = p.column() + "=<missing>";
        }
      } else if (part instanceof CategoricalPart p) {
        p.index().forEach((v, k) -> names[p.offset() + k] = p.column() + "="
            + (v == null ? "<missing>" : v));
      }
    }
    return List.of(names);
  }
}
