package org.synthehr.spark.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.privacy.release.DataCard;

/**
 * The tables of a run's {@code synthetic/} directory as the data card lists them: row counts and
 * column types from the Parquet footers (no data is read), column kinds from the run's schema.
 * Refuses a table that holds an identifier column, which the card promises is never released.
 */
final class ReleasedTables {
  private ReleasedTables() {}

  /** A tabular run: one table, kinds from schema.yaml. */
  static List<DataCard.Table> tabular(Path synthetic, List<ColumnSpec> schema) {
    Map<String, ColumnSpec> byName = new java.util.HashMap<>();
    schema.forEach(c -> byName.put(c.name(), c));
    List<DataCard.Table> out = new ArrayList<>();
    out.add(table(synthetic, "synthetic", name -> {
      ColumnSpec spec = byName.get(name);
      if (spec != null && spec.kind() == ColumnKind.IDENTIFIER) {
        throw new InvalidInputException(Problem.ofColumn(synthetic.toString(), name,
            "is an identifier column in the synthetic data; identifiers must never be released",
            "this is a bug in the run that wrote it; do not release it, and report it"));
      }
      return spec;
    }));
    return out;
  }

  /**
   * A longitudinal run: the OMOP tables, then the static attributes and measured variables the
   * model learned (from the model's schema.json), with their kinds and units.
   */
  static List<DataCard.Table> longitudinal(Path synthetic, JsonNode cohortSchema) {
    List<DataCard.Table> out = new ArrayList<>();
    for (String name : List.of("person", "visit_occurrence", "measurement")) {
      if (Files.isDirectory(synthetic.resolve(name))) {
        out.add(table(synthetic.resolve(name), "synthetic/" + name, n -> null));
      }
    }
    List<DataCard.Column> statics = new ArrayList<>();
    for (JsonNode c : cohortSchema.path("statics").path("columns")) {
      statics.add(new DataCard.Column(c.path("name").asText(), c.path("storage").asText(),
          c.path("kind").asText(null), c.path("unit").asText(null)));
    }
    if (!statics.isEmpty()) {
      out.add(new DataCard.Table("static attributes learned (released in person)", null,
          statics));
    }
    List<DataCard.Column> variables = new ArrayList<>();
    for (JsonNode v : cohortSchema.path("variables")) {
      variables.add(new DataCard.Column(v.path("name").asText(), "measurement_source_value",
          "measurement (" + v.path("aggregation").asText("mean") + " per step)",
          v.path("unit").asText(null)));
    }
    if (!variables.isEmpty()) {
      out.add(new DataCard.Table("variables learned (released in measurement)", null,
          variables));
    }
    return out;
  }

  private static DataCard.Table table(Path dir, String name,
      java.util.function.Function<String, ColumnSpec> kinds) {
    List<Path> parts = parts(dir);
    if (parts.isEmpty()) {
      throw new InvalidInputException(Problem.ofInput(dir.toString(), "holds no Parquet part"
          + " files", "point RUN_DIR at a finished run (its synthetic/ holds part-*.parquet)"));
    }
    long rows = 0;
    MessageType schema = null;
    for (Path part : parts) {
      try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(part))) {
        schema = r.getFooter().getFileMetaData().getSchema();
        for (BlockMetaData b : r.getFooter().getBlocks()) {
          rows += b.getRowCount();
        }
      } catch (IOException | RuntimeException e) {
        throw new InvalidInputException(Problem.ofInput(part.toString(), "is not a readable"
            + " Parquet file (" + e.getMessage() + ")", "prepare the bundle from an intact run"));
      }
    }
    List<DataCard.Column> columns = new ArrayList<>();
    for (Type field : schema.getFields()) {
      ColumnSpec spec = kinds.apply(field.getName());
      columns.add(new DataCard.Column(field.getName(), type(field),
          spec == null ? null : spec.kind().name().toLowerCase(Locale.ROOT),
          spec == null ? null : spec.unit()));
    }
    return new DataCard.Table(name, rows, columns);
  }

  private static String type(Type field) {
    if (!field.isPrimitive()) {
      return "group";
    }
    LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
    String primitive = field.asPrimitiveType().getPrimitiveTypeName().name()
        .toLowerCase(Locale.ROOT);
    return logical == null ? primitive : primitive + " (" + logical.toString()
        .toLowerCase(Locale.ROOT) + ")";
  }

  private static List<Path> parts(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException(Problem.ofInput(dir.toString(), "cannot be listed ("
          + e.getMessage() + ")", "check that RUN_DIR is a finished run and readable"));
    }
  }
}
