package org.synthehr.evaluator.longitudinal;

import java.util.List;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A Tribuo binary classifier over summary features: a random forest (the default: strong on
 * aggregates, no scaling needed) or logistic regression on standardised features. Returns the
 * probability of the positive class for test rows; seeded.
 */
final class BinaryClassifier {
  private static final String POSITIVE = "pos";
  private static final String NEGATIVE = "neg";

  /** Which model. */
  enum Kind {
    RANDOM_FOREST,
    LOGISTIC
  }

  private final Kind kind;
  private final long seed;

  BinaryClassifier(Kind kind, long seed) {
    this.kind = kind;
    this.seed = seed;
  }

  /**
   * Trains on one set and scores another.
   *
   * @return P(positive) per test row; 0.5 everywhere when the training rows hold one class only
   */
  double[] fitAndScore(List<String> names, double[][] trainX, boolean[] trainY,
      double[][] testX) {
    boolean pos = false;
    boolean neg = false;
    for (boolean y : trainY) {
      pos |= y;
      neg |= !y;
    }
    double[] scores = new double[testX.length];
    if (!pos || !neg) {
      java.util.Arrays.fill(scores, 0.5);
      return scores;
    }
    double[][] tr = trainX;
    double[][] te = testX;
    if (kind == Kind.LOGISTIC) {
      double[][] scaled = Standardiser.fit(trainX).apply(trainX, testX);
      tr = java.util.Arrays.copyOfRange(scaled, 0, trainX.length);
      te = java.util.Arrays.copyOfRange(scaled, trainX.length, scaled.length);
    }
    String[] featureNames = names.toArray(String[]::new);
    LabelFactory lf = new LabelFactory();
    MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("train", lf),
        lf);
    for (int i = 0; i < tr.length; i++) {
      ds.add(new ArrayExample<>(new Label(trainY[i] ? POSITIVE : NEGATIVE), featureNames, tr[i]));
    }
    Model<Label> model = trainer().train(ds);
    for (int i = 0; i < te.length; i++) {
      Prediction<Label> p = model.predict(new ArrayExample<>(new Label(NEGATIVE), featureNames,
          te[i]));
      Label score = p.getOutputScores().get(POSITIVE);
      scores[i] = score == null ? 0 : score.getScore();
    }
    return scores;
  }

  private Trainer<Label> trainer() {
    return switch (kind) {
      case RANDOM_FOREST -> new RandomForestTrainer<>(new CARTClassificationTrainer(10, 0.5f,
          seed), new VotingCombiner(), 100, seed);
      case LOGISTIC -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 10, seed);
    };
  }

  /** Per-feature mean and standard deviation of training rows. */
  private record Standardiser(double[] mean, double[] sd) {
    static Standardiser fit(double[][] x) {
      int d = x.length == 0 ? 0 : x[0].length;
      double[] mean = new double[d];
      double[] sd = new double[d];
      for (double[] row : x) {
        for (int j = 0; j < d; j++) {
          mean[j] += row[j] / x.length;
        }
      }
      for (double[] row : x) {
        for (int j = 0; j < d; j++) {
          sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
        }
      }
      for (int j = 0; j < d; j++) {
        sd[j] = Math.sqrt(sd[j]);
      }
      return new Standardiser(mean, sd);
    }

    double[][] apply(double[][] a, double[][] b) {
      double[][] out = new double[a.length + b.length][];
      for (int i = 0; i < out.length; i++) {
        double[] row = i < a.length ? a[i] : b[i - a.length];
        double[] s = new double[row.length];
        for (int j = 0; j < row.length; j++) {
          s[j] = sd[j] > 0 ? (row[j] - mean[j]) / sd[j] : 0;
        }
        out[i] = s;
      }
      return out;
    }
  }
}
