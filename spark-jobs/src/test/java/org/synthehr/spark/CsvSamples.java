package org.synthehr.spark;

import java.util.ArrayList;
import java.util.List;

/** Small RFC 4180 CSV texts with quoted delimiters, doubled quotes and quoted line breaks. */
public final class CsvSamples {
  /** A value with a line break, a delimiter of each kind and doubled quotes. */
  public static final String NOTE = "first line\nsecond, \"quoted\"; line|end";
  /** The note of row i is {@code NOTES.get(i % 3)}. */
  public static final List<String> NOTES = List.of("plain", NOTE, "semi;colon, comma");

  private CsvSamples() {}

  /** Twelve rows of id, age, note, label with the given delimiter and line ends. */
  public static String notes(char sep, String eol) {
    StringBuilder sb = new StringBuilder(String.join(String.valueOf(sep), "id", "age", "note",
        "label")).append(eol);
    for (int i = 1; i <= 12; i++) {
      List<String> cells = List.of(String.valueOf(i), String.valueOf(30 + 3 * i),
          NOTES.get(i % 3), i % 2 == 0 ? "yes" : "no");
      List<String> quoted = new ArrayList<>();
      for (String c : cells) {
        boolean quote = c.indexOf(sep) >= 0 || c.contains("\"") || c.contains("\n");
        quoted.add(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
      }
      sb.append(String.join(String.valueOf(sep), quoted)).append(eol);
    }
    return sb.toString();
  }

  /** The notes of the twelve rows, in file order. */
  public static List<String> expectedNotes() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      out.add(NOTES.get(i % 3));
    }
    return out;
  }
}
