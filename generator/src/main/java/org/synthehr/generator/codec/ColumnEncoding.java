package org.synthehr.generator.codec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.core.schema.ColumnKind;

/**
 * How one column is laid out in an encoded row. Saved as JSON in {@code codec.json}; holds
 * distribution summaries (mixture modes, category frequencies, the observed range), never rows.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ColumnEncoding.Numeric.class, name = "numeric"),
    @JsonSubTypes.Type(value = ColumnEncoding.Categorical.class, name = "categorical")})
public sealed interface ColumnEncoding {
  /** Column name. */
  String column();

  /** Positions the column takes in an encoded row. */
  @JsonIgnore
  int width();

  /**
   * A numeric column under mode-specific normalisation: a scalar {@code (x - mean_k) / (4 std_k)}
   * clipped to ±0.99 (tanh span), then a one-hot over the mixture's modes plus, when the column has
   * missing values, one more position meaning "missing" (softmax span).
   *
   * @param column column name
   * @param kind continuous, integer or datetime
   * @param weights mixture weights of the kept modes (renormalised)
   * @param means mode means
   * @param stds mode standard deviations
   * @param logOffsets per-mode constant of the variational log posterior (mode assignment)
   * @param min smallest observed value (outputs are clipped to the observed range)
   * @param max largest observed value
   * @param missingRate share of missing rows in the training data
   */
  record Numeric(String column, ColumnKind kind, double[] weights, double[] means, double[] stds,
      double[] logOffsets, double min, double max, double missingRate) implements ColumnEncoding {

    /** Largest absolute normalised value written by {@link #encode}. */
    public static final double CLIP = 0.99;

    /** Number of mixture modes. */
    @JsonIgnore
    public int modes() {
      return means.length;
    }

    /** Whether a missing position follows the modes. */
    @JsonIgnore
    public boolean hasMissing() {
      return missingRate > 0;
    }

    @Override
    public int width() {
      return 1 + modes() + (hasMissing() ? 1 : 0);
    }

    /**
     * Writes the encoding of {@code x} (NaN = missing) at {@code out[at..]}. The mode is drawn from
     * its posterior given x (as the reference does), so values near a boundary between modes are
     * spread over both.
     */
    void encode(double x, SplittableRandom random, double[] scratch, float[] out, int at) {
      int k = modes();
      if (Double.isNaN(x)) {
        out[at + 1 + k] = 1f;
        return;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double z = (x - means[c]) / stds[c];
        scratch[c] = logOffsets[c] - 0.5 * z * z;
        max = Math.max(max, scratch[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        scratch[c] = Math.exp(scratch[c] - max);
        sum += scratch[c];
      }
      // The reference's smoothing: every kept mode keeps a tiny chance.
      double total = 0;
      for (int c = 0; c < k; c++) {
        scratch[c] = scratch[c] / sum + 1e-6;
        total += scratch[c];
      }
      double u = random.nextDouble() * total;
      int mode = k - 1;
      double acc = 0;
      for (int c = 0; c < k; c++) {
        acc += scratch[c];
        if (u < acc) {
          mode = c;
          break;
        }
      }
      double scalar = (x - means[mode]) / (4 * stds[mode]);
      out[at] = (float) Math.max(-CLIP, Math.min(CLIP, scalar));
      out[at + 1 + mode] = 1f;
    }

    /**
     * The value for a scalar and a chosen position of the softmax span (a mode, or the missing
     * position): rounded for integers, clipped to the observed range.
     */
    public double decode(double scalar, int position) {
      if (position >= modes()) {
        return Double.NaN;
      }
      double s = Math.max(-1.0, Math.min(1.0, scalar));
      double v = s * 4 * stds[position] + means[position];
      if (kind == ColumnKind.INTEGER || kind == ColumnKind.DATETIME) {
        v = Math.floor(v + 0.5);
      }
      return Math.max(min, Math.min(max, v));
    }
  }

  /**
   * A discrete column as a one-hot over its observed categories, plus a last position meaning
   * "missing" when the training data has missing values.
   *
   * @param column column name
   * @param categories the one-hot positions' categories, in dictionary order
   * @param frequencies share of training rows in each category (with {@code missingRate}, sums to 1)
   * @param missingRate share of missing rows
   * @param dictionary the dictionary of the emitted column (declared categories, else the training
   *     dictionary)
   */
  record Categorical(String column, List<String> categories, double[] frequencies,
      double missingRate, List<String> dictionary) implements ColumnEncoding {

    public Categorical {
      categories = List.copyOf(categories);
      dictionary = List.copyOf(dictionary);
    }

    /** Whether a missing position follows the categories. */
    @JsonIgnore
    public boolean hasMissing() {
      return missingRate > 0;
    }

    @Override
    public int width() {
      return categories.size() + (hasMissing() ? 1 : 0);
    }

    /** Share of training rows at each one-hot position (categories, then missing). */
    @JsonIgnore
    public double[] positionFrequencies() {
      double[] out = new double[width()];
      System.arraycopy(frequencies, 0, out, 0, frequencies.length);
      if (hasMissing()) {
        out[out.length - 1] = missingRate;
      }
      return out;
    }

    /** The one-hot position of each code of a column's dictionary (-1 when not a category here). */
    int[] positionsOf(List<String> sourceDictionary) {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < categories.size(); i++) {
        index.put(categories.get(i), i);
      }
      int[] out = new int[sourceDictionary.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = index.getOrDefault(sourceDictionary.get(i), -1);
      }
      return out;
    }

    /** The dictionary code of each one-hot position (missing position: -1). */
    int[] codesOfPositions() {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < dictionary.size(); i++) {
        index.put(dictionary.get(i), i);
      }
      int[] out = new int[width()];
      for (int i = 0; i < categories.size(); i++) {
        out[i] = index.get(categories.get(i));
      }
      if (hasMissing()) {
        out[out.length - 1] = -1;
      }
      return out;
    }
  }
}
