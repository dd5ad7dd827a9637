package org.synthehr.generator.codec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a network's raw outputs for one span become values of the encoded row. */
public enum SpanActivation {
  /** One scalar in [-1, 1]: the normalised value of a continuous column within its mode. */
  TANH,
  /** A one-hot group: a category, or the mode (or missingness) of a continuous column. */
  SOFTMAX;

  /** The lower-case name used in JSON. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
