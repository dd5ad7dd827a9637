package org.synthehr.core.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.table.BooleanSpelling;
import org.synthehr.core.table.Values;

/**
 * Checks a dataset (through its column profiles) against its resolved schema and collects every
 * problem: declared columns absent from the data, all-missing columns, an unusable label or entity
 * key, values that do not fit their declared kind, and nothing left to model.
 */
public final class SchemaValidator {
  private SchemaValidator() {}

  /**
   * All problems found; empty when the data can be used.
   *
   * @param source the data file, used to locate problems
   * @param schemaSource the schema file (or "the job config"), used for schema problems
   */
  public static List<Problem> check(List<ColumnProfile> profiles, TableSchema schema,
      SchemaFile declared, String source, String schemaSource) {
    List<Problem> problems = new ArrayList<>();
    Map<String, ColumnProfile> byName = new HashMap<>();
    profiles.forEach(p -> byName.put(p.name(), p));
    String found = String.join(", ", byName.keySet().stream().sorted().limit(12).toList())
        + (byName.size() > 12 ? ", ..." : "");
    for (ColumnSpec c : declared.columns()) {
      if (!byName.containsKey(c.name())) {
        problems.add(Problem.ofColumn(schemaSource, c.name(),
            "the schema names a column that is not in " + source,
            "remove it from the schema file or correct its name (columns found: " + found + ")"));
      }
    }
    for (ColumnSpec c : schema.columns()) {
      ColumnProfile p = byName.get(c.name());
      if (p == null) {
        continue;
      }
      if (p.present() == 0 && c.kind().isModelled()) {
        problems.add(Problem.ofColumn(source, c.name(), "every one of its " + p.rows()
            + " values is missing, so there is nothing to learn",
            "drop it with input.drop_columns, or check input.missing_values if some of its tokens"
                + " are real values"));
        continue;
      }
      checkValuesFitKind(c, p, source, problems);
    }
    checkRole(schema.label(), "label", byName, schema, source, problems);
    checkRole(schema.entityKey(), "entity key", byName, schema, source, problems);
    if (schema.label() != null && byName.containsKey(schema.label())
        && schema.find(schema.label()).isPresent()) {
      ColumnSpec label = schema.column(schema.label());
      ColumnProfile p = byName.get(schema.label());
      if (!label.kind().isDiscrete()) {
        problems.add(Problem.ofColumn(source, label.name(), "the label is " + label.kind().id()
            + ", but utility metrics need classes",
            "declare it 'categorical' in the schema file, or choose another label"));
      } else if (p.present() > 0 && p.distinct() < 2) {
        problems.add(Problem.ofColumn(source, label.name(), "the label has only one class ('"
            + p.valueCounts().keySet().iterator().next() + "'), so no model can learn to predict it",
            "choose another label (label: in the config), or use data that contains both classes"));
      }
    }
    if (schema.modelled().columns().isEmpty()) {
      problems.add(Problem.ofInput(source, "no column is left to model (all are identifiers, text"
          + " or dropped)", "declare the columns' kinds in a schema file"));
    }
    return problems;
  }

  /** Throws one {@link InvalidInputException} listing every problem, if any. */
  public static void require(List<ColumnProfile> profiles, TableSchema schema, SchemaFile declared,
      String source, String schemaSource) {
    List<Problem> problems = check(profiles, schema, declared, source, schemaSource);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private static void checkRole(String column, String role, Map<String, ColumnProfile> byName,
      TableSchema schema, String source, List<Problem> problems) {
    if (column != null && !byName.containsKey(column)) {
      problems.add(Problem.ofColumn(source, column, "the " + role + " column is not in the data",
          "correct the " + role + " name in the config or schema file"));
    }
  }

  private static void checkValuesFitKind(ColumnSpec c, ColumnProfile p, String source,
      List<Problem> problems) {
    long present = p.present();
    boolean numbersWithUnit = c.unit() != null && c.unit().equals(p.unit());
    if ((c.kind() == ColumnKind.CONTINUOUS || c.kind() == ColumnKind.INTEGER)
        && p.numeric() < present && !numbersWithUnit) {
      problems.add(Problem.ofColumn(source, c.name(), String.format(Locale.ROOT,
          "%,d of its values are not numbers (e.g. %s)", present - p.numeric(),
          quoted(p.nonNumericExamples())),
          "declare it 'categorical' in the schema file, or add the token to missing_values if it"
              + " means 'missing'"));
    } else if (c.kind() == ColumnKind.INTEGER
        && (numbersWithUnit ? p.integralWithUnit() : p.integral()) < present) {
      problems.add(Problem.ofColumn(source, c.name(), String.format(Locale.ROOT,
          "%,d of its values are not whole numbers", present - p.integral()),
          "declare it 'continuous' in the schema file"));
    } else if (c.kind() == ColumnKind.DATETIME && p.dates() < present) {
      problems.add(Problem.ofColumn(source, c.name(), String.format(Locale.ROOT,
          "%,d of its values are not ISO dates", present - p.dates()),
          "write dates as 2020-01-31 or 2020-01-31 14:05:00, or declare another kind"));
    } else if (c.kind() == ColumnKind.BOOLEAN && BooleanSpelling.isSpelling(c.categories())) {
      // Spelled booleans are decoded by meaning ("Y" and "yes" are one value), so only values
      // without a yes/no meaning are a problem.
      List<String> meaningless = p.valueCounts().keySet().stream()
          .filter(v -> Values.booleanToken(v) == null).sorted().limit(3).toList();
      if (!meaningless.isEmpty()) {
        problems.add(Problem.ofColumn(source, c.name(), "values " + quoted(meaningless)
            + " have no yes/no meaning in a boolean column spelled " + String.join("/",
                c.categories()), "correct the data, add the token to missing_values if it means"
                + " 'missing', or declare the column 'categorical' in the schema file"));
      }
      return;
    } else if (!c.categories().isEmpty() && !p.highCardinality()) {
      List<String> unlisted = p.valueCounts().keySet().stream()
          .filter(v -> !c.categories().contains(v)).sorted().limit(3).toList();
      if (!unlisted.isEmpty()) {
        problems.add(Problem.ofColumn(source, c.name(), "values " + quoted(unlisted)
            + " are not among the categories the schema lists",
            "add them to the column's categories in the schema file, or correct the data"));
      }
    } else if (c.kind() == ColumnKind.BOOLEAN && p.distinct() > 2) {
      problems.add(Problem.ofColumn(source, c.name(), "a boolean column has " + p.distinct()
          + " distinct values", "declare it 'categorical' in the schema file"));
    }
    if (c.kind() == ColumnKind.BOOLEAN && c.storage() == StorageType.BOOLEAN
        && p.valueCounts().keySet().stream().anyMatch(v -> Values.booleanToken(v) == null)) {
      problems.add(Problem.ofColumn(source, c.name(), "values such as " + quoted(
          p.valueCounts().keySet().stream().filter(v -> Values.booleanToken(v) == null).limit(2)
              .toList()) + " have no yes/no meaning for boolean storage",
          "set storage: string for the column in the schema file"));
    }
  }

  private static String quoted(List<String> values) {
    return values.isEmpty() ? "?" : "'" + String.join("', '", values) + "'";
  }
}
