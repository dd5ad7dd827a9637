package org.synthehr.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.Table;
import org.synthehr.core.table.TypedCells;

/** Writes a table to one Parquet file (snappy) without Spark, with the same types Spark writes. */
public final class ParquetTableWriter {
  private ParquetTableWriter() {}

  /** The Parquet schema for a table schema: every column optional, typed by its storage. */
  public static MessageType parquetSchema(org.synthehr.core.schema.TableSchema schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (ColumnSpec c : schema.columns()) {
      switch (c.storage()) {
        case STRING -> b.optional(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType()).named(c.name());
        case INT64 -> b.optional(PrimitiveTypeName.INT64).named(c.name());
        case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
        case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
        case DATE -> b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType())
            .named(c.name());
        case TIMESTAMP -> b.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation
            .timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
      }
    }
    return b.named("synthetic");
  }

  /** Writes the table to {@code file}, replacing it. */
  public static void write(Table table, Path file) {
    MessageType schema = parquetSchema(table.schema());
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try {
      Files.deleteIfExists(file);
      try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
          .withConf(new PlainParquetConfiguration())
          .withType(schema)
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .build()) {
        for (int r = 0; r < table.rowCount(); r++) {
          Group g = groups.newGroup();
          for (int c = 0; c < table.columnCount(); c++) {
            Object v = TypedCells.get(table, r, c);
            String name = table.schema().columns().get(c).name();
            if (v == null) {
              continue;
            }
            if (v instanceof String s) {
              g.append(name, s);
            } else if (v instanceof Long l) {
              g.append(name, l);
            } else if (v instanceof Double d) {
              g.append(name, d);
            } else if (v instanceof Boolean bool) {
              g.append(name, bool);
            } else if (v instanceof LocalDate date) {
              g.append(name, (int) date.toEpochDay());
            } else if (v instanceof Instant t) {
              g.append(name, t.getEpochSecond() * 1_000_000L + t.getNano() / 1000L);
            }
          }
          writer.write(g);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
