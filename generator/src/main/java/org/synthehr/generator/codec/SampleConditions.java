package org.synthehr.generator.codec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;
import org.synthehr.generator.Condition;

/**
 * A user's sampling conditions checked against a codec: every column and category must exist and
 * every range must overlap the training values, else an {@link InvalidInputException} names the
 * condition and the fix (the same messages as the Gaussian copula). Decoded rows are then tested
 * with {@link #accepts}.
 */
public final class SampleConditions {
  /** A discrete condition: column index in the codec and the allowed one-hot positions. */
  public record Discrete(int column, int discreteIndex, int[] positions, double probability) {}

  /** A numeric condition: column index in the codec and the inclusive bounds. */
  public record Range(int column, double min, double max) {}

  private final List<Condition> conditions;
  private final List<Discrete> discrete;
  private final List<Range> ranges;
  private final List<String> columnNames;

  private SampleConditions(List<Condition> conditions, List<Discrete> discrete, List<Range> ranges,
      List<String> columnNames) {
    this.conditions = conditions;
    this.discrete = discrete;
    this.ranges = ranges;
    this.columnNames = columnNames;
  }

  /**
   * Checks conditions against a codec and the model's schema.
   *
   * @throws InvalidInputException naming the first bad condition and how to fix it
   */
  public static SampleConditions of(List<Condition> conditions, ModeSpecificCodec codec,
      TableSchema schema) {
    List<Discrete> discrete = new ArrayList<>();
    List<Range> ranges = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<ColumnEncoding.Categorical> discreteColumns = codec.discreteColumns();
    for (Condition c : conditions) {
      if (!seen.add(c.column())) {
        throw bad(c, "the column is conditioned on twice",
            "combine the values into one condition, e.g. col=a|b");
      }
      ColumnSpec spec = schema.find(c.column()).orElseThrow(() -> bad(c,
          "'" + c.column() + "' is not a column this model generates",
          "use one of: " + String.join(", ", schema.names())));
      int index = codec.indexOf(spec.name());
      ColumnEncoding enc = codec.columns().get(index);
      if (c instanceof Condition.OneOf oneOf) {
        if (!(enc instanceof ColumnEncoding.Categorical cat)) {
          throw bad(c, "'" + c.column() + "' is " + spec.kind().id(),
              "use a range: " + c.column() + "=low..high");
        }
        int[] positions = new int[oneOf.values().size()];
        double probability = 0;
        for (int i = 0; i < positions.length; i++) {
          String value = oneOf.values().get(i);
          int p = cat.categories().indexOf(value);
          if (p < 0) {
            throw bad(c, "'" + value + "' never occurs in column '" + c.column() + "' of the"
                + " training data", "use one of: " + String.join(", ", cat.categories()));
          }
          positions[i] = p;
          probability += cat.frequencies()[p];
        }
        discrete.add(new Discrete(index, discreteColumns.indexOf(cat), positions, probability));
      } else if (c instanceof Condition.Range range) {
        if (!(enc instanceof ColumnEncoding.Numeric num)) {
          throw bad(c, "'" + c.column() + "' is " + spec.kind().id(), "use " + c.column()
              + "=value or " + c.column() + "=a|b");
        }
        double lo = range.min() == null ? Double.NEGATIVE_INFINITY : range.min();
        double hi = range.max() == null ? Double.POSITIVE_INFINITY : range.max();
        if (lo > hi) {
          throw bad(c, "the range is empty (low > high)", "swap the bounds");
        }
        boolean whole = num.kind() == ColumnKind.INTEGER || num.kind() == ColumnKind.DATETIME;
        double a = Math.max(whole ? Math.ceil(lo) : lo, num.min());
        double b = Math.min(whole ? Math.floor(hi) : hi, num.max());
        boolean pointOnContinuous = !whole && lo == hi;
        if (a > b || num.missingRate() >= 1.0 || pointOnContinuous) {
          throw bad(c, String.format(Locale.ROOT, "the model gives this range probability zero"
              + " (training values lie in [%.4g, %.4g])", num.min(), num.max()),
              pointOnContinuous ? "give a range (low..high) for a continuous column"
                  : "choose a range that overlaps the training values");
        }
        ranges.add(new Range(index, lo, hi));
      }
    }
    List<String> names = conditions.stream().map(Condition::column).toList();
    return new SampleConditions(List.copyOf(conditions), List.copyOf(discrete),
        List.copyOf(ranges), names);
  }

  private static InvalidInputException bad(Condition c, String what, String fix) {
    return new InvalidInputException(Problem.ofColumn("condition", c.column(), what, fix));
  }

  /** Whether there is nothing to condition on. */
  public boolean isEmpty() {
    return conditions.isEmpty();
  }

  /** The discrete conditions. */
  public List<Discrete> discrete() {
    return discrete;
  }

  /** The discrete condition rarest in the training data (the one worth steering), if any. */
  public Discrete rarestDiscrete() {
    Discrete best = null;
    for (Discrete d : discrete) {
      if (best == null || d.probability() < best.probability()) {
        best = d;
      }
    }
    return best;
  }

  /** Whether a decoded row satisfies every condition. */
  public boolean accepts(Table table, int row, ModeSpecificCodec codec) {
    for (Discrete d : discrete) {
      CategoricalColumn col = (CategoricalColumn) table.column(d.column());
      String value = col.value(row);
      if (value == null) {
        return false;
      }
      ColumnEncoding.Categorical cat = (ColumnEncoding.Categorical) codec.columns().get(d.column());
      boolean ok = false;
      for (int p : d.positions()) {
        ok |= cat.categories().get(p).equals(value);
      }
      if (!ok) {
        return false;
      }
    }
    for (Range r : ranges) {
      double v = ((NumericColumn) table.column(r.column())).get(row);
      if (Double.isNaN(v) || v < r.min() || v > r.max()) {
        return false;
      }
    }
    return true;
  }

  /** The conditions as the user wrote them, for messages. */
  public String describe() {
    return conditions.stream().map(SampleConditions::text).collect(Collectors.joining(", "));
  }

  /** Names of the conditioned columns. */
  public List<String> columns() {
    return columnNames;
  }

  private static String text(Condition c) {
    if (c instanceof Condition.OneOf o) {
      return c.column() + "=" + String.join("|", o.values());
    }
    Condition.Range r = (Condition.Range) c;
    return c.column() + "=" + (r.min() == null ? "" : fmt(r.min())) + ".."
        + (r.max() == null ? "" : fmt(r.max()));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.6g", v);
  }
}
