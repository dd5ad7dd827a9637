package org.synthehr.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.schema.ColumnProfile;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.InferredSchema;
import org.synthehr.core.schema.SchemaFile;
import org.synthehr.core.schema.SchemaInference;
import org.synthehr.core.schema.SchemaValidator;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.core.table.TableBuilder;

/**
 * Reads a dataset into memory without Spark, in two streaming passes: profile every column, resolve
 * and validate the schema, then parse. The Spark ingest follows the same steps with partitioned
 * profiles; both share {@link #resolve}.
 */
public final class DatasetLoader {
  private DatasetLoader() {}

  /**
   * A loaded dataset.
   *
   * @param table the typed table (dropped columns excluded)
   * @param schema the resolved schema with the reason for each column
   * @param profiles the profile of every kept column
   */
  public record Loaded(Table table, InferredSchema schema, List<ColumnProfile> profiles) {}

  /** Loads and validates the input; every problem is reported in one {@link InvalidInputException}. */
  public static Loaded load(InputConfig input) {
    Path path = Path.of(input.path());
    SchemaFile declared = input.schema() == null ? SchemaFile.none() : SchemaFile.load(Path.of(
        input.schema()));
    List<ColumnProfile> profiles;
    try (RowSource rows = DataFormat.open(path, input.csv())) {
      profiles = profile(rows, declared, input.missingValues());
    }
    InferredSchema resolved = resolve(profiles, declared, input, path.toString());
    List<ColumnProfile> kept = keep(profiles, resolved.schema());
    Table table;
    try (RowSource rows = DataFormat.open(path, input.csv())) {
      table = read(rows, resolved.schema());
    }
    return new Loaded(table, resolved, kept);
  }

  /** Profiles every column of a row source in one pass. */
  public static List<ColumnProfile> profile(RowSource rows, SchemaFile declared,
      List<String> missingValues) {
    List<String> header = rows.header();
    List<ColumnProfile> profiles = new ArrayList<>(header.size());
    for (String name : header) {
      profiles.add(new ColumnProfile(name, missingTokens(name, declared, missingValues)));
    }
    String[] cells;
    while ((cells = rows.next()) != null) {
      for (int i = 0; i < cells.length; i++) {
        profiles.get(i).add(cells[i]);
      }
    }
    return profiles;
  }

  /** The tokens meaning "missing" in one column: global, config-level and the column's own. */
  public static Set<String> missingTokens(String column, SchemaFile declared,
      List<String> missingValues) {
    Set<String> tokens = new HashSet<>(declared.missingValues());
    tokens.addAll(missingValues);
    declared.columns().stream().filter(c -> c.name().equals(column))
        .forEach(c -> tokens.addAll(c.missingValues()));
    return tokens;
  }

  /**
   * Infers, applies the config's label/entity key/drops, and validates: the schema the data will be
   * read with. Throws an {@link InvalidInputException} with every problem.
   */
  public static InferredSchema resolve(List<ColumnProfile> profiles, SchemaFile declared,
      InputConfig input, String source) {
    List<Problem> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    profiles.forEach(p -> names.add(p.name()));
    for (String drop : input.dropColumns()) {
      if (!names.contains(drop)) {
        problems.add(Problem.ofColumn("input.drop_columns", drop, "is not a column of " + source,
            "remove it from input.drop_columns or correct its name"));
      }
    }
    List<ColumnProfile> kept = profiles.stream()
        .filter(p -> !input.dropColumns().contains(p.name())).toList();
    SchemaFile effective = new SchemaFile(declared.columns(),
        input.label() != null ? input.label() : declared.label(),
        input.entityKey() != null ? input.entityKey() : declared.entityKey(),
        declared.timeIndex(), declared.missingValues());
    InferredSchema inferred = SchemaInference.defaults().infer(kept, effective, input.missingValues());
    String schemaSource = input.schema() == null ? "the job config" : input.schema();
    problems.addAll(SchemaValidator.check(kept, inferred.schema(),
        new SchemaFile(declared.columns().stream()
            .filter(c -> !input.dropColumns().contains(c.name())).toList(), null, null, null, null),
        source, schemaSource));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return inferred;
  }

  /** Reads the rows of a source into a table with the given schema (columns matched by name). */
  public static Table read(RowSource rows, TableSchema schema) {
    List<String> header = rows.header();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      position.put(header.get(i), i);
    }
    int[] take = new int[schema.columns().size()];
    for (int c = 0; c < take.length; c++) {
      ColumnSpec spec = schema.columns().get(c);
      Integer at = position.get(spec.name());
      if (at == null) {
        throw new InvalidInputException(Problem.ofColumn(rows.name(), spec.name(),
            "the column is missing", "add the column or remove it from the schema"));
      }
      take[c] = at;
    }
    TableBuilder builder = new TableBuilder(schema, rows.name());
    String[] cells;
    String[] selected = new String[take.length];
    while ((cells = rows.next()) != null) {
      for (int c = 0; c < take.length; c++) {
        selected[c] = cells[take[c]];
      }
      builder.addRow(selected, rows.rowNumber());
    }
    return builder.build();
  }

  private static List<ColumnProfile> keep(List<ColumnProfile> profiles, TableSchema schema) {
    Set<String> names = new HashSet<>(schema.names());
    return profiles.stream().filter(p -> names.contains(p.name())).toList();
  }
}
