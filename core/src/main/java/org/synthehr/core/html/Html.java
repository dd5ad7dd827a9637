package org.synthehr.core.html;

import java.util.Locale;

/** Escaping and number formatting for the HTML pages (report, data card): one style for all. */
public final class Html {
  private Html() {}

  /** Text safe inside HTML elements and attribute values. */
  public static String esc(Object text) {
    String s = String.valueOf(text);
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A figure with 3 decimals (or fewer digits for large values); "–" for NaN or null. */
  public static String num(Double v) {
    if (v == null || v.isNaN()) {
      return "–";
    }
    if (v.isInfinite()) {
      return v > 0 ? "∞" : "−∞";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a > 0 && a < 0.001) {
      // A delta of 3e-5 or a rate of 2e-4 must not read as 0.000.
      return String.format(Locale.ROOT, "%.2e", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** A count with thousands separators (any number type, or text as is). */
  public static String count(Object v) {
    if (v instanceof Number n) {
      return String.format(Locale.ROOT, "%,d", Math.round(n.doubleValue()));
    }
    return esc(v);
  }

  /** A share as a percentage with one decimal. */
  public static String pct(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  /** An id usable as an HTML anchor. */
  public static String anchor(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
