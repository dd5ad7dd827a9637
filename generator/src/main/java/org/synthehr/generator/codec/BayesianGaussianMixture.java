package org.synthehr.generator.codec;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * A one-dimensional variational Gaussian mixture with a Dirichlet-process (stick-breaking) prior on
 * the weights: the model the reference uses for mode-specific normalisation (scikit-learn's
 * {@code BayesianGaussianMixture} with {@code weight_concentration_prior_type='dirichlet_process'},
 * {@code weight_concentration_prior=0.001}, k-means initialisation, at most 100 iterations, lower
 * bound tolerance 1e-3). The updates follow scikit-learn's, so the fitted modes agree with the
 * reference's up to the k-means start.
 *
 * <p>The fit runs on the distinct values with their counts, which is exactly equivalent to running
 * on every row (each update is a sum over rows) and makes columns of counts, lengths of stay and
 * other integers, the common case in health records, cost microseconds instead of seconds.
 */
public final class BayesianGaussianMixture {
  /** Components the mixture starts with (the reference's {@code max_clusters}). */
  private final int maxComponents;
  private final double weightConcentrationPrior;
  private final int maxIterations;
  private final double tolerance;
  private static final double REG_COVAR = 1e-6;
  private static final double MEAN_PRECISION_PRIOR = 1.0;
  private static final double EPS = Math.ulp(1.0);

  /**
   * A mixture with the reference's settings except the number of components.
   *
   * @param maxComponents at most this many components
   */
  public BayesianGaussianMixture(int maxComponents) {
    this(maxComponents, 0.001, 100, 1e-3);
  }

  BayesianGaussianMixture(int maxComponents, double weightConcentrationPrior, int maxIterations,
      double tolerance) {
    if (maxComponents < 1) {
      throw new IllegalArgumentException("maxComponents must be at least 1");
    }
    this.maxComponents = maxComponents;
    this.weightConcentrationPrior = weightConcentrationPrior;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  /**
   * The fitted mixture: per component its weight, mean, standard deviation and the constant of its
   * variational log density, so that the posterior of component k at x is proportional to
   * {@code exp(logOffset[k] - 0.5 * ((x - mean[k]) / std[k])^2)}.
   *
   * @param weights mixture weights (sum to 1)
   * @param means component means
   * @param stds component standard deviations (square roots of the normalised covariances)
   * @param logOffsets per-component constant of the variational log posterior
   * @param iterations EM iterations run
   * @param converged whether the lower bound converged before the iteration limit
   */
  public record Fit(double[] weights, double[] means, double[] stds, double[] logOffsets,
      int iterations, boolean converged) {

    /** The components whose weight exceeds the threshold, in component order. */
    public int[] validComponents(double weightThreshold) {
      int[] idx = new int[weights.length];
      int k = 0;
      for (int i = 0; i < weights.length; i++) {
        if (weights[i] > weightThreshold) {
          idx[k++] = i;
        }
      }
      if (k == 0) {
        int best = 0;
        for (int i = 1; i < weights.length; i++) {
          best = weights[i] > weights[best] ? i : best;
        }
        return new int[] {best};
      }
      return Arrays.copyOf(idx, k);
    }
  }

  /**
   * Fits the mixture to observed (non-missing) values.
   *
   * @param values the values, at least one
   * @param random seeds the k-means start
   */
  public Fit fit(double[] values, SplittableRandom random) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to fit");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int distinct = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    double[] x = new double[distinct];
    double[] w = new double[distinct];
    int j = 0;
    x[0] = sorted[0];
    w[0] = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[i - 1]) {
        x[++j] = sorted[i];
      }
      w[j]++;
    }
    return fitWeighted(x, w, random);
  }

  /** Fits to distinct values {@code x} with counts {@code w}. */
  Fit fitWeighted(double[] x, double[] w, SplittableRandom random) {
    int n = x.length;
    int k = Math.min(maxComponents, n);
    double total = 0;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      total += w[i];
      mean += w[i] * x[i];
    }
    mean /= total;
    double var = 0;
    for (int i = 0; i < n; i++) {
      var += w[i] * (x[i] - mean) * (x[i] - mean);
    }
    // numpy's np.cov (ddof = 1), the reference's covariance prior.
    double covPrior = total > 1 ? var / (total - 1) : 0;
    State s = new State(k, mean, covPrior);
    double[][] resp = kmeansResponsibilities(x, w, k, random);
    s.mStep(x, w, resp);
    double lowerBound = Double.NEGATIVE_INFINITY;
    boolean converged = false;
    int iter = 0;
    double[][] logResp = new double[n][k];
    while (iter < maxIterations) {
      iter++;
      double previous = lowerBound;
      s.eStep(x, logResp);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          resp[i][c] = Math.exp(logResp[i][c]);
        }
      }
      s.mStep(x, w, resp);
      lowerBound = s.lowerBound(w, logResp);
      if (Math.abs(lowerBound - previous) < tolerance) {
        converged = true;
        break;
      }
    }
    return s.result(iter, converged);
  }

  /** Hard k-means++ / Lloyd assignments on weighted 1-D values, as one-hot responsibilities. */
  private static double[][] kmeansResponsibilities(double[] x, double[] w, int k,
      SplittableRandom random) {
    int n = x.length;
    double[] centers = new double[k];
    double[] d2 = new double[n];
    centers[0] = x[weightedPick(w, random)];
    for (int c = 1; c < k; c++) {
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        double best = Double.POSITIVE_INFINITY;
        for (int q = 0; q < c; q++) {
          double d = x[i] - centers[q];
          best = Math.min(best, d * d);
        }
        d2[i] = best;
        p[i] = w[i] * best;
      }
      centers[c] = x[weightedPick(p, random)];
    }
    int[] label = new int[n];
    for (int iter = 0; iter < 300; iter++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double d = Math.abs(x[i] - centers[c]);
          if (d < bestD) {
            bestD = d;
            best = c;
          }
        }
        if (label[i] != best || iter == 0) {
          changed |= label[i] != best;
          label[i] = best;
        }
      }
      double[] sum = new double[k];
      double[] cnt = new double[k];
      for (int i = 0; i < n; i++) {
        sum[label[i]] += w[i] * x[i];
        cnt[label[i]] += w[i];
      }
      for (int c = 0; c < k; c++) {
        if (cnt[c] > 0) {
          centers[c] = sum[c] / cnt[c];
        }
      }
      if (!changed && iter > 0) {
        break;
      }
    }
    double[][] resp = new double[n][k];
    for (int i = 0; i < n; i++) {
      resp[i][label[i]] = 1.0;
    }
    return resp;
  }

  private static int weightedPick(double[] weights, SplittableRandom random) {
    double total = 0;
    for (double v : weights) {
      total += v;
    }
    if (total <= 0) {
      return random.nextInt(weights.length);
    }
    double u = random.nextDouble() * total;
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i];
      if (u < acc) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** The variational parameters, updated as scikit-learn does for one feature. */
  private final class State {
    final int k;
    final double meanPrior;
    final double covariancePrior;
    final double degreesOfFreedomPrior = 1.0;
    final double[] concentrationA;
    final double[] concentrationB;
    final double[] meanPrecision;
    final double[] means;
    final double[] degreesOfFreedom;
    final double[] covariances;

    State(int k, double meanPrior, double covariancePrior) {
      this.k = k;
      this.meanPrior = meanPrior;
      this.covariancePrior = covariancePrior;
      concentrationA = new double[k];
      concentrationB = new double[k];
      meanPrecision = new double[k];
      means = new double[k];
      degreesOfFreedom = new double[k];
      covariances = new double[k];
    }

    void mStep(double[] x, double[] w, double[][] resp) {
      int n = x.length;
      double[] nk = new double[k];
      double[] xk = new double[k];
      double[] sk = new double[k];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          double r = w[i] * resp[i][c];
          nk[c] += r;
          xk[c] += r * x[i];
        }
      }
      for (int c = 0; c < k; c++) {
        nk[c] += 10 * EPS;
        xk[c] /= nk[c];
      }
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          double d = x[i] - xk[c];
          sk[c] += w[i] * resp[i][c] * d * d;
        }
      }
      for (int c = 0; c < k; c++) {
        sk[c] = sk[c] / nk[c] + REG_COVAR;
      }
      // Stick-breaking weights: a_k = 1 + n_k, b_k = prior + sum of n_j for j > k.
      double tail = 0;
      for (int c = k - 1; c >= 0; c--) {
        concentrationA[c] = 1.0 + nk[c];
        concentrationB[c] = weightConcentrationPrior + tail;
        tail += nk[c];
      }
      for (int c = 0; c < k; c++) {
        meanPrecision[c] = MEAN_PRECISION_PRIOR + nk[c];
        means[c] = (MEAN_PRECISION_PRIOR * meanPrior + nk[c] * xk[c]) / meanPrecision[c];
        degreesOfFreedom[c] = degreesOfFreedomPrior + nk[c];
        double diff = xk[c] - meanPrior;
        covariances[c] = (covariancePrior + nk[c] * sk[c]
            + nk[c] * MEAN_PRECISION_PRIOR / meanPrecision[c] * diff * diff)
            / degreesOfFreedom[c];
      }
    }

    /** Expected log weights under the stick-breaking posterior. */
    double[] logWeights() {
      double[] out = new double[k];
      double cumulative = 0;
      for (int c = 0; c < k; c++) {
        double digammaSum = Gamma.digamma(concentrationA[c] + concentrationB[c]);
        out[c] = Gamma.digamma(concentrationA[c]) - digammaSum + cumulative;
        cumulative += Gamma.digamma(concentrationB[c]) - digammaSum;
      }
      return out;
    }

    /** Per component the constant of the variational log density (including the log weight). */
    double[] logOffsets() {
      double[] lw = logWeights();
      double[] out = new double[k];
      for (int c = 0; c < k; c++) {
        double precisionChol = 1.0 / Math.sqrt(covariances[c]);
        double logLambda = Math.log(2.0) + Gamma.digamma(0.5 * degreesOfFreedom[c]);
        out[c] = -0.5 * Math.log(2 * Math.PI) + Math.log(precisionChol)
            - 0.5 * Math.log(degreesOfFreedom[c])
            + 0.5 * (logLambda - 1.0 / meanPrecision[c]) + lw[c];
      }
      return out;
    }

    void eStep(double[] x, double[][] logResp) {
      double[] offsets = logOffsets();
      double[] precision = new double[k];
      for (int c = 0; c < k; c++) {
        precision[c] = 1.0 / covariances[c];
      }
      for (int i = 0; i < x.length; i++) {
        double max = Double.NEGATIVE_INFINITY;
        double[] row = logResp[i];
        for (int c = 0; c < k; c++) {
          double d = x[i] - means[c];
          row[c] = offsets[c] - 0.5 * d * d * precision[c];
          max = Math.max(max, row[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += Math.exp(row[c] - max);
        }
        double norm = max + Math.log(sum);
        for (int c = 0; c < k; c++) {
          row[c] -= norm;
        }
      }
    }

    double lowerBound(double[] w, double[][] logResp) {
      double entropy = 0;
      for (int i = 0; i < logResp.length; i++) {
        for (int c = 0; c < k; c++) {
          double lr = logResp[i][c];
          entropy += w[i] * Math.exp(lr) * lr;
        }
      }
      double logWishart = 0;
      double logNormWeight = 0;
      double logMeanPrecision = 0;
      for (int c = 0; c < k; c++) {
        double dof = degreesOfFreedom[c];
        double logDetPrecisionChol = Math.log(1.0 / Math.sqrt(covariances[c])) - 0.5 * Math.log(dof);
        logWishart += -(dof * logDetPrecisionChol + dof * 0.5 * Math.log(2.0)
            + Gamma.logGamma(0.5 * dof));
        logNormWeight += -Beta.logBeta(concentrationA[c], concentrationB[c]);
        logMeanPrecision += Math.log(meanPrecision[c]);
      }
      return -entropy - logWishart - logNormWeight - 0.5 * logMeanPrecision;
    }

    Fit result(int iterations, boolean converged) {
      double[] weights = new double[k];
      double stick = 1.0;
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double total = concentrationA[c] + concentrationB[c];
        weights[c] = concentrationA[c] / total * stick;
        stick *= concentrationB[c] / total;
        sum += weights[c];
      }
      double[] stds = new double[k];
      for (int c = 0; c < k; c++) {
        weights[c] /= sum;
        stds[c] = Math.sqrt(covariances[c]);
      }
      return new Fit(weights, means.clone(), stds, logOffsets(), iterations, converged);
    }
  }
}
