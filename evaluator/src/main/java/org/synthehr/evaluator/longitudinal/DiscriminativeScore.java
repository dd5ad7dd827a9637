package org.synthehr.evaluator.longitudinal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.SequenceSummaries;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.stats.Auc;
import org.synthehr.generator.longitudinal.GridDiscriminator;

/**
 * TimeGAN's discriminative score on sequence summaries: a classifier learns to tell real from
 * synthetic patients (equal numbers of each, half for training, half for testing) from the
 * summaries of {@link SequenceSummaries} (statics, label, record end and per-variable aggregates);
 * the score is |test accuracy - 0.5|, 0 when the two cannot be told apart.
 */
public final class DiscriminativeScore {
  private DiscriminativeScore() {}

  /**
   * @param real real patients (e.g. the holdout, or a sample of training)
   * @param syn synthetic patients
   * @param maxPerSide at most this many patients of each side
   * @param kind the classifier
   * @param seed seeds the split and the classifier
   */
  public static MetricResult score(Cohort real, Cohort syn, int maxPerSide,
      BinaryClassifier.Kind kind, long seed) {
    int n = Math.min(maxPerSide, Math.min(real.size(), syn.size()));
    SequenceSummaries f = new SequenceSummaries(real.schema(), real, true, true);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] a = pick(f.features(real), n, rnd);
    double[][] b = pick(f.features(syn), n, rnd);
    int half = n / 2;
    List<double[]> trainX = new ArrayList<>();
    List<Boolean> trainY = new ArrayList<>();
    List<double[]> testX = new ArrayList<>();
    List<Boolean> testY = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (i < half ? trainX : testX).add(a[i]);
      (i < half ? trainY : testY).add(true);
      (i < half ? trainX : testX).add(b[i]);
      (i < half ? trainY : testY).add(false);
    }
    double[] scores = new BinaryClassifier(kind, seed).fitAndScore(f.names(),
        trainX.toArray(double[][]::new), unbox(trainY), testX.toArray(double[][]::new));
    boolean[] truth = unbox(testY);
    int correct = 0;
    for (int i = 0; i < scores.length; i++) {
      correct += (scores[i] >= 0.5) == truth[i] ? 1 : 0;
    }
    double acc = (double) correct / Math.max(1, scores.length);
    String id = kind == BinaryClassifier.Kind.RANDOM_FOREST ? "trajectory.discriminative"
        : "trajectory.discriminative_logistic";
    return MetricResult.of(id, "fidelity", Math.abs(acc - 0.5), Direction.LOWER_IS_BETTER,
        "Discriminative score: |accuracy - 0.5| of a " + describe(kind) + " telling real from"
            + " synthetic patients by their sequence summaries (0 = indistinguishable)")
        .withDetails(Map.of("accuracy", acc, "auc", Auc.of(truth, scores),
            "patients_per_side", n, "classifier", describe(kind)));
  }

  /** The id of the score of the recurrent network on the raw grid. */
  public static final String GRID = "trajectory.discriminative_grid";

  /**
   * The same score by a network the sampler never sees: a GRU reading the raw hourly grid with its
   * observation mask ({@link GridDiscriminator}, TimeGAN's post-hoc discriminator), trained on one
   * half of the patients of each side and tested on the other.
   */
  public static MetricResult grid(Cohort real, Cohort syn, int maxPerSide, long seed) {
    GridDiscriminator.Result r = GridDiscriminator.score(real, syn, maxPerSide, seed);
    return MetricResult.of(GRID, "fidelity", r.score(), Direction.LOWER_IS_BETTER,
        "Discriminative score: |accuracy - 0.5| of a recurrent network (GRU, TimeGAN's post-hoc"
            + " discriminator) telling real from synthetic patients by their raw hourly grid and"
            + " observation mask, which the sampler never sees (0 = indistinguishable)")
        .withDetails(Map.of("accuracy", r.accuracy(), "auc", r.auc(), "patients_per_side",
            r.perSide(), "classifier", "GRU, 32 units, on the raw grid with its mask"));
  }

  static String describe(BinaryClassifier.Kind kind) {
    return kind == BinaryClassifier.Kind.RANDOM_FOREST ? "random forest (Tribuo, 100 trees)"
        : "logistic regression (Tribuo)";
  }

  private static double[][] pick(double[][] x, int n, SplittableRandom rnd) {
    int[] idx = new int[x.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    for (int i = idx.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  static boolean[] unbox(List<Boolean> l) {
    boolean[] out = new boolean[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i);
    }
    return out;
  }
}
