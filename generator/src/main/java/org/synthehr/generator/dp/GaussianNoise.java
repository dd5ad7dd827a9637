package org.synthehr.generator.dp;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Where DP-SGD's Gaussian noise comes from. The guarantee assumes the noise is unknown to an
 * attacker: {@link #secure()} draws it from the operating system's entropy (the right choice for a
 * release, at the price of runs that are not reproducible by seed); {@link #seeded} derives it from
 * the run seed, so anyone holding the seed (it is in the provenance) could recompute the noise; use
 * it for tests and experiments only.
 */
public final class GaussianNoise {
  private final RandomGenerator random;
  private final boolean secure;

  private GaussianNoise(RandomGenerator random, boolean secure) {
    this.random = random;
    this.secure = secure;
  }

  /** Noise from a cryptographically secure generator. */
  public static GaussianNoise secure() {
    return new GaussianNoise(new SecureRandom(), true);
  }

  /** Reproducible noise from a seed (no formal guarantee against whoever knows the seed). */
  public static GaussianNoise seeded(long seed) {
    return new GaussianNoise(new SplittableRandom(seed), false);
  }

  /** Whether the noise is secret (not derived from a seed). */
  public boolean isSecure() {
    return secure;
  }

  /** Draws {@code n} independent N(0, std^2) values. */
  public float[] draw(int n, double std) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (std * random.nextGaussian());
    }
    return out;
  }
}
