package org.synthehr.generator.copula;

import java.util.Set;
import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code model.options} of the Gaussian copula.
 *
 * @param marginals how numeric marginals are modelled: {@code empirical} (quantile grid),
 *     {@code parametric} (the best-fitting of normal, log-normal, gamma, beta and uniform by KS) or
 *     {@code auto} (parametric where it fits within KS 0.02, else empirical)
 * @param quantiles points of the empirical quantile grid
 * @param discreteLevels numeric columns with at most this many distinct values keep their exact
 *     value frequencies
 * @param gibbsSweeps sweeps of the Gibbs sampler used when several columns are conditioned on
 */
public record CopulaOptions(String marginals, int quantiles, int discreteLevels, int gibbsSweeps) {
  /** The defaults. */
  public static final CopulaOptions DEFAULTS = new CopulaOptions("empirical", 512, 64, 25);

  public CopulaOptions {
    if (!Set.of("empirical", "parametric", "auto").contains(marginals)) {
      throw new InvalidConfigException("marginals must be empirical, parametric or auto, got '"
          + marginals + "'.");
    }
    if (quantiles < 16) {
      throw new InvalidConfigException("quantiles must be at least 16, got " + quantiles + ".");
    }
    if (discreteLevels < 1) {
      throw new InvalidConfigException("discrete_levels must be at least 1, got " + discreteLevels
          + ".");
    }
    if (gibbsSweeps < 1) {
      throw new InvalidConfigException("gibbs_sweeps must be at least 1, got " + gibbsSweeps + ".");
    }
  }
}
