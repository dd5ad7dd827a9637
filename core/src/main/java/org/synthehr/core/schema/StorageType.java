package org.synthehr.core.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a column's values are stored in Parquet output (and typed in Spark). */
public enum StorageType {
  STRING,
  INT64,
  DOUBLE,
  BOOLEAN,
  DATE,
  TIMESTAMP;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static StorageType parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  /** The natural storage for a kind when the schema does not say. */
  public static StorageType defaultFor(ColumnKind kind) {
    return switch (kind) {
      case CONTINUOUS -> DOUBLE;
      case INTEGER -> INT64;
      case BOOLEAN -> BOOLEAN;
      case DATETIME -> TIMESTAMP;
      default -> STRING;
    };
  }
}
