package org.synthehr.evaluator.utility;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.core.table.Values;
import org.synthehr.evaluator.config.UtilityConfig;

/**
 * The yes/no outcome utility is measured on: a label column and the values that count as "yes"
 * (e.g. readmitted {@code <30} against {@code NO} and {@code >30}). When no positive values are
 * configured, the rarest real value is "yes": usually the outcome of interest (an event, a
 * readmission), and the choice is printed in the report.
 *
 * @param label the label column
 * @param positive values counted as yes (text as in the data; numbers compared by value)
 * @param chosenByDefault whether the positive values were chosen as the rarest value
 */
public record BinaryOutcome(String label, Set<String> positive, boolean chosenByDefault) {

  public BinaryOutcome {
    positive = Set.copyOf(positive);
  }

  /**
   * The outcome for a real table, or an {@link InvalidConfigException} explaining what to set.
   *
   * @param schemaLabel the schema's label (used when the config names none), may be null
   */
  public static BinaryOutcome resolve(Table real, UtilityConfig config, String schemaLabel) {
    String label = config.label() != null ? config.label() : schemaLabel;
    if (label == null) {
      throw new InvalidConfigException("utility needs an outcome column: set evaluate.utility.label"
          + " (or the schema's label, or pass --label), or set evaluate.utility.enabled: false.");
    }
    if (real.schema().indexOf(label) < 0 || !real.schema().column(label).kind().isModelled()) {
      throw new InvalidConfigException("evaluate.utility.label is '" + label + "', which is not a"
          + " modelled column of the real data. Fix: use one of " + String.join(", ",
              real.schema().modelled().names()) + ".");
    }
    Column column = real.column(label);
    List<String> values = values(column);
    if (!config.positive().isEmpty()) {
      // A boolean outcome is named by meaning: positive [true] or [yes] finds the real "1".
      List<String> positives = real.schema().column(label).kind() == ColumnKind.BOOLEAN
          ? config.positive().stream().map(p -> sameMeaning(values, p)).toList()
          : config.positive();
      List<String> unknown = positives.stream().filter(p -> !contains(values, p)).toList();
      if (!unknown.isEmpty()) {
        throw new InvalidConfigException("evaluate.utility.positive lists " + String.join(", ",
            unknown) + ", which the real column '" + label + "' never has. Its values: "
            + abbreviate(values) + ".");
      }
      if (values.stream().allMatch(v -> contains(positives, v))) {
        throw new InvalidConfigException("evaluate.utility.positive lists every value of '" + label
            + "'; leave at least one value as the negative class.");
      }
      return new BinaryOutcome(label, new LinkedHashSet<>(positives), false);
    }
    if (values.size() < 2) {
      throw new InvalidConfigException("the outcome column '" + label + "' has fewer than two"
          + " values in the real data, so there is nothing to predict. Fix: choose another"
          + " evaluate.utility.label, or set evaluate.utility.enabled: false.");
    }
    return new BinaryOutcome(label, Set.of(rarest(column)), true);
  }

  private static String abbreviate(List<String> values) {
    return values.size() <= 12 ? String.join(", ", values)
        : String.join(", ", values.subList(0, 12)) + ", ...";
  }

  private static List<String> values(Column c) {
    Set<String> out = new LinkedHashSet<>();
    if (c instanceof CategoricalColumn cat) {
      long[] counts = cat.counts();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          out.add(cat.dictionary().get(i));
        }
      }
    } else {
      for (double v : ((NumericColumn) c).observed()) {
        out.add(format(v));
        if (out.size() > 1000) {
          break;
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static String rarest(Column c) {
    if (c instanceof CategoricalColumn cat) {
      long[] counts = cat.counts();
      int best = -1;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0 && (best < 0 || counts[i] < counts[best])) {
          best = i;
        }
      }
      return cat.dictionary().get(best);
    }
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    for (double v : ((NumericColumn) c).observed()) {
      counts.merge(format(v), 1L, Long::sum);
    }
    return counts.entrySet().stream().min(java.util.Map.Entry.comparingByValue())
        .orElseThrow().getKey();
  }

  private static String sameMeaning(List<String> values, String wanted) {
    Boolean meaning = Values.booleanToken(wanted);
    return values.stream().filter(v -> meaning != null && meaning.equals(Values.booleanToken(v)))
        .findFirst().orElse(wanted);
  }

  private static boolean contains(List<String> values, String v) {
    return values.contains(v) || values.stream().anyMatch(x -> sameNumber(x, v));
  }

  private static boolean sameNumber(String a, String b) {
    return Values.isNumber(a) && Values.isNumber(b)
        && Values.parseNumber(a) == Values.parseNumber(b);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : Double.toString(v);
  }

  /** The truth of every row, and which rows have the label at all. */
  public Truth truth(Table table) {
    Column c = table.column(label);
    int n = table.rowCount();
    boolean[] yes = new boolean[n];
    boolean[] known = new boolean[n];
    for (int r = 0; r < n; r++) {
      String v;
      if (c instanceof CategoricalColumn cat) {
        v = cat.value(r);
      } else {
        double x = ((NumericColumn) c).get(r);
        v = Double.isNaN(x) ? null : format(x);
      }
      if (v != null) {
        known[r] = true;
        String value = v;
        yes[r] = positive.contains(v) || positive.stream().anyMatch(p -> sameNumber(p, value));
      }
    }
    return new Truth(yes, known);
  }

  /** A readable definition, e.g. "readmitted = <30". */
  public String describe() {
    return label + " = " + String.join(" or ", positive.stream().sorted().toList())
        + (chosenByDefault ? " (the rarest value; set evaluate.utility.positive to choose)" : "");
  }

  /**
   * Per row: whether the outcome is yes, and whether the row has the label.
   *
   * @param yes the truth
   * @param known rows whose label is present
   */
  public record Truth(boolean[] yes, boolean[] known) {
    /** Indices of rows with a label. */
    public int[] knownRows() {
      int n = 0;
      for (boolean k : known) {
        n += k ? 1 : 0;
      }
      int[] out = new int[n];
      int j = 0;
      for (int i = 0; i < known.length; i++) {
        if (known[i]) {
          out[j++] = i;
        }
      }
      return out;
    }

    /** The share of known rows that are yes. */
    public double prevalence() {
      long k = 0;
      long y = 0;
      for (int i = 0; i < yes.length; i++) {
        if (known[i]) {
          k++;
          y += yes[i] ? 1 : 0;
        }
      }
      return k == 0 ? Double.NaN : (double) y / k;
    }
  }
}
