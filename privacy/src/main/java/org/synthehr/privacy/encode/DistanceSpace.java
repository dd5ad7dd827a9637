package org.synthehr.privacy.encode;

import java.util.ArrayList;
import java.util.List;
import org.synthehr.core.encode.MixedEncoding;
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

  /** The space of a reference (training) table's modelled columns. */
  public static DistanceSpace fit(Table reference) {
    Table modelled = reference.modelled();
    return new DistanceSpace(MixedEncoding.fit(modelled), modelled);
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
