package org.synthehr.generator;

import java.util.List;

/**
 * What to sample.
 *
 * @param rows number of rows
 * @param seed the seed; the same model, seed and request give the same rows
 * @param conditions constraints every row must satisfy (empty for unconditional sampling)
 */
public record SampleRequest(int rows, long seed, List<Condition> conditions) {

  public SampleRequest {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** Unconditional sampling. */
  public static SampleRequest of(int rows, long seed) {
    return new SampleRequest(rows, seed, List.of());
  }
}
