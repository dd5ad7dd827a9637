package org.synthehr.core.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which way a metric improves. */
public enum Direction {
  /** Larger values are better (similarity scores, utility). */
  HIGHER_IS_BETTER,
  /** Smaller values are better (distances, attack success). */
  LOWER_IS_BETTER,
  /** Values closest to the baseline are best (e.g. DCR share, ideal 0.5). */
  CLOSER_TO_BASELINE;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
