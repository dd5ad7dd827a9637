package org.synthehr.core.longitudinal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;

/**
 * One fixed-length feature vector per patient, built from the whole window (the "48-hour
 * aggregates" of PhysioNet 2012 models): static attributes (numbers, one-hot categories, missing
 * flags) and, per variable, how often it was charted, when first, and the mean, spread, minimum,
 * maximum, first and last value and the change from first to last. A variable never charted has
 * count 0 and zeros elsewhere, so "never measured" stays visible to the classifier.
 *
 * <p>Features are defined by the schema and the real cohort's categories, so real and synthetic
 * patients share one feature space. The evaluator's discriminative score and mortality utility
 * and the trajectory diffusion model's realism critic all read patients through this one class.
 */
public final class SequenceSummaries {
  private static final String[] STATS = {"count", "first_time", "mean", "sd", "min", "max",
      "first", "last", "change"};

  private final CohortSchema schema;
  private final List<String> names = new ArrayList<>();
  private final List<ColumnSpec> statics = new ArrayList<>();
  private final List<List<String>> categories = new ArrayList<>();
  private final boolean withLabel;
  private final boolean withEnd;

  /**
   * @param schema the cohorts' schema
   * @param reference a real cohort whose categories define the one-hot features
   * @param withLabel whether the outcome label is a feature (not for outcome prediction)
   * @param withEnd whether the record's end is a feature
   */
  public SequenceSummaries(CohortSchema schema, Cohort reference, boolean withLabel,
      boolean withEnd) {
    this(schema, categoriesOf(schema, reference), withLabel, withEnd);
  }

  /**
   * @param schema the cohorts' schema
   * @param categories per discrete static column, its categories (the one-hot features)
   * @param withLabel whether the outcome label is a feature (not for outcome prediction)
   * @param withEnd whether the record's end is a feature
   */
  public SequenceSummaries(CohortSchema schema, Map<String, List<String>> categories,
      boolean withLabel, boolean withEnd) {
    this.schema = schema;
    this.withLabel = withLabel;
    this.withEnd = withEnd;
    for (ColumnSpec c : schema.statics().columns()) {
      if (!withLabel && c.name().equals(schema.label())) {
        continue;
      }
      statics.add(c);
      List<String> cats = categories.get(c.name());
      this.categories.add(cats);
      if (cats != null) {
        for (String v : cats) {
          names.add(c.name() + "=" + v);
        }
      } else {
        names.add(c.name());
      }
      names.add(c.name() + "#missing");
    }
    if (withEnd) {
      names.add("#end");
    }
    for (String v : schema.variableNames()) {
      for (String s : STATS) {
        names.add(v + "." + s);
      }
    }
  }

  /** The categories of a cohort's discrete static columns. */
  private static Map<String, List<String>> categoriesOf(CohortSchema schema, Cohort reference) {
    Map<String, List<String>> out = new java.util.HashMap<>();
    for (ColumnSpec c : schema.statics().columns()) {
      if (reference.statics().column(c.name()) instanceof CategoricalColumn k) {
        out.put(c.name(), k.dictionary());
      }
    }
    return out;
  }

  /** Feature names, in the order of {@link #features}. */
  public List<String> names() {
    return names;
  }

  /** The features of every patient of a cohort. */
  public double[][] features(Cohort c) {
    double[][] out = new double[c.size()][];
    for (int p = 0; p < c.size(); p++) {
      out[p] = features(c, p);
    }
    return out;
  }

  private double[] features(Cohort c, int p) {
    double[] f = new double[names.size()];
    int at = 0;
    for (int i = 0; i < statics.size(); i++) {
      Column col = c.statics().column(statics.get(i).name());
      boolean missing = col.isMissing(p);
      List<String> cats = categories.get(i);
      if (cats != null) {
        if (!missing) {
          int idx = cats.indexOf(((CategoricalColumn) col).value(p));
          if (idx >= 0) {
            f[at + idx] = 1;
          }
        }
        at += cats.size();
      } else {
        f[at++] = missing ? 0 : ((NumericColumn) col).get(p);
      }
      f[at++] = missing ? 1 : 0;
    }
    if (withEnd) {
      f[at++] = c.end(p);
    }
    for (int k = 0; k < c.variables(); k++) {
      int count = 0;
      double sum = 0;
      double sq = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double first = 0;
      double last = 0;
      int firstTime = -1;
      int lastTime = -1;
      for (int t = 0; t < c.steps(); t++) {
        float v = c.value(p, t, k);
        if (Float.isNaN(v)) {
          continue;
        }
        if (count == 0) {
          first = v;
          firstTime = t;
        }
        last = v;
        lastTime = t;
        count++;
        sum += v;
        sq += (double) v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      if (count == 0) {
        f[at] = 0;
        f[at + 1] = c.steps();
        at += STATS.length;
        continue;
      }
      double mean = sum / count;
      f[at] = count;
      f[at + 1] = firstTime;
      f[at + 2] = mean;
      f[at + 3] = Math.sqrt(Math.max(0, sq / count - mean * mean));
      f[at + 4] = min;
      f[at + 5] = max;
      f[at + 6] = first;
      f[at + 7] = last;
      f[at + 8] = lastTime > firstTime ? last - first : 0;
      at += STATS.length;
    }
    return f;
  }

  /** Whether the outcome label is a feature. */
  public boolean withLabel() {
    return withLabel;
  }

  /** The schema the features are defined by. */
  public CohortSchema schema() {
    return schema;
  }
}
