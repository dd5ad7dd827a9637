package org.synthehr.generator.codec;

/**
 * A contiguous group of positions in an encoded row with one activation: the only thing networks
 * know about the data. A network's output layer has {@link ModeSpecificCodec#width()} units; span
 * i covers {@code [offset, offset + width)}.
 *
 * @param offset first position in the encoded row
 * @param width number of positions
 * @param activation how the raw outputs become values
 * @param discrete whether the span is a whole discrete column (the ones the conditional vector
 *     covers); false for the parts of a continuous column
 */
public record OutputSpan(int offset, int width, SpanActivation activation, boolean discrete) {
  public OutputSpan {
    if (width < 1) {
      throw new IllegalArgumentException("span width must be positive, got " + width);
    }
  }

  /** One past the last position. */
  public int end() {
    return offset + width;
  }
}
