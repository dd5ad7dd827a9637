package org.synthehr.generator.copula;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * The distribution of one latent dimension of the copula, on the uniform scale: {@link #inverse}
 * maps u in (0,1) to a value (a number, or a category/level index). Saved as JSON in the model.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Marginal.Categorical.class, name = "categorical"),
    @JsonSubTypes.Type(value = Marginal.Discrete.class, name = "discrete"),
    @JsonSubTypes.Type(value = Marginal.Empirical.class, name = "empirical"),
    @JsonSubTypes.Type(value = Marginal.Parametric.class, name = "parametric"),
    @JsonSubTypes.Type(value = Marginal.MissingIndicator.class, name = "missing_indicator")})
public sealed interface Marginal {
  /** The column this dimension belongs to. */
  String column();

  /** The value for u: a number for numeric marginals, a level index for discrete ones. */
  double inverse(double u);

  /**
   * Categories of a discrete column, in latent order. Levels are laid out on [0,1) in this order,
   * then the missing level (if any) last.
   *
   * @param column column name
   * @param categories categories in latent order (ordinal order, else by descending frequency)
   * @param probabilities probability of each category; they sum to {@code 1 - missingRate}
   * @param missingRate probability of a missing value
   */
  record Categorical(String column, List<String> categories, double[] probabilities,
      double missingRate) implements Marginal {
    public Categorical {
      categories = List.copyOf(categories);
    }

    /** Index into {@code categories}, or -1 for missing. */
    @Override
    public double inverse(double u) {
      return Levels.index(cumulative(), u, missingRate > 0);
    }

    /** The u-interval of category i (i = -1 for missing). */
    public double[] interval(int i) {
      double[] cum = cumulative();
      if (i < 0) {
        return new double[] {cum[cum.length - 1], 1.0};
      }
      return new double[] {i == 0 ? 0.0 : cum[i - 1], cum[i]};
    }

    @JsonIgnore
    double[] cumulative() {
      return Levels.cumulative(probabilities);
    }
  }

  /**
   * A numeric column with few distinct values, kept as exact value frequencies.
   *
   * @param column column name
   * @param values distinct observed values, ascending
   * @param probabilities their relative frequencies (summing to 1)
   */
  record Discrete(String column, double[] values, double[] probabilities) implements Marginal {
    @Override
    public double inverse(double u) {
      int i = (int) Levels.index(Levels.cumulative(probabilities), u, false);
      return values[i];
    }

    /** The u-interval holding values in [lo, hi], or null if none. */
    public double[] interval(double lo, double hi) {
      double[] cum = Levels.cumulative(probabilities);
      int first = -1;
      int last = -1;
      for (int i = 0; i < values.length; i++) {
        if (values[i] >= lo && values[i] <= hi) {
          first = first < 0 ? i : first;
          last = i;
        }
      }
      return first < 0 ? null : new double[] {first == 0 ? 0.0 : cum[first - 1], cum[last]};
    }
  }

  /**
   * A numeric column as a grid of quantiles at evenly spaced probabilities, linearly interpolated.
   *
   * @param column column name
   * @param quantiles quantiles at probabilities k/(K-1), k = 0..K-1
   * @param integer whether values are rounded to whole numbers
   */
  record Empirical(String column, double[] quantiles, boolean integer) implements Marginal {
    @Override
    public double inverse(double u) {
      double pos = u * (quantiles.length - 1);
      int k = (int) Math.floor(pos);
      if (k >= quantiles.length - 1) {
        return finish(quantiles[quantiles.length - 1]);
      }
      double frac = pos - k;
      return finish(quantiles[k] + frac * (quantiles[k + 1] - quantiles[k]));
    }

    /** The CDF at x (inverse of {@link #inverse} on the grid). */
    public double cdf(double x) {
      int n = quantiles.length;
      if (x <= quantiles[0]) {
        return 0.0;
      }
      if (x >= quantiles[n - 1]) {
        return 1.0;
      }
      int i = Arrays.binarySearch(quantiles, x);
      if (i >= 0) {
        while (i + 1 < n && quantiles[i + 1] == x) {
          i++;
        }
        return (double) i / (n - 1);
      }
      int hi = -i - 1;
      int lo = hi - 1;
      double span = quantiles[hi] - quantiles[lo];
      double frac = span == 0 ? 0 : (x - quantiles[lo]) / span;
      return (lo + frac) / (n - 1);
    }

    private double finish(double v) {
      return integer ? Math.rint(v) : v;
    }
  }

  /**
   * A numeric column following a fitted Commons Math distribution, clipped to the observed range.
   *
   * @param column column name
   * @param family normal, lognormal, gamma, beta or uniform
   * @param params the family's parameters (see {@link #distribution()})
   * @param min smallest observed value
   * @param max largest observed value
   * @param integer whether values are rounded to whole numbers
   * @param ks Kolmogorov-Smirnov distance of the fit to the training values
   */
  record Parametric(String column, String family, double[] params, double min, double max,
      boolean integer, double ks) implements Marginal {
    @Override
    public double inverse(double u) {
      double v;
      if (family.equals("beta")) {
        v = params[2] + (params[3] - params[2]) * distribution().inverseCumulativeProbability(u);
      } else {
        v = distribution().inverseCumulativeProbability(u);
      }
      v = Math.max(min, Math.min(max, v));
      return integer ? Math.rint(v) : v;
    }

    /** The CDF at x. */
    public double cdf(double x) {
      if (family.equals("beta")) {
        double t = (x - params[2]) / (params[3] - params[2]);
        return distribution().cumulativeProbability(Math.max(0, Math.min(1, t)));
      }
      return distribution().cumulativeProbability(x);
    }

    /** The distribution: normal(mean, sd), lognormal(scale, shape), gamma(shape, scale),
     *  beta(alpha, beta, low, high) on [low, high], uniform(low, high). */
    @JsonIgnore
    public RealDistribution distribution() {
      return switch (family) {
        case "normal" -> new NormalDistribution(null, params[0], params[1]);
        case "lognormal" -> new LogNormalDistribution(null, params[0], params[1]);
        case "gamma" -> new GammaDistribution(null, params[0], params[1]);
        case "beta" -> new BetaDistribution(null, params[0], params[1]);
        case "uniform" -> new UniformRealDistribution(null, params[0], params[1]);
        default -> throw new IllegalStateException("unknown family " + family);
      };
    }
  }

  /**
   * Whether a numeric column is missing: present on [0, 1-missingRate), missing above. Its own
   * latent dimension, so missingness correlates with the other columns.
   *
   * @param column column name
   * @param missingRate probability of a missing value
   */
  record MissingIndicator(String column, double missingRate) implements Marginal {
    /** 1 when missing, 0 when present. */
    @Override
    public double inverse(double u) {
      return u >= 1.0 - missingRate ? 1.0 : 0.0;
    }
  }

  /** Helpers for marginals laid out as levels on [0,1). */
  final class Levels {
    private Levels() {}

    static double[] cumulative(double[] probabilities) {
      double[] cum = new double[probabilities.length];
      double s = 0;
      for (int i = 0; i < probabilities.length; i++) {
        s += probabilities[i];
        cum[i] = s;
      }
      return cum;
    }

    /** The level holding u; beyond the last cumulative value it is the missing level (-1). */
    static double index(double[] cum, double u, boolean hasMissing) {
      int i = Arrays.binarySearch(cum, u);
      int level = i >= 0 ? i + 1 : -i - 1;
      if (level >= cum.length) {
        return hasMissing ? -1 : cum.length - 1;
      }
      return level;
    }
  }
}
