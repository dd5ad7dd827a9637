package org.synthehr.generator.copula;

import java.util.List;

/**
 * What a fitted copula saves ({@code copula.json}): one marginal per latent dimension and the
 * correlation matrix of their normal scores. Aggregates only, never rows.
 *
 * @param marginals one per latent dimension
 * @param correlation the positive-definite correlation matrix of the normal scores
 * @param options the options used
 */
public record CopulaParameters(List<Marginal> marginals, double[][] correlation,
    CopulaOptions options) {

  public CopulaParameters {
    marginals = List.copyOf(marginals);
  }
}
