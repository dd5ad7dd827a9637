package org.synthehr.evaluator.longitudinal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.SequenceSummaries;
import org.synthehr.core.result.Direction;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.stats.Auc;
import org.synthehr.core.table.CategoricalColumn;

/**
 * Utility for the cohort's outcome (in-hospital death for PhysioNet 2012): a classifier on the
 * window's aggregates ({@link SequenceSummaries} without the label and the record's end) trained on
 * synthetic patients and tested on real holdout patients (TSTR), against the same classifier
 * trained on the real training patients (TRTR). The ratio TSTR / TRTR is the headline.
 */
public final class MortalityUtility {
  private MortalityUtility() {}

  /**
   * TSTR and TRTR AUC with one classifier.
   *
   * @return the TSTR metric (with TRTR as baseline and the ratio checked against {@code target})
   *     and the ratio, or empty when the cohort has no label
   */
  public static List<MetricResult> score(Cohort train, Cohort holdout, Cohort syn,
      BinaryClassifier.Kind kind, double target, long seed) {
    String label = train.schema().label();
    if (label == null) {
      return List.of();
    }
    String positive = positiveClass(train);
    SequenceSummaries f = new SequenceSummaries(train.schema(), train, false, false);
    Labelled test = labelled(f, holdout, label, positive);
    Labelled real = labelled(f, train, label, positive);
    Labelled fake = labelled(f, syn, label, positive);
    BinaryClassifier clf = new BinaryClassifier(kind, seed);
    double trtr = Auc.of(test.y, clf.fitAndScore(f.names(), real.x, real.y,
        test.x));
    double tstr = Auc.of(test.y, clf.fitAndScore(f.names(), fake.x, fake.y,
        test.x));
    double ratio = tstr / trtr;
    String suffix = kind == BinaryClassifier.Kind.RANDOM_FOREST ? "" : "_logistic";
    String clfName = DiscriminativeScore.describe(kind);
    MetricResult tstrMetric = MetricResult.of("utility.tstr_auc" + suffix, "utility", tstr,
        Direction.HIGHER_IS_BETTER, "AUC for '" + label + "=" + positive + "' on real holdout"
            + " patients of a " + clfName + " trained on synthetic patients (baseline: trained on"
            + " real training patients, TRTR)").withBaseline(trtr)
        .withDetails(Map.of("trtr_auc", trtr, "synthetic_positive_share", share(fake.y),
            "real_positive_share", share(real.y), "test_patients", test.y.length));
    MetricResult ratioMetric = MetricResult.of("utility.tstr_trtr_ratio" + suffix, "utility",
        ratio, Direction.HIGHER_IS_BETTER, "TSTR AUC / TRTR AUC with the same " + clfName)
        .withCheck(target, ratio >= target);
    return List.of(tstrMetric, ratioMetric);
  }

  /** The positive class: "1" when present, else the rarer category of the label. */
  static String positiveClass(Cohort c) {
    CategoricalColumn l = (CategoricalColumn) c.statics().column(c.schema().label());
    if (l.dictionary().contains("1")) {
      return "1";
    }
    long[] counts = l.counts();
    int rare = 0;
    for (int i = 1; i < counts.length; i++) {
      rare = counts[i] < counts[rare] ? i : rare;
    }
    return l.dictionary().get(rare);
  }

  /** Features and truth of the patients with a label. */
  record Labelled(double[][] x, boolean[] y) {}

  static Labelled labelled(SequenceSummaries f, Cohort c, String label, String positive) {
    CategoricalColumn l = (CategoricalColumn) c.statics().column(label);
    double[][] all = f.features(c);
    List<double[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (int p = 0; p < c.size(); p++) {
      if (!l.isMissing(p)) {
        x.add(all[p]);
        y.add(positive.equals(l.value(p)));
      }
    }
    return new Labelled(x.toArray(double[][]::new), DiscriminativeScore.unbox(y));
  }

  private static double share(boolean[] y) {
    int c = 0;
    for (boolean b : y) {
      c += b ? 1 : 0;
    }
    return (double) c / Math.max(1, y.length);
  }
}
