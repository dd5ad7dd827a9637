package org.synthehr.spark.ingest;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.CsvOptions;
import org.synthehr.core.io.CsvRowSource;
import org.synthehr.core.io.DataFormat;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.schema.ColumnProfile;
import org.synthehr.core.schema.InferredSchema;
import org.synthehr.core.schema.SchemaFile;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.LocalCopy;

/**
 * Reads a dataset with Spark, so inputs larger than memory work: every partition profiles its rows
 * and the driver merges the profiles, infers and validates the schema (the same rules as the core
 * loader), and gets back the kept columns as text, cached for the steps that follow.
 */
public final class SparkIngest {
  private static final String CORRUPT = "_corrupt_record";

  private SparkIngest() {}

  /**
   * An ingested dataset.
   *
   * @param text the kept columns as strings (cached), in schema order
   * @param schema the resolved schema with reasons
   * @param profiles profiles of the kept columns
   * @param rows number of data rows
   * @param source the input path, for messages
   */
  public record Ingested(Dataset<Row> text, InferredSchema schema, List<ColumnProfile> profiles,
      long rows, String source) {}

  /** Reads, profiles, resolves and validates the input; problems are reported together. */
  public static Ingested ingest(SparkSession spark, InputConfig input) {
    String source = input.path();
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path location = store.resolve(source);
    if (!store.exists(location)) {
      throw new InvalidInputException(Problem.ofInput(source, "does not exist",
          "check input.path (relative paths are resolved from the directory you run synth in;"
              + " other filesystems need a URI such as hdfs://namenode:8020/path)"));
    }
    SchemaFile declared = SchemaFile.none();
    if (input.schema() != null) {
      try (LocalCopy schema = LocalCopy.of(store, store.resolve(input.schema()))) {
        declared = SchemaFile.load(schema.path());
      }
    }
    // The driver reads the header and sniffs the dialect from a local path: the file itself, or
    // the head of a file on another filesystem. Spark reads the data from where it is.
    try (LocalCopy head = LocalCopy.of(store, location, LocalCopy.HEAD_BYTES)) {
      return ingest(spark, input, location.toString(), head.path(), declared);
    }
  }

  private static Ingested ingest(SparkSession spark, InputConfig input, String uri, Path local,
      SchemaFile declared) {
    String source = input.path();
    Dataset<Row> raw;
    List<String> header;
    CsvOptions csv = input.csv();
    if (DataFormat.of(local) == DataFormat.CSV) {
      csv = csv.resolvedFor(local);
      header = SparkCsv.header(local, csv);
      List<StructField> fields = new ArrayList<>(List.of(SparkTables.stringSchema(header).fields()));
      fields.add(new StructField(CORRUPT, DataTypes.StringType, true, Metadata.empty()));
      // The header read above (without a byte order mark) is the schema; Spark skips the file's
      // own header line and counts rows of the wrong length into the corrupt-record column.
      raw = SparkCsv.reader(spark, List.of(local), csv)
          .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
          .schema(new StructType(fields.toArray(new StructField[0]))).csv(uri);
    } else {
      Dataset<Row> parquet = spark.read().parquet(uri);
      header = List.of(parquet.columns());
      raw = SparkTables.asText(parquet, header).withColumn(CORRUPT,
          org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType));
    }
    raw = raw.persist(StorageLevel.MEMORY_AND_DISK());
    PartitionProfile merged;
    try {
      merged = profile(raw, header, declared, input.missingValues());
    } catch (Exception e) {
      // Spark stops at some malformed CSV (a quoted field never closed, a stray quote inside a
      // quoted one) with a bare "cannot read file"; the core reader says which row and how to fix.
      // (Spark throws its checked SparkException undeclared, hence Exception.)
      raw.unpersist();
      InvalidInputException why = DataFormat.of(local) == DataFormat.CSV ? diagnose(local, csv)
          : null;
      if (why != null) {
        throw why;
      }
      throw e;
    }
    if (merged.ragged > 0) {
      raw.unpersist();
      throw raggedRows(local, csv, merged.ragged, header.size());
    }
    if (merged.rows == 0) {
      raw.unpersist();
      throw new InvalidInputException(Problem.ofInput(source, "the file has a header but no data"
          + " rows", "point input.path at a file with data"));
    }
    InferredSchema resolved = DatasetLoader.resolve(merged.profiles, declared, input, source);
    List<String> kept = resolved.schema().names();
    Dataset<Row> text = raw.select(kept.stream().map(n -> col("`" + n + "`"))
        .toArray(org.apache.spark.sql.Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    text.count();
    raw.unpersist();
    Set<String> keptSet = Set.copyOf(kept);
    List<ColumnProfile> keptProfiles = merged.profiles.stream()
        .filter(p -> keptSet.contains(p.name())).toList();
    return new Ingested(text, resolved, keptProfiles, merged.rows, source);
  }

  /** Profiles of one partition (or, merged, of all). */
  static final class PartitionProfile implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final List<ColumnProfile> profiles;
    long rows;
    long ragged;

    PartitionProfile(List<ColumnProfile> profiles) {
      this.profiles = profiles;
    }

    PartitionProfile merge(PartitionProfile other) {
      for (int i = 0; i < profiles.size(); i++) {
        profiles.get(i).merge(other.profiles.get(i));
      }
      rows += other.rows;
      ragged += other.ragged;
      return this;
    }
  }

  private static PartitionProfile profile(Dataset<Row> raw, List<String> header,
      SchemaFile declared, List<String> missingValues) {
    List<List<String>> tokens = new ArrayList<>();
    for (String name : header) {
      tokens.add(List.copyOf(DatasetLoader.missingTokens(name, declared, missingValues)));
    }
    List<String> names = List.copyOf(header);
    int corrupt = header.size();
    FlatMapFunction<Iterator<Row>, PartitionProfile> fn = rows -> {
      List<ColumnProfile> profiles = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        profiles.add(new ColumnProfile(names.get(i), tokens.get(i)));
      }
      PartitionProfile p = new PartitionProfile(profiles);
      while (rows.hasNext()) {
        Row row = rows.next();
        if (!row.isNullAt(corrupt)) {
          p.ragged++;
          continue;
        }
        p.rows++;
        for (int i = 0; i < names.size(); i++) {
          profiles.get(i).add(row.isNullAt(i) ? null : row.getString(i));
        }
      }
      return List.of(p).iterator();
    };
    List<PartitionProfile> parts = raw.toJavaRDD().mapPartitions(fn).collect();
    PartitionProfile merged = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      merged.merge(parts.get(i));
    }
    return merged;
  }

  /** Ragged rows: exact row numbers from a streaming pass over the local file (error path only). */
  private static InvalidInputException raggedRows(Path file, CsvOptions csv, long count,
      int fields) {
    InvalidInputException why = diagnose(file, csv);
    return why != null ? why : new InvalidInputException(Problem.ofInput(file.toString(), count
        + " row(s) do not have the " + fields + " fields the header has", "make every row have one"
        + " value per column (check for unquoted commas or a cut-off file)"));
  }

  /** What the core reader finds wrong with a CSV file in one streaming pass, or null. */
  private static InvalidInputException diagnose(Path file, CsvOptions csv) {
    try (CsvRowSource rows = CsvRowSource.open(file, csv)) {
      while (rows.next() != null) {
        // The source collects ragged rows and throws at the end, or at a parse error.
      }
    } catch (InvalidInputException e) {
      return e;
    }
    return null;
  }
}
