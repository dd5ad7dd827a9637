package org.synthehr.core.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;

/**
 * Streams a Parquet file, or a directory of Parquet part files as Spark writes them (read in file
 * name order), as text cells. Flat schemas only; dates and timestamps become ISO text (UTC).
 */
public final class ParquetRowSource implements RowSource {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String name;
  private final List<Path> files;
  private final List<String> header;
  private final MessageType schema;
  private int fileIndex;
  private ParquetReader<Group> reader;
  private long rowNumber;

  private ParquetRowSource(Path path) {
    this.name = path.toString();
    this.files = partFiles(path);
    if (files.isEmpty()) {
      throw new InvalidInputException(Problem.ofInput(name, "contains no .parquet files",
          "point input.path at a Parquet file or a directory of Parquet part files"));
    }
    this.schema = readSchema(files.get(0));
    List<String> names = new ArrayList<>();
    for (Type field : schema.getFields()) {
      if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
        throw new InvalidInputException(Problem.ofColumn(name, field.getName(),
            "nested or repeated Parquet columns are not supported",
            "flatten the column (one value per row) before using the file"));
      }
      names.add(field.getName());
    }
    this.header = List.copyOf(names);
  }

  /** Opens a Parquet file or a directory of part files. */
  public static ParquetRowSource open(Path path) {
    return new ParquetRowSource(path);
  }

  private List<Path> partFiles(Path path) {
    if (!Files.exists(path)) {
      throw new InvalidInputException(Problem.ofInput(name, "does not exist",
          "check the path (a Parquet file or a directory of part files)"));
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> s = Files.list(path)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException(Problem.ofInput(name, "cannot be listed (" + e.getMessage()
          + ")", "check permissions"));
    }
  }

  private MessageType readSchema(Path file) {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      return r.getFooter().getFileMetaData().getSchema();
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(Problem.ofInput(file.toString(), "is not a readable Parquet"
          + " file (" + e.getMessage() + ")", "check that the file is complete and really Parquet"));
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public String[] next() {
    try {
      while (true) {
        if (reader == null) {
          if (fileIndex >= files.size()) {
            return null;
          }
          reader = new GroupReaderBuilder(new LocalInputFile(files.get(fileIndex++))).build();
        }
        Group g = reader.read();
        if (g == null) {
          reader.close();
          reader = null;
          continue;
        }
        rowNumber++;
        return cells(g);
      }
    } catch (IOException e) {
      throw new InvalidInputException(Problem.ofInput(files.get(Math.max(0, fileIndex - 1))
          .toString(), "cannot be read (" + e.getMessage() + ")", "check that the file is complete"));
    }
  }

  private String[] cells(Group g) {
    MessageType type = (MessageType) g.getType();
    String[] out = new String[header.size()];
    for (int i = 0; i < out.length; i++) {
      int field = type.containsField(header.get(i)) ? type.getFieldIndex(header.get(i)) : -1;
      if (field < 0 || g.getFieldRepetitionCount(field) == 0) {
        out[i] = null;
      } else {
        out[i] = text(g, field, type.getType(field).asPrimitiveType());
      }
    }
    return out;
  }

  private static String text(Group g, int field, PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return new BigDecimal(new BigInteger(g.getBinary(field, 0).getBytes()), d.getScale())
              .toPlainString();
        }
        return g.getBinary(field, 0).toStringUsingUTF8();
      case BOOLEAN:
        return Boolean.toString(g.getBoolean(field, 0));
      case INT32:
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return LocalDate.ofEpochDay(g.getInteger(field, 0)).toString();
        }
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(g.getInteger(field, 0), d.getScale()).toPlainString();
        }
        return Integer.toString(g.getInteger(field, 0));
      case INT64:
        long v = g.getLong(field, 0);
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
          Instant instant = switch (t.getUnit()) {
            case MILLIS -> Instant.ofEpochMilli(v);
            case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L),
                Math.floorMod(v, 1_000_000L) * 1000L);
            case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L),
                Math.floorMod(v, 1_000_000_000L));
          };
          return TS.format(instant);
        }
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(v, d.getScale()).toPlainString();
        }
        return Long.toString(v);
      case INT96:
        ByteBuffer buf = ByteBuffer.wrap(g.getInt96(field, 0).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buf.getLong();
        long julianDay = buf.getInt() & 0xFFFFFFFFL;
        long epochDay = julianDay - 2_440_588L;
        return TS.format(Instant.ofEpochSecond(epochDay * 86_400L + nanosOfDay / 1_000_000_000L));
      case FLOAT:
        return Float.toString(g.getFloat(field, 0));
      case DOUBLE:
        return Double.toString(g.getDouble(field, 0));
      default:
        throw new IllegalStateException("unsupported Parquet type " + type);
    }
  }

  @Override
  public long rowNumber() {
    return rowNumber;
  }

  @Override
  public void close() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        // Read-only: nothing to lose by ignoring a close failure.
      }
      reader = null;
    }
  }

  /** The builder constructor is protected; this gives the Hadoop-free variant (RECIPE.md §8). */
  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(InputFile file) {
      super(file, new PlainParquetConfiguration());
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
