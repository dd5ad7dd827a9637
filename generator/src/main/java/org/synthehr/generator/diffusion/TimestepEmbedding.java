package org.synthehr.generator.diffusion;

/**
 * The sinusoidal features of a timestep (as in DDPM and TabDDPM): for frequencies
 * {@code f_i = 10000^(−i/half)}, the cosines of {@code t·f_i} followed by their sines. Precomputed
 * for every step of a schedule, so building a batch is a copy.
 */
final class TimestepEmbedding {
  private static final double MAX_PERIOD = 10_000;
  private final int dim;
  private final float[] table;

  TimestepEmbedding(int steps, int dim) {
    this.dim = dim;
    this.table = new float[steps * dim];
    int half = dim / 2;
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < half; i++) {
        double angle = t * Math.exp(-Math.log(MAX_PERIOD) * i / half);
        table[t * dim + i] = (float) Math.cos(angle);
        table[t * dim + half + i] = (float) Math.sin(angle);
      }
    }
  }

  /** Width of the features. */
  int dim() {
    return dim;
  }

  /** Copies the features of step {@code t} into {@code out[at..at+dim)}. */
  void write(int t, float[] out, int at) {
    System.arraycopy(table, t * dim, out, at, dim);
  }
}
