package org.synthehr.core.longitudinal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.synthehr.core.error.InvalidConfigException;

/**
 * How several measurements of one variable that fall into the same grid step become the step's
 * value. Vital signs are usually averaged; volumes charted per interval (urine output) are summed.
 */
public enum Aggregation {
  /** Mean of the measurements in the step. */
  MEAN,
  /** The latest measurement in the step. */
  LAST,
  /** The earliest measurement in the step. */
  FIRST,
  /** The smallest measurement. */
  MIN,
  /** The largest measurement. */
  MAX,
  /** The sum (for amounts charted per interval, such as urine output). */
  SUM;

  /** The lower-case name used in YAML and JSON. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a name, with an error listing the valid ones. */
  @JsonCreator
  public static Aggregation parse(String text) {
    for (Aggregation a : values()) {
      if (a.id().equalsIgnoreCase(text.trim())) {
        return a;
      }
    }
    throw new InvalidConfigException("Unknown aggregation '" + text + "'. Valid: "
        + Arrays.stream(values()).map(Aggregation::id).collect(Collectors.joining(", ")) + ".");
  }
}
