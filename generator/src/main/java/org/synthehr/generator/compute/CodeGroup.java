package org.synthehr.generator.compute;

import java.util.Objects;

/**
 * A categorical block of a row encoding, given by one code per row instead of its one-hot vector:
 * row r stands for a block of {@code levels} columns that is all zero except {@code value} at
 * column {@code codes[r]} (no non-zero at all when the code is -1). Two rows with different codes
 * are therefore {@code 2 value^2} apart in squared distance, rows with the same code 0 apart.
 *
 * @param codes one code per row, in [-1, levels)
 * @param levels width of the one-hot block
 * @param value the non-zero entry of the one-hot block
 */
public record CodeGroup(int[] codes, int levels, float value) {

  public CodeGroup {
    Objects.requireNonNull(codes, "codes");
    if (levels < 0) {
      throw new IllegalArgumentException("levels must be >= 0, got " + levels);
    }
    for (int c : codes) {
      if (c < -1 || c >= levels) {
        throw new IllegalArgumentException("code " + c + " outside [-1, " + levels + ")");
      }
    }
  }

  /** The same group restricted to these rows, in this order. */
  public CodeGroup rows(int[] indices) {
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = codes[indices[i]];
    }
    return new CodeGroup(out, levels, value);
  }
}
