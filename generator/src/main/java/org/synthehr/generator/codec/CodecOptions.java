package org.synthehr.generator.codec;

import org.synthehr.core.error.InvalidConfigException;

/**
 * Settings of mode-specific normalisation.
 *
 * @param maxModes components of each continuous column's variational Gaussian mixture
 * @param modeWeightThreshold modes whose mixture weight is at most this are dropped
 */
public record CodecOptions(int maxModes, double modeWeightThreshold) {
  /** The reference's settings: at most 10 modes, weight threshold 0.005. */
  public static final CodecOptions DEFAULTS = new CodecOptions(10, 0.005);

  public CodecOptions {
    if (maxModes < 1 || maxModes > 50) {
      throw new InvalidConfigException("max_modes must be between 1 and 50, got " + maxModes + ".");
    }
    if (!(modeWeightThreshold >= 0 && modeWeightThreshold < 0.5)) {
      throw new InvalidConfigException("mode_weight_threshold must be in [0, 0.5), got "
          + modeWeightThreshold + ".");
    }
  }
}
