package org.synthehr.generator;

import java.util.List;
import java.util.Locale;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Values;

/**
 * A constraint on sampled rows: a discrete column equal to one of some categories, or a numeric
 * column within a closed range. Parsed from the command line as {@code column=value},
 * {@code column=a|b} or {@code column=low..high} (either bound may be omitted).
 */
public sealed interface Condition {
  /** The column constrained. */
  String column();

  /**
   * A discrete column taking one of the given categories.
   *
   * @param column a discrete column
   * @param values allowed categories, at least one
   */
  record OneOf(String column, List<String> values) implements Condition {
    public OneOf {
      values = List.copyOf(values);
    }
  }

  /**
   * A numeric column within [min, max]; null bounds are open.
   *
   * @param column a numeric column
   * @param min lower bound (inclusive) or null
   * @param max upper bound (inclusive) or null
   */
  record Range(String column, Double min, Double max) implements Condition {}

  /** A discrete column equal to one category. */
  static Condition equalTo(String column, String value) {
    return new OneOf(column, List.of(value));
  }

  /**
   * Parses {@code column=value}, {@code column=a|b} or {@code column=low..high} against a schema,
   * with an error that names the condition and the fix.
   */
  static Condition parse(String text, TableSchema schema) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw bad(text, "expected column=value, column=a|b or column=low..high");
    }
    String column = text.substring(0, eq).trim();
    String value = text.substring(eq + 1).trim();
    ColumnSpec spec = schema.find(column).orElseThrow(() -> bad(text, "'" + column
        + "' is not a modelled column (columns: " + String.join(", ", schema.names()) + ")"));
    if (spec.kind().isDiscrete()) {
      return new OneOf(column, List.of(value.split("\\|", -1)));
    }
    int dots = value.indexOf("..");
    try {
      if (dots < 0) {
        double v = spec.kind() == org.synthehr.core.schema.ColumnKind.DATETIME
            ? Values.parseDateTime(value) : Values.parseNumber(value);
        return new Range(column, v, v);
      }
      String lo = value.substring(0, dots).trim();
      String hi = value.substring(dots + 2).trim();
      return new Range(column, lo.isEmpty() ? null : number(spec, lo),
          hi.isEmpty() ? null : number(spec, hi));
    } catch (RuntimeException e) {
      throw bad(text, "'" + column + "' is " + spec.kind().id()
          + ": give a number or a range such as 2..7");
    }
  }

  private static double number(ColumnSpec spec, String text) {
    return spec.kind() == org.synthehr.core.schema.ColumnKind.DATETIME
        ? Values.parseDateTime(text) : Values.parseNumber(text);
  }

  private static InvalidInputException bad(String text, String why) {
    return new InvalidInputException(Problem.ofInput("condition '" + text + "'", why,
        "write conditions as column=value, column=a|b or column=low..high"
            .toLowerCase(Locale.ROOT)));
  }
}
