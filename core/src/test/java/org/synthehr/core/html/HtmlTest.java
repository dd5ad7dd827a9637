package org.synthehr.core.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The figures every page shows: a small figure never reads as zero, text is escaped. */
class HtmlTest {
  @Test
  void smallFiguresKeepTheirMagnitude() {
    assertEquals("3.35e-05", Html.num(3.35e-5));
    assertEquals("0.000", Html.num(0.0));
    assertEquals("0.012", Html.num(0.0123));
    assertEquals("1,234", Html.num(1234.0));
    assertEquals("–", Html.num(Double.NaN));
  }

  @Test
  void markupIsEscaped() {
    assertEquals("&lt;30 &amp; &quot;x&quot;", Html.esc("<30 & \"x\""));
  }
}
