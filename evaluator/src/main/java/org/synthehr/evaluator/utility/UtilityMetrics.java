package org.synthehr.evaluator.utility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.Interval;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.stats.Auc;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.config.UtilityConfig;
import org.synthehr.evaluator.model.BinaryClassifier;
import org.synthehr.evaluator.model.Bootstrap;
import org.synthehr.evaluator.model.ClassifierKind;
import org.synthehr.evaluator.model.RowSampler;

/**
 * Utility: the same Tribuo model trained on real training rows (TRTR) and on as many synthetic rows
 * (TSTR), both tested on holdout rows neither has seen. For each model: ROC AUC, F1 and accuracy with
 * bootstrap intervals over the test rows, the TSTR/TRTR ratios (paired bootstrap), and the agreement
 * (Spearman ρ) of the two models' permutation importances. TRTR is each TSTR figure's baseline.
 *
 * <p>F1 and accuracy need a decision threshold: each model predicts "yes" for the share of rows that
 * is "yes" in its own training data (the threshold is that quantile of its scores on training rows),
 * so a model trained on synthetic data with the wrong prevalence is judged on that choice too.
 */
public final class UtilityMetrics {
  /** Report group of every figure here. */
  public static final String GROUP = "utility";
  private static final int THRESHOLD_ROWS = 5000;

  private UtilityMetrics() {}

  /**
   * The test-set scores of one model kind, kept for the fairness figures.
   *
   * @param kind the model
   * @param trtr scores of the model trained on real rows
   * @param tstr scores of the model trained on synthetic rows
   */
  public record ModelScores(ClassifierKind kind, double[] trtr, double[] tstr) {}

  /**
   * Everything utility produced.
   *
   * @param metrics the figures
   * @param outcome the outcome predicted
   * @param test the holdout rows tested on
   * @param truth the outcome of each test row
   * @param scores test scores per model, in the configured order
   */
  public record Result(List<MetricResult> metrics, BinaryOutcome outcome, Table test,
      boolean[] truth, List<ModelScores> scores) {}

  /** Trains and tests every configured model. */
  public static Result compute(Table training, Table synthetic, Table holdout,
      BinaryOutcome outcome, UtilityConfig config, Bootstrap bootstrap, Seeds seeds,
      Consumer<String> progress) {
    Table realKnown = known(training.modelled(), outcome);
    Table synKnown = known(synthetic.select(realKnown.schema().names()), outcome);
    Table test = RowSampler.sample(known(holdout.select(realKnown.schema().names()), outcome),
        config.maxTestRows(), seeds.seed("test"));
    int n = Math.min(config.maxTrainRows(), Math.min(realKnown.rowCount(), synKnown.rowCount()));
    List<MetricResult> out = new ArrayList<>();
    if (n < 20 || test.rowCount() < 20) {
      progress.accept(String.format(Locale.ROOT, "utility skipped: %d training and %d test rows"
          + " have the label (20 of each needed)", n, test.rowCount()));
      return new Result(out, outcome, test, new boolean[0], List.of());
    }
    Table realTrain = RowSampler.sample(realKnown, n, seeds.seed("real"));
    Table synTrain = RowSampler.sample(synKnown, n, seeds.seed("synthetic"));
    boolean[] yesReal = outcome.truth(realTrain).yes();
    boolean[] yesSyn = outcome.truth(synTrain).yes();
    boolean[] yesTest = outcome.truth(test).yes();
    List<String> features = realKnown.schema().names().stream()
        .filter(c -> !c.equals(outcome.label())).toList();
    Table importanceRows = test.head(config.importanceRows());
    boolean[] yesImportance = Arrays.copyOf(yesTest, importanceRows.rowCount());
    List<ModelScores> scores = new ArrayList<>();
    for (ClassifierKind kind : config.models()) {
      long start = System.nanoTime();
      Seeds s = seeds.child(kind.id());
      BinaryClassifier trtr = BinaryClassifier.train(kind, realTrain, features, yesReal,
          s.seed("trtr"));
      BinaryClassifier tstr = BinaryClassifier.train(kind, synTrain, features, yesSyn,
          s.seed("tstr"));
      double[] trtrScores = trtr.scores(test);
      double[] tstrScores = tstr.scores(test);
      double tReal = threshold(trtr, realTrain, yesReal);
      double tSyn = threshold(tstr, synTrain, yesSyn);
      Map<String, Double> impReal = PermutationImportance.compute(trtr, importanceRows,
          yesImportance, features, s.seed("importance"));
      Map<String, Double> impSyn = PermutationImportance.compute(tstr, importanceRows,
          yesImportance, features, s.seed("importance"));
      addModel(out, kind, outcome, yesTest, trtrScores, tstrScores, tReal, tSyn, impReal, impSyn,
          bootstrap, s, n);
      scores.add(new ModelScores(kind, trtrScores, tstrScores));
      progress.accept(String.format(Locale.ROOT, "utility %s: TRTR AUC %.3f, TSTR AUC %.3f (%.1fs)",
          kind.id(), Auc.of(yesTest, trtrScores), Auc.of(yesTest, tstrScores),
          (System.nanoTime() - start) / 1e9));
    }
    return new Result(out, outcome, test, yesTest, scores);
  }

  private static Table known(Table t, BinaryOutcome outcome) {
    return t.take(outcome.truth(t).knownRows());
  }

  /** The score above which a model predicts the share of "yes" of its training rows. */
  private static double threshold(BinaryClassifier model, Table train, boolean[] yes) {
    Table rows = train.head(THRESHOLD_ROWS);
    double[] s = model.scores(rows);
    Arrays.sort(s);
    int positives = 0;
    for (int i = 0; i < rows.rowCount(); i++) {
      positives += yes[i] ? 1 : 0;
    }
    int at = Math.max(0, Math.min(s.length - 1, s.length - positives));
    return s[at];
  }

  private static void addModel(List<MetricResult> out, ClassifierKind kind, BinaryOutcome outcome,
      boolean[] truth, double[] real, double[] syn, double tReal, double tSyn,
      Map<String, Double> impReal, Map<String, Double> impSyn, Bootstrap bootstrap, Seeds s,
      int trainRows) {
    String p = "utility." + kind.id() + ".";
    int n = truth.length;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("model", kind.title());
    details.put("outcome", outcome.describe());
    details.put("train_rows", trainRows);
    details.put("test_rows", n);
    Figure[] figures = {
      new Figure("auc", "ROC AUC", (r, sc, t) -> Auc.of(truth, sc, r)),
      new Figure("f1", "F1 score of 'yes'", (r, sc, t) -> f1(truth, sc, t, r)),
      new Figure("accuracy", "accuracy", (r, sc, t) -> accuracy(truth, sc, t, r))};
    int[] all = java.util.stream.IntStream.range(0, n).toArray();
    for (Figure f : figures) {
      double vr = f.fn.value(all, real, tReal);
      double vs = f.fn.value(all, syn, tSyn);
      Interval ir = bootstrap.interval(n, s.seed("boot." + f.id), r -> f.fn.value(r, real, tReal));
      Interval is = bootstrap.interval(n, s.seed("boot." + f.id), r -> f.fn.value(r, syn, tSyn));
      out.add(MetricResult.of(p + "trtr." + f.id, GROUP, vr, Direction.HIGHER_IS_BETTER,
              "Train real, test real: " + f.text + " of " + kind.title() + " predicting "
                  + outcome.describe())
          .withInterval(ir).withDetails(details));
      out.add(MetricResult.of(p + "tstr." + f.id, GROUP, vs, Direction.HIGHER_IS_BETTER,
              "Train synthetic, test real: " + f.text + " of " + kind.title() + " predicting "
                  + outcome.describe() + " (baseline: trained on real)")
          .withInterval(is).withBaseline(vr).withDetails(details));
      if (!f.id.equals("accuracy")) {
        ToDoubleFunction<int[]> ratio = r -> f.fn.value(r, syn, tSyn) / f.fn.value(r, real, tReal);
        out.add(MetricResult.of(p + "ratio." + f.id, GROUP, vs / vr, Direction.HIGHER_IS_BETTER,
                "TSTR/TRTR ratio of " + f.text + " of " + kind.title() + " (1 = synthetic data"
                    + " trains as good a model as real data)")
            .withInterval(bootstrap.interval(n, s.seed("boot.ratio." + f.id), ratio))
            .withBaseline(1.0));
      }
    }
    List<String> cols = new ArrayList<>(impReal.keySet());
    double[] a = cols.stream().mapToDouble(impReal::get).toArray();
    double[] b = cols.stream().mapToDouble(impSyn::get).toArray();
    double rho = cols.size() < 2 ? Double.NaN : new SpearmansCorrelation().correlation(a, b);
    Map<String, Object> imp = new LinkedHashMap<>();
    imp.put("columns", cols);
    imp.put("trtr", round(a));
    imp.put("tstr", round(b));
    imp.put("top5_overlap", overlap(cols, a, b, 5));
    out.add(MetricResult.of(p + "importance_agreement", GROUP, Double.isNaN(rho) ? 0.0 : rho,
            Direction.HIGHER_IS_BETTER, "Spearman correlation of the permutation importances of"
                + " the columns for the " + kind.title() + " trained on real and on synthetic"
                + " data (1 = same columns matter in the same order)")
        .withBaseline(1.0).withDetails(imp));
  }

  private static List<Double> round(double[] v) {
    return Arrays.stream(v).map(x -> Math.round(x * 1e5) / 1e5).boxed().toList();
  }

  private static int overlap(List<String> cols, double[] a, double[] b, int k) {
    List<String> ta = top(cols, a, k);
    return (int) top(cols, b, k).stream().filter(ta::contains).count();
  }

  private static List<String> top(List<String> cols, double[] v, int k) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> Double.compare(v[y], v[x]));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, idx.length); i++) {
      out.add(cols.get(idx[i]));
    }
    return out;
  }

  /** F1 of "yes" over the given rows, predicting yes at or above the threshold. */
  static double f1(boolean[] truth, double[] score, double threshold, int[] rows) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int r : rows) {
      boolean pred = score[r] >= threshold;
      if (pred && truth[r]) {
        tp++;
      } else if (pred) {
        fp++;
      } else if (truth[r]) {
        fn++;
      }
    }
    return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /** Accuracy over the given rows at the threshold. */
  static double accuracy(boolean[] truth, double[] score, double threshold, int[] rows) {
    long right = 0;
    for (int r : rows) {
      right += (score[r] >= threshold) == truth[r] ? 1 : 0;
    }
    return rows.length == 0 ? Double.NaN : (double) right / rows.length;
  }

  private interface FigureFn {
    double value(int[] rows, double[] scores, double threshold);
  }

  private record Figure(String id, String text, FigureFn fn) {}
}
