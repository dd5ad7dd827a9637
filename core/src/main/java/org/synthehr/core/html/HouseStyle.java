package org.synthehr.core.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one stylesheet of every page the toolkit writes (the evaluation report, the data card), inlined
 * into each page so that it opens offline and prints the same everywhere.
 */
public final class HouseStyle {
  private static final String CSS = load();

  private HouseStyle() {}

  /** The stylesheet's text, to go inside a {@code <style>} element. */
  public static String css() {
    return CSS;
  }

  private static String load() {
    try (InputStream in = HouseStyle.class.getResourceAsStream("house.css")) {
      if (in == null) {
        throw new IllegalStateException("house.css is missing from the synthehr-core jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
