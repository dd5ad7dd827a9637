package org.synthehr.privacy.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.MixedRows;
import org.synthehr.generator.compute.NearestNeighbours;
import org.synthehr.generator.compute.Neighbours;
import org.synthehr.privacy.stats.Samples;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The shadow-model attack (Shokri et al. 2017, as adapted to synthetic data by Stadler et al.,
 * "Synthetic Data - Anonymisation Groundhog Day", USENIX Security 2022): the attacker retrains the
 * same generator configuration on their own reference data, some shadow trainings with a candidate
 * record and some without, learns from the resulting synthetic data what a training record's
 * neighbourhood looks like, and applies that to the released data. Here every shadow training set
 * holds a random half of a fixed set of candidate records, so each shadow yields labelled examples
 * for all candidates at once. Features of a record against a synthetic set are its distances to the
 * 1st, 2nd and 5th nearest synthetic rows and to the nearest reference row (calibrating how unusual
 * the record is); the classifier is a Tribuo logistic regression.
 */
public final class ShadowModelAttack implements MembershipAttack {
  private static final String MEMBER = "member";
  private static final String NON_MEMBER = "non_member";
  private static final String[] FEATURES = {"log_d1", "log_d2", "log_d5", "log_ref_d1",
      "log_d1_minus_ref"};

  private final ShadowTrainer trainer;
  private final int shadows;
  private final int candidates;
  private final int trainingRows;
  private final int sampleRows;
  private final long seed;

  /**
   * @param trainer runs the shadow trainings
   * @param shadows shadow models
   * @param candidates records whose membership is varied across shadows
   * @param trainingRows rows each shadow trains on
   * @param sampleRows rows sampled from each shadow, and from the released data for the features
   * @param seed seed of the plans
   */
  public ShadowModelAttack(ShadowTrainer trainer, int shadows, int candidates, int trainingRows,
      int sampleRows, long seed) {
    if (shadows < 2 || candidates < 10 || trainingRows <= candidates / 2 || sampleRows < 10) {
      throw new IllegalArgumentException("shadow attack needs >= 2 shadows, >= 10 candidates,"
          + " training rows > candidates / 2 and >= 10 sample rows");
    }
    this.trainer = trainer;
    this.shadows = shadows;
    this.candidates = candidates;
    this.trainingRows = trainingRows;
    this.sampleRows = sampleRows;
    this.seed = seed;
  }

  @Override
  public String id() {
    return "shadow_model";
  }

  @Override
  public String description() {
    return "shadow-model attack: " + shadows + " retrainings of the generator on reference data,"
        + " a logistic regression on neighbourhood features";
  }

  @Override
  public double[] scores(AttackerKnowledge knowledge, Table targets, MixedRows targetRows) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Table pool = knowledge.reference();
    MixedRows poolRows = knowledge.referenceRows();
    int c = Math.min(candidates, pool.rowCount() / 2);
    int[][] split = Samples.split(pool.rowCount(), c, rnd);
    int[] cand = split[0];
    int[] fill = split[1];
    int fillPerShadow = Math.min(fill.length, Math.max(1, trainingRows - c / 2));
    MixedRows calibration = poolRows.rows(fill);
    MixedRows candRows = poolRows.rows(cand);

    List<ShadowPlan> plans = new ArrayList<>();
    boolean[][] in = new boolean[shadows][c];
    for (int s = 0; s < shadows; s++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < c; i++) {
        in[s][i] = rnd.nextBoolean();
        if (in[s][i]) {
          rows.add(cand[i]);
        }
      }
      for (int j : Samples.without(fill.length, fillPerShadow, rnd)) {
        rows.add(fill[j]);
      }
      int[] idx = rows.stream().mapToInt(Integer::intValue).sorted().toArray();
      plans.add(new ShadowPlan(idx, sampleRows, rnd.nextLong()));
    }
    List<Table> samples = trainer.trainAndSample(pool, plans);

    double[] candRef = NearestNeighbours.search(candRows, calibration, 1).nearest();
    List<double[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (int s = 0; s < shadows; s++) {
      MixedRows syn = knowledge.space().encode(samples.get(s));
      double[][] f = features(candRows, syn, candRef);
      for (int i = 0; i < c; i++) {
        x.add(f[i]);
        y.add(in[s][i]);
      }
    }
    double[] mean = new double[FEATURES.length];
    double[] sd = new double[FEATURES.length];
    standardisation(x, mean, sd);
    LinearSGDModel model = fit(x, y, mean, sd);

    MixedRows released = knowledge.syntheticRows();
    if (released.rows() > sampleRows) {
      released = released.rows(Samples.without(released.rows(), sampleRows, rnd));
    }
    double[] targetRef = NearestNeighbours.search(targetRows, calibration, 1).nearest();
    double[][] f = features(targetRows, released, targetRef);
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      Prediction<Label> p = model.predict(example(f[i], mean, sd, NON_MEMBER));
      out[i] = p.getOutputScores().get(MEMBER).getScore();
    }
    return out;
  }

  /** Neighbourhood features of each record against a synthetic set. */
  static double[][] features(MixedRows records, MixedRows synthetic, double[] refNearest) {
    int k = Math.min(5, synthetic.rows());
    Neighbours nb = NearestNeighbours.search(records, synthetic, k);
    double[][] out = new double[records.rows()][];
    for (int i = 0; i < out.length; i++) {
      double d1 = Math.log1p(nb.distance(i, 0));
      double d2 = Math.log1p(nb.distance(i, Math.min(1, k - 1)));
      double d5 = Math.log1p(nb.distance(i, k - 1));
      double r1 = Math.log1p(refNearest[i]);
      out[i] = new double[] {d1, d2, d5, r1, d1 - r1};
    }
    return out;
  }

  private static void standardisation(List<double[]> x, double[] mean, double[] sd) {
    int n = Math.max(1, x.size());
    for (double[] r : x) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += r[j] / n;
      }
    }
    for (double[] r : x) {
      for (int j = 0; j < sd.length; j++) {
        sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < sd.length; j++) {
      sd[j] = sd[j] > 1e-12 ? Math.sqrt(sd[j]) : 1;
    }
  }

  private LinearSGDModel fit(List<double[]> x, List<Boolean> y, double[] mean, double[] sd) {
    LabelFactory factory = new LabelFactory();
    List<Example<Label>> examples = new ArrayList<>(x.size());
    for (int i = 0; i < x.size(); i++) {
      examples.add(example(x.get(i), mean, sd, y.get(i) ? MEMBER : NON_MEMBER));
    }
    MutableDataset<Label> data = new MutableDataset<>(new ListDataSource<>(examples, factory,
        new SimpleDataSourceProvenance("shadow-model features", factory)));
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1),
        30, seed);
    return (LinearSGDModel) trainer.train(data);
  }

  private static Example<Label> example(double[] f, double[] mean, double[] sd, String label) {
    double[] z = new double[f.length];
    for (int j = 0; j < f.length; j++) {
      z[j] = (f[j] - mean[j]) / sd[j];
    }
    return new ArrayExample<>(new Label(label), FEATURES, z);
  }
}
