package org.synthehr.generator.longitudinal;

import ai.djl.training.tracker.Tracker;

/**
 * A learning rate that falls along half a cosine from its base value to a share of it over the
 * whole run. Diffusion models keep improving slowly at a fixed rate; the decay lets the last epochs
 * settle into a minimum instead of hovering around it. The optimizer counts updates from its
 * creation, so a resumed run passes the updates already done as the offset and continues the same
 * curve.
 *
 * @param base rate at the first update
 * @param finalShare share of the base rate reached at the last update
 * @param totalUpdates updates of the whole run
 * @param offset updates done before this optimizer was created (resumed runs)
 */
record CosineDecay(double base, double finalShare, long totalUpdates, long offset)
    implements Tracker {

  CosineDecay {
    if (!(base > 0) || finalShare < 0 || finalShare > 1 || totalUpdates < 1 || offset < 0) {
      throw new IllegalArgumentException("invalid cosine decay: base " + base + ", final share "
          + finalShare + ", " + totalUpdates + " updates, offset " + offset);
    }
  }

  @Override
  public float getNewValue(int numUpdate) {
    double done = Math.min(1.0, (double) (offset + Math.max(0, numUpdate - 1)) / totalUpdates);
    double share = finalShare + (1 - finalShare) * 0.5 * (1 + Math.cos(Math.PI * done));
    return (float) (base * share);
  }
}
