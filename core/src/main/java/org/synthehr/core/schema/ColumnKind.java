package org.synthehr.core.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.synthehr.core.error.InvalidConfigException;

/**
 * What a column means, independent of how it is stored. Generators and metrics decide how to treat a
 * column from its kind alone.
 */
public enum ColumnKind {
  /** A real-valued measurement (weight, lab value). */
  CONTINUOUS,
  /** A whole-number quantity (count, length of stay); generated values are rounded, never truncated. */
  INTEGER,
  /** An unordered category (race, specialty, a numeric-looking code). */
  CATEGORICAL,
  /** An ordered category (age band); the order is the schema's category list. */
  ORDINAL,
  /** A yes/no flag. */
  BOOLEAN,
  /** A date or timestamp, modelled as seconds since the epoch. */
  DATETIME,
  /** A record or patient identifier: never modelled, never emitted. */
  IDENTIFIER,
  /** Free text: not modelled and not emitted. */
  TEXT;

  /** Values are numbers (modelled on a continuous scale). */
  public boolean isNumeric() {
    return this == CONTINUOUS || this == INTEGER || this == DATETIME;
  }

  /** Values come from a finite dictionary. */
  public boolean isDiscrete() {
    return this == CATEGORICAL || this == ORDINAL || this == BOOLEAN;
  }

  /** Generators learn and emit this column. */
  public boolean isModelled() {
    return isNumeric() || isDiscrete();
  }

  /** The lower-case name used in YAML and JSON. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a kind from its YAML name, with an error that lists the valid names. */
  @JsonCreator
  public static ColumnKind parse(String text) {
    for (ColumnKind kind : values()) {
      if (kind.id().equalsIgnoreCase(text.trim())) {
        return kind;
      }
    }
    throw new InvalidConfigException("Unknown column kind '" + text + "'. Valid kinds: "
        + Arrays.stream(values()).map(ColumnKind::id).collect(Collectors.joining(", ")) + ".");
  }
}
