package org.synthehr.privacy.attack;

import java.util.SplittableRandom;
import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.KernelDensity;
import org.synthehr.generator.compute.MixedRows;
import org.synthehr.generator.compute.NearestNeighbours;
import org.synthehr.privacy.stats.Samples;

/**
 * A density-ratio attack in the manner of DOMIAS (van Breugel et al., "Membership Inference Attacks
 * against Synthetic Data through Overfitting Detection", AISTATS 2023): a record is scored by the
 * synthetic data's density at it over the population's density at it, {@code p_syn(x) / p_ref(x)},
 * so that records that are merely typical (dense in both) are not mistaken for members, while
 * records around which the generator over-concentrated stand out. Both densities are Gaussian
 * kernel estimates on the shared encoding, each with its own bandwidth: {@code scale} times the
 * median distance between a row of that data set and its nearest other row, the scale at which the
 * set's own neighbourhoods are resolved. The kernel sums run as blocked matrix products.
 */
public final class DensityRatioAttack implements MembershipAttack {
  private final double scale;
  private final int bandwidthRows;
  private final long seed;

  /**
   * @param scale bandwidth as a multiple of the median nearest-neighbour distance
   * @param bandwidthRows rows whose nearest-neighbour distances set the bandwidth (seeded sample)
   * @param seed seed of that sample
   */
  public DensityRatioAttack(double scale, int bandwidthRows, long seed) {
    this.scale = scale;
    this.bandwidthRows = bandwidthRows;
    this.seed = seed;
  }

  @Override
  public String id() {
    return "density_ratio";
  }

  @Override
  public String description() {
    return "DOMIAS-style attack: synthetic over reference kernel density at the record";
  }

  @Override
  public double[] scores(AttackerKnowledge knowledge, Table targets, MixedRows targetRows) {
    SplittableRandom rnd = new SplittableRandom(seed);
    MixedRows syn = knowledge.syntheticRows();
    MixedRows ref = knowledge.referenceRows();
    double hs = bandwidth(syn, rnd);
    double hr = bandwidth(ref, rnd);
    double[] logSyn = KernelDensity.logMeanKernel(targetRows, syn, new double[] {hs})[0];
    double[] logRef = KernelDensity.logMeanKernel(targetRows, ref, new double[] {hr})[0];
    // The Gaussian normalisation, -d log h per density, only shifts every score by the same
    // constant and is left out: the attack ranks records.
    double[] out = new double[logSyn.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = logSyn[i] - logRef[i];
    }
    return out;
  }

  /** {@code scale} times the median distance of sampled rows to their nearest other row. */
  double bandwidth(MixedRows rows, SplittableRandom rnd) {
    int[] pick = Samples.without(rows.rows(), bandwidthRows, rnd);
    MixedRows sample = rows.rows(pick);
    double[] nn = NearestNeighbours.search(sample, rows, 2).distances(1);
    double med = Samples.median(nn);
    if (!(med > 0)) {
      // Mostly duplicated rows: fall back to the mean of the positive distances, or 1.
      double s = 0;
      int n = 0;
      for (double d : nn) {
        if (d > 0) {
          s += d;
          n++;
        }
      }
      med = n > 0 ? s / n : 1.0;
    }
    return scale * med;
  }
}
