package org.synthehr.evaluator.model;

import java.util.List;
import org.synthehr.core.table.Table;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A Tribuo classifier trained on one table for a yes/no target, scoring other tables with the
 * probability (or vote share) of "yes". A training table with a single class gives a constant
 * scorer, as any learner would.
 */
public final class BinaryClassifier {
  /** The label of positive rows. */
  public static final Label YES = new Label("yes");
  /** The label of negative rows. */
  public static final Label NO = new Label("no");

  private final FeatureEncoder encoder;
  private final Model<Label> model;
  private final double constant;

  private BinaryClassifier(FeatureEncoder encoder, Model<Label> model, double constant) {
    this.encoder = encoder;
    this.model = model;
    this.constant = constant;
  }

  /**
   * Trains on a table's columns (encoder fitted on that table).
   *
   * @param truth the target of each row
   */
  public static BinaryClassifier train(ClassifierKind kind, Table table, List<String> features,
      boolean[] truth, long seed) {
    FeatureEncoder encoder = FeatureEncoder.fit(table, features);
    int positives = 0;
    for (boolean t : truth) {
      positives += t ? 1 : 0;
    }
    if (positives == 0 || positives == truth.length) {
      return new BinaryClassifier(encoder, null, positives == 0 ? 0.0 : 1.0);
    }
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(
        new SimpleDataSourceProvenance("synthehr-evaluator", factory), factory);
    data.addAll(encoder.encode(table, labels(truth)));
    return new BinaryClassifier(encoder, kind.trainer(seed).train(data), Double.NaN);
  }

  /** The score of "yes" for every row of a table. */
  public double[] scores(Table table) {
    double[] out = new double[table.rowCount()];
    if (model == null) {
      java.util.Arrays.fill(out, constant);
      return out;
    }
    Label[] unknown = new Label[table.rowCount()];
    java.util.Arrays.fill(unknown, NO);
    List<Example<Label>> examples = encoder.encode(table, unknown);
    List<Prediction<Label>> predictions = model.predict(examples);
    for (int i = 0; i < out.length; i++) {
      Label yes = predictions.get(i).getOutputScores().get(YES.getLabel());
      out[i] = yes == null ? 0.0 : yes.getScore();
    }
    return out;
  }

  /** The labels of a truth vector. */
  static Label[] labels(boolean[] truth) {
    Label[] out = new Label[truth.length];
    for (int i = 0; i < truth.length; i++) {
      out[i] = truth[i] ? YES : NO;
    }
    return out;
  }
}
