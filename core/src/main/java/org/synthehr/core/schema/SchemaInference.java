package org.synthehr.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.synthehr.core.table.BooleanSpelling;
import org.synthehr.core.table.CategoryOrder;

/**
 * Chooses a kind for every column from its {@link ColumnProfile}, unless the schema file declares it,
 * and records why, so the user can check each choice and override it in a schema file.
 */
public final class SchemaInference {
  private static final Pattern ID_NAME = Pattern.compile(
      "(?i)(^id$|_id$|^id_|_nbr$|_num$|_number$|_no$|uuid|guid|^mrn$|_mrn$|^ssn$|record_?id|recordid)");
  private static final Pattern CODE_NAME =
      Pattern.compile("(?i)(_id$|code|_cd$|type|class|categor|group|grp|^icu|status|flag)");
  private static final Pattern BAND = Pattern.compile(
      "^[\\[(]\\s*-?\\d+(\\.\\d+)?\\s*[-,;]\\s*-?\\d+(\\.\\d+)?\\s*[\\])]$");

  private final int maxCategories;

  /** @param maxCategories the most distinct values a text column may have and be categorical */
  public SchemaInference(int maxCategories) {
    this.maxCategories = maxCategories;
  }

  /** Default settings: up to 1,000 categories. */
  public static SchemaInference defaults() {
    return new SchemaInference(1000);
  }

  /**
   * The schema of a dataset.
   *
   * @param profiles one profile per data column, in header order
   * @param declared the user's schema file (may be {@link SchemaFile#none()})
   * @param extraMissing dataset-level missing tokens from the job config
   */
  public InferredSchema infer(List<ColumnProfile> profiles, SchemaFile declared,
      List<String> extraMissing) {
    Map<String, ColumnSpec> byName = new java.util.HashMap<>();
    declared.columns().forEach(c -> byName.put(c.name(), c));
    List<ColumnSpec> columns = new ArrayList<>();
    List<ColumnDecision> decisions = new ArrayList<>();
    for (ColumnProfile p : profiles) {
      ColumnSpec spec = byName.get(p.name());
      String reason;
      boolean isDeclared = spec != null;
      if (p.name().equals(declared.entityKey())
          && (spec == null || spec.kind() != ColumnKind.IDENTIFIER)) {
        // The patient key splits the data by patient; it is never learned or emitted, whatever
        // its values look like or a schema file says.
        spec = ColumnSpec.of(p.name(), ColumnKind.IDENTIFIER);
        reason = "the entity key (input.entity_key): identifies patients, never modelled";
      } else if (isDeclared) {
        reason = "declared in the schema file";
        if (spec.kind() == ColumnKind.BOOLEAN) {
          spec = declaredBoolean(spec, p);
        }
      } else {
        Choice choice = choose(p, p.name().equals(declared.label()));
        spec = choice.spec;
        reason = choice.reason;
      }
      columns.add(spec);
      decisions.add(new ColumnDecision(p.name(), spec.kind(), spec.storage(), isDeclared, p.rows(),
          p.missing(), p.distinct(), reason));
    }
    List<String> missing = new ArrayList<>(declared.missingValues());
    extraMissing.stream().filter(t -> !missing.contains(t)).forEach(missing::add);
    TableSchema schema = new TableSchema(columns, declared.label(), declared.entityKey(),
        declared.timeIndex(), missing);
    return new InferredSchema(schema, decisions);
  }

  private record Choice(ColumnSpec spec, String reason) {}

  private Choice choose(ColumnProfile p, boolean isLabel) {
    String name = p.name();
    long present = p.present();
    if (present == 0) {
      return new Choice(ColumnSpec.of(name, ColumnKind.CATEGORICAL), "every value is missing");
    }
    double uniqueness = (double) p.distinct() / present;
    boolean allNumeric = p.numeric() == present;
    boolean allIntegral = allNumeric && p.integral() == present;
    if (!isLabel && ID_NAME.matcher(name).find() && (uniqueness >= 0.5 || p.highCardinality())) {
      // Distinct values are counted exactly only up to the profile's cap: past it, say so rather
      // than print a share computed from the cap (17,549 unique ids read as "57% distinct").
      return new Choice(ColumnSpec.of(name, ColumnKind.IDENTIFIER), p.highCardinality()
          ? String.format(Locale.ROOT, "name looks like an identifier and it has more than %,d"
              + " distinct values", ColumnProfile.DISTINCT_CAP)
          : String.format(Locale.ROOT, "name looks like an identifier and %.0f%% of values are"
              + " distinct", 100 * uniqueness));
    }
    if (!isLabel && present >= 50 && (uniqueness >= 0.99 || p.highCardinality())
        && (allIntegral || (!allNumeric && p.withSpaces() == 0 && p.dates() < present))) {
      return new Choice(ColumnSpec.of(name, ColumnKind.IDENTIFIER),
          "nearly every value is distinct, as in an identifier");
    }
    if (p.distinct() == 2 && p.booleanTokens() == present && distinctBooleanMeanings(p)) {
      List<String> spelling = BooleanSpelling.of(p.valueCounts().keySet());
      StorageType storage = BooleanSpelling.storage(spelling);
      return new Choice(new ColumnSpec(name, ColumnKind.BOOLEAN, storage, spelling, null, null),
          "two values with yes/no meaning: " + String.join(", ", spelling) + " (written as "
              + storage.id() + ")");
    }
    String unit = p.unit();
    if (unit != null) {
      boolean whole = p.integralWithUnit() == present;
      String example = p.nonNumericExamples().isEmpty() ? unit : p.nonNumericExamples().get(0);
      return new Choice(new ColumnSpec(name, whole ? ColumnKind.INTEGER : ColumnKind.CONTINUOUS,
          null, null, null, unit), "numbers written with the unit '" + unit + "' (e.g. '"
              + example + "'): read as numbers, the unit kept in the schema");
    }
    if (allNumeric) {
      if (allIntegral && p.distinct() <= 2) {
        return new Choice(ColumnSpec.of(name, ColumnKind.CATEGORICAL),
            "whole numbers with only " + p.distinct() + " distinct values: treated as categories");
      }
      if (allIntegral && !p.highCardinality() && p.distinct() <= Math.min(maxCategories, 100)
          && CODE_NAME.matcher(name).find()) {
        return new Choice(ColumnSpec.of(name, ColumnKind.CATEGORICAL), "whole numbers whose name"
            + " suggests a code, " + p.distinct() + " distinct values: treated as categories");
      }
      if (isLabel && !p.highCardinality() && p.distinct() <= 20) {
        return new Choice(ColumnSpec.of(name, ColumnKind.CATEGORICAL),
            "the label, with " + p.distinct() + " distinct values: treated as classes");
      }
      if (allIntegral) {
        return new Choice(ColumnSpec.of(name, ColumnKind.INTEGER), "every value is a whole number");
      }
      return new Choice(ColumnSpec.of(name, ColumnKind.CONTINUOUS), "values are numbers");
    }
    if (p.dates() == present) {
      ColumnSpec spec = new ColumnSpec(name, ColumnKind.DATETIME,
          p.dateOnly() == present ? StorageType.DATE : StorageType.TIMESTAMP, null, null, null);
      return new Choice(spec, p.dateOnly() == present ? "every value is an ISO date"
          : "every value is an ISO date-time");
    }
    if (!p.highCardinality() && p.distinct() >= 2
        && p.valueCounts().keySet().stream().allMatch(v -> BAND.matcher(v).matches())) {
      List<String> order = CategoryOrder.natural(p.valueCounts().keySet());
      return new Choice(ColumnSpec.of(name, ColumnKind.ORDINAL).withCategories(order),
          "values are numeric bands such as '" + order.get(0) + "': ordered by their lower bound");
    }
    if (p.highCardinality() || p.distinct() > maxCategories) {
      if (p.meanLength() >= 20 || p.withSpaces() * 2 > present) {
        return new Choice(ColumnSpec.of(name, ColumnKind.TEXT),
            "free text with more than " + maxCategories + " distinct values: not modelled");
      }
      return new Choice(ColumnSpec.of(name, ColumnKind.IDENTIFIER),
          "more than " + maxCategories + " distinct short values: treated as an identifier");
    }
    String examples = p.nonNumericExamples().isEmpty() ? "" : " (e.g. '"
        + p.nonNumericExamples().get(0) + "')";
    return new Choice(ColumnSpec.of(name, ColumnKind.CATEGORICAL),
        p.distinct() + " distinct text values" + examples);
  }

  /**
   * A boolean declared in the schema file keeps its declared storage; its spelling comes from the
   * declared categories, else from the data, so every side is decoded to the same two values.
   */
  private static ColumnSpec declaredBoolean(ColumnSpec spec, ColumnProfile p) {
    List<String> source = spec.categories().isEmpty()
        ? List.copyOf(p.valueCounts().keySet()) : spec.categories();
    if (source.stream().noneMatch(v -> org.synthehr.core.table.Values.booleanToken(v) != null)) {
      return spec; // the validator reports values without a yes/no meaning
    }
    return new ColumnSpec(spec.name(), spec.kind(), spec.storage(), BooleanSpelling.of(source),
        spec.missingValues(), spec.unit());
  }

  private static boolean distinctBooleanMeanings(ColumnProfile p) {
    return p.valueCounts().keySet().stream()
        .map(org.synthehr.core.table.Values::booleanToken).distinct().count() == 2;
  }
}
