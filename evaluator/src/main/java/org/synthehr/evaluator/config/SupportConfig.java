package org.synthehr.evaluator.config;

import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code evaluate.support:} α-precision and β-recall (whether synthetic rows lie where real rows
 * are, and whether they cover where real rows are).
 *
 * @param enabled whether to compute them
 * @param maxRows rows of each side used (nearest-neighbour search is quadratic in this)
 */
public record SupportConfig(boolean enabled, int maxRows) {
  public SupportConfig {
    if (maxRows < 20) {
      throw new InvalidConfigException("evaluate.support.max_rows must be at least 20, got "
          + maxRows + ".");
    }
  }

  /** The defaults. */
  public static SupportConfig defaults() {
    return new SupportConfig(true, 3000);
  }
}
