package org.synthehr.evaluator.fidelity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.Interval;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.EntityRows;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.config.SupportConfig;
import org.synthehr.evaluator.model.Bootstrap;
import org.synthehr.evaluator.model.RowSampler;

/**
 * α-precision and β-recall (Alaa et al., "How faithful is your synthetic data?", ICML 2022), in the
 * form of their reference implementation without the learned embedding: rows are embedded by
 * {@link MixedDistanceSpace} (standardised numerics, scaled one-hot categories).
 * <ul>
 *   <li>α-precision curve: for α in [0, 1], the share of synthetic rows within the radius around the
 *       real centre that holds a share α of real rows; ideally α itself.</li>
 *   <li>β-recall curve: for β in [0, 1], the share of real rows whose nearest synthetic row is no
 *       farther than their nearest other real row and lies within the β-quantile radius of such
 *       nearest synthetic rows; ideally β.</li>
 * </ul>
 * Each is summarised as 1 − 2·mean|curve − α| (1 best). The baseline is the holdout in place of the
 * synthetic rows; intervals resample the synthetic (precision) or real (recall) rows with the
 * neighbour structure held fixed.
 */
public final class AlphaBetaMetric {
  /** Points of the α grid, 0 to 1 inclusive. */
  public static final int STEPS = 30;

  private AlphaBetaMetric() {}

  /** α-precision and β-recall of synthetic rows (and holdout rows as the baseline). */
  public static List<MetricResult> compute(Table real, Table synthetic, Table holdout,
      SupportConfig config, Bootstrap bootstrap, Seeds seeds) {
    // One row per patient on every side that names its patients, so a patient's other rows are
    // not its neighbours.
    real = EntityRows.onePerEntity(real, seeds.seed("patients.real"));
    synthetic = EntityRows.onePerEntity(synthetic, seeds.seed("patients.synthetic"));
    holdout = holdout == null ? null : EntityRows.onePerEntity(holdout,
        seeds.seed("patients.holdout"));
    int n = Math.min(config.maxRows(), Math.min(real.rowCount(), synthetic.rowCount()));
    if (holdout != null) {
      n = Math.min(n, holdout.rowCount());
    }
    List<MetricResult> out = new ArrayList<>();
    if (n < 20) {
      return out;
    }
    Table r = RowSampler.sample(real.modelled(), n, seeds.seed("real"));
    List<String> names = r.schema().names();
    MixedDistanceSpace space = new MixedDistanceSpace(r);
    MixedDistanceSpace.Embedded er = space.embed(r);
    double[] realToReal = nearestOther(er);
    Curves syn = curves(space, er, realToReal, space.embed(RowSampler.sample(
        synthetic.select(names), n, seeds.seed("synthetic"))), bootstrap, seeds.child("synthetic"));
    Curves base = holdout == null ? null : curves(space, er, realToReal, space.embed(
        RowSampler.sample(holdout.select(names), n, seeds.seed("holdout"))), bootstrap,
        seeds.child("holdout"));
    out.add(MetricResult.of("fidelity.alpha_precision", FidelityMetrics.GROUP, syn.precision,
            Direction.HIGHER_IS_BETTER, "α-precision: whether synthetic rows lie where real rows"
                + " typically are (1 = as the real distribution)")
        .withInterval(syn.precisionInterval).withBaseline(base == null ? null : base.precision)
        .withDetails(curveDetails(syn.precisionCurve, base == null ? null : base.precisionCurve,
            n)));
    out.add(MetricResult.of("fidelity.beta_recall", FidelityMetrics.GROUP, syn.recall,
            Direction.HIGHER_IS_BETTER, "β-recall: whether synthetic rows cover the variety of"
                + " real rows (1 = as the real distribution)")
        .withInterval(syn.recallInterval).withBaseline(base == null ? null : base.recall)
        .withDetails(curveDetails(syn.recallCurve, base == null ? null : base.recallCurve, n)));
    return out;
  }

  private static Map<String, Object> curveDetails(double[] curve, double[] baseline, int rows) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("alpha", Arrays.stream(alphas()).boxed().toList());
    d.put("curve", Arrays.stream(curve).boxed().toList());
    if (baseline != null) {
      d.put("baseline_curve", Arrays.stream(baseline).boxed().toList());
    }
    d.put("rows_per_side", rows);
    return d;
  }

  private record Curves(double precision, double[] precisionCurve, Interval precisionInterval,
      double recall, double[] recallCurve, Interval recallInterval) {}

  private static Curves curves(MixedDistanceSpace space, MixedDistanceSpace.Embedded real,
      double[] realToReal, MixedDistanceSpace.Embedded other, Bootstrap bootstrap, Seeds seeds) {
    double[] centre = MixedDistanceSpace.numericMean(real);
    double[] realToCentre = new double[real.size()];
    for (int i = 0; i < realToCentre.length; i++) {
      realToCentre[i] = space.distanceToCentre(real, i, centre);
    }
    double[] otherToCentre = new double[other.size()];
    for (int i = 0; i < otherToCentre.length; i++) {
      otherToCentre[i] = space.distanceToCentre(other, i, centre);
    }
    double[] alphas = alphas();
    double[] sortedReal = realToCentre.clone();
    Arrays.sort(sortedReal);
    double[] radii = new double[alphas.length];
    for (int a = 0; a < alphas.length; a++) {
      radii[a] = quantile(sortedReal, alphas[a]);
    }
    // For each real row: its nearest other row and that row's distance to the centre.
    double[] realToOther = new double[real.size()];
    double[] nearestOtherToCentre = new double[real.size()];
    IntStream.range(0, real.size()).parallel().forEach(i -> {
      double best = Double.POSITIVE_INFINITY;
      int arg = 0;
      for (int j = 0; j < other.size(); j++) {
        double d = MixedDistanceSpace.distance(real, i, other, j);
        if (d < best) {
          best = d;
          arg = j;
        }
      }
      realToOther[i] = best;
      nearestOtherToCentre[i] = otherToCentre[arg];
    });
    int[] allOther = IntStream.range(0, other.size()).toArray();
    int[] allReal = IntStream.range(0, real.size()).toArray();
    double[] pc = precisionCurve(otherToCentre, radii, allOther);
    double[] rc = recallCurve(realToOther, realToReal, nearestOtherToCentre, allReal);
    Interval pi = bootstrap.interval(other.size(), seeds.seed("precision"),
        rows -> summary(precisionCurve(otherToCentre, radii, rows)));
    Interval ri = bootstrap.interval(real.size(), seeds.seed("recall"),
        rows -> summary(recallCurve(realToOther, realToReal, nearestOtherToCentre, rows)));
    return new Curves(summary(pc), pc, pi, summary(rc), rc, ri);
  }

  private static double[] precisionCurve(double[] otherToCentre, double[] radii, int[] rows) {
    double[] curve = new double[radii.length];
    for (int a = 0; a < radii.length; a++) {
      int in = 0;
      for (int i : rows) {
        in += otherToCentre[i] <= radii[a] ? 1 : 0;
      }
      curve[a] = (double) in / rows.length;
    }
    return curve;
  }

  private static double[] recallCurve(double[] realToOther, double[] realToReal,
      double[] nearestOtherToCentre, int[] rows) {
    double[] alphas = alphas();
    double[] d = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      d[i] = nearestOtherToCentre[rows[i]];
    }
    Arrays.sort(d);
    double[] curve = new double[alphas.length];
    for (int a = 0; a < alphas.length; a++) {
      double radius = quantile(d, alphas[a]);
      int in = 0;
      for (int i : rows) {
        in += realToOther[i] <= realToReal[i] && nearestOtherToCentre[i] <= radius ? 1 : 0;
      }
      curve[a] = (double) in / rows.length;
    }
    return curve;
  }

  private static double summary(double[] curve) {
    double[] alphas = alphas();
    double s = 0;
    for (int a = 0; a < alphas.length; a++) {
      s += Math.abs(curve[a] - alphas[a]);
    }
    return 1 - 2 * s / alphas.length;
  }

  /** Each real row's distance to its nearest other real row. */
  private static double[] nearestOther(MixedDistanceSpace.Embedded real) {
    double[] out = new double[real.size()];
    IntStream.range(0, real.size()).parallel().forEach(i -> {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < real.size(); j++) {
        if (j != i) {
          best = Math.min(best, MixedDistanceSpace.distance(real, i, real, j));
        }
      }
      out[i] = best;
    });
    return out;
  }

  static double[] alphas() {
    double[] a = new double[STEPS];
    for (int i = 0; i < STEPS; i++) {
      a[i] = (double) i / (STEPS - 1);
    }
    return a;
  }

  /** Linear-interpolated quantile of sorted values (numpy's default). */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
