package org.synthehr.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;

/**
 * JSON reading and writing with the project's conventions: snake_case keys, pretty printed, map keys
 * sorted (so equal content gives equal bytes), unknown keys rejected on read.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // Reports write a figure that could not be computed as NaN; reading one back must work.
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
  // No findAndRegisterModules(): with Spark on the classpath it registers jackson-module-scala,
  // and untyped maps inside a report (a metric's details) then read back as Scala maps, which no
  // Java reader recognises (the pipeline's report.html lost every chart that way). What a file
  // means must not depend on which jars happen to be present.

  private Json() {}

  /** The shared mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Writes a value to a file (parent directories created). */
  public static void write(Path file, Object value) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      MAPPER.writeValue(file.toFile(), value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The value as pretty JSON text. */
  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Reads a file; a missing or malformed file is an {@link InvalidInputException} naming it. */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(Problem.ofInput(file.toString(), "is not a valid "
          + type.getSimpleName() + " file (" + e.getOriginalMessage() + ")",
          "restore the file from the original model or report directory"));
    } catch (IOException e) {
      throw new InvalidInputException(Problem.ofInput(file.toString(), "cannot be read ("
          + e.getClass().getSimpleName() + ")", "check that the path exists and is readable"));
    }
  }

  /** Reads a file as a tree. */
  public static JsonNode readTree(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(Problem.ofInput(file.toString(), "cannot be read as JSON ("
          + e.getMessage() + ")", "check that the path exists and is a JSON file"));
    }
  }
}
