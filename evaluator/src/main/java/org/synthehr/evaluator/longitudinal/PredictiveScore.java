package org.synthehr.evaluator.longitudinal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;

/**
 * TimeGAN's predictive score, for charted data: for the most frequently charted variables, a
 * regression tree (Tribuo CART) learns to predict the next step's value from the latest value of
 * each of them and how long ago it was charted, trained on synthetic patients and tested on real
 * holdout patients. The score is the mean absolute error in units of the variable's real standard
 * deviation (lower is better); the baseline is the same model trained on real training patients.
 */
public final class PredictiveScore {
  private static final int MAX_VARIABLES = 8;
  private static final double MIN_RATE = 0.2;
  private static final int MAX_EXAMPLES = 20_000;

  private PredictiveScore() {}

  public static MetricResult score(Cohort train, Cohort holdout, Cohort syn, long seed) {
    int[] vars = frequent(train);
    if (vars.length == 0) {
      return MetricResult.of("trajectory.predictive_mae", "fidelity", Double.NaN,
          Direction.LOWER_IS_BETTER, "No variable is charted often enough for a one-step-ahead"
              + " prediction");
    }
    List<String> names = new ArrayList<>();
    for (int k : vars) {
      names.add(TrajectoryFidelity.name(train, k) + ".last");
      names.add(TrajectoryFidelity.name(train, k) + ".age");
    }
    names.add("step");
    double tstr = 0;
    double trtr = 0;
    Map<String, Object> perVariable = new LinkedHashMap<>();
    for (int target : vars) {
      double sd = sd(TrajectoryFidelity.values(train, target, 0, train.steps()));
      Examples test = examples(holdout, vars, target, new SplittableRandom(seed + 1));
      double fromSyn = mae(examples(syn, vars, target, new SplittableRandom(seed + 2)), test,
          names) / sd;
      double fromReal = mae(examples(train, vars, target, new SplittableRandom(seed + 3)), test,
          names) / sd;
      perVariable.put(TrajectoryFidelity.name(train, target), Map.of("synthetic", fromSyn,
          "real", fromReal));
      tstr += fromSyn / vars.length;
      trtr += fromReal / vars.length;
    }
    return MetricResult.of("trajectory.predictive_mae", "fidelity", tstr,
        Direction.LOWER_IS_BETTER, "Predictive score: one-step-ahead error (MAE in real standard"
            + " deviations) of a regression tree trained on synthetic and tested on real patients"
            + " (baseline: trained on real)").withBaseline(trtr)
        .withDetails(Map.of("per_variable", perVariable));
  }

  private static int[] frequent(Cohort c) {
    List<double[]> rated = new ArrayList<>();
    for (int k = 0; k < c.variables(); k++) {
      double r = TrajectoryFidelity.rate(c, k, 0, c.steps());
      if (r >= MIN_RATE) {
        rated.add(new double[] {k, r});
      }
    }
    rated.sort((a, b) -> Double.compare(b[1], a[1]));
    return rated.stream().limit(MAX_VARIABLES).mapToInt(a -> (int) a[0]).toArray();
  }

  private record Examples(List<double[]> x, List<Double> y) {}

  private static Examples examples(Cohort c, int[] vars, int target, SplittableRandom rnd) {
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    int seen = 0;
    for (int p = 0; p < c.size(); p++) {
      double[] last = new double[vars.length];
      int[] when = new int[vars.length];
      java.util.Arrays.fill(when, -1);
      for (int t = 0; t + 1 < c.end(p); t++) {
        for (int i = 0; i < vars.length; i++) {
          float v = c.value(p, t, vars[i]);
          if (!Float.isNaN(v)) {
            last[i] = v;
            when[i] = t;
          }
        }
        float next = c.value(p, t + 1, target);
        if (Float.isNaN(next)) {
          continue;
        }
        double[] f = new double[2 * vars.length + 1];
        for (int i = 0; i < vars.length; i++) {
          f[2 * i] = when[i] < 0 ? 0 : last[i];
          f[2 * i + 1] = when[i] < 0 ? c.steps() : t - when[i];
        }
        f[2 * vars.length] = t;
        seen++;
        if (x.size() < MAX_EXAMPLES) {
          x.add(f);
          y.add((double) next);
        } else {
          int j = rnd.nextInt(seen);
          if (j < MAX_EXAMPLES) {
            x.set(j, f);
            y.set(j, (double) next);
          }
        }
      }
    }
    return new Examples(x, y);
  }

  private static double mae(Examples train, Examples test, List<String> names) {
    if (train.x().isEmpty() || test.x().isEmpty()) {
      return Double.NaN;
    }
    String[] n = names.toArray(String[]::new);
    RegressionFactory rf = new RegressionFactory();
    MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("train",
        rf), rf);
    for (int i = 0; i < train.x().size(); i++) {
      ds.add(new ArrayExample<>(new Regressor("next", train.y().get(i)), n, train.x().get(i)));
    }
    Model<Regressor> model = new CARTRegressionTrainer(8).train(ds);
    double sum = 0;
    for (int i = 0; i < test.x().size(); i++) {
      double pred = model.predict(new ArrayExample<>(new Regressor("next", 0), n,
          test.x().get(i))).getOutput().getValues()[0];
      sum += Math.abs(pred - test.y().get(i));
    }
    return sum / test.x().size();
  }

  private static double sd(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x / v.length;
    }
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m) / v.length;
    }
    return Math.sqrt(s) > 0 ? Math.sqrt(s) : 1;
  }
}
