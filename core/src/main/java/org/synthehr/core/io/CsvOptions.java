package org.synthehr.core.io;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.Locale;
import org.synthehr.core.error.InvalidConfigException;

/**
 * How to read CSV text (RFC 4180: {@code "} quotes, doubled {@code ""} inside quotes, line breaks
 * and delimiters allowed in quoted fields): the delimiter, or none to detect it from the header
 * line, and the character encoding. Every CSV reader of the toolkit, in memory or with Spark, takes
 * its settings from here so that a file reads the same everywhere.
 *
 * @param delimiter the field delimiter, or null to take it from the file (a {@code .tsv} name means
 *     tab; otherwise the most frequent of {@code , ; TAB |} outside quotes in the header line)
 * @param encoding the character encoding of the file's bytes
 */
public record CsvOptions(Character delimiter, Charset encoding) {
  /** Delimiters the header line is searched for, in order of preference on a tie. */
  static final char[] CANDIDATES = {',', ';', '\t', '|'};

  /** Detect the delimiter, UTF-8. */
  public static final CsvOptions DEFAULT = new CsvOptions(null, StandardCharsets.UTF_8);

  public CsvOptions {
    encoding = encoding == null ? StandardCharsets.UTF_8 : encoding;
    if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
      throw new IllegalArgumentException("a quote or line break cannot be the delimiter");
    }
  }

  /**
   * Options from config text, checked now so that a mistake fails before any work with a message
   * naming the key.
   *
   * @param delimiter one character, {@code "\t"} or {@code tab} (null or empty: detect)
   * @param encoding a Java charset name (null or empty: UTF-8)
   * @param keys the config section the keys are in, e.g. {@code input}
   */
  public static CsvOptions fromConfig(String delimiter, String encoding, String keys) {
    return new CsvOptions(parseDelimiter(delimiter, keys + ".delimiter"),
        parseEncoding(encoding, keys + ".encoding"));
  }

  private static Character parseDelimiter(String text, String key) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    // "\t" typed in single quotes or on the command line arrives as backslash + t.
    if (text.equals("\\t") || text.equalsIgnoreCase("tab")) {
      return '\t';
    }
    if (text.length() != 1 || text.equals("\"") || text.equals("\n") || text.equals("\r")) {
      throw new InvalidConfigException(key + " '" + text + "' is not a delimiter. Fix: give one"
          + " character other than a quote or line break, e.g. ',', ';', '|' or \"\\t\" (tab),"
          + " or remove the key to detect it from the header line.");
    }
    return text.charAt(0);
  }

  private static Charset parseEncoding(String text, String key) {
    if (text == null || text.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(text.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new InvalidConfigException(key + " '" + text + "' is not a character encoding this"
          + " Java knows. Fix: use a charset name such as UTF-8, ISO-8859-1 or windows-1252.");
    }
  }

  /** The delimiter of one file: the configured one, tab for {@code .tsv}, or detected. */
  public char delimiterFor(Path file) {
    if (delimiter != null) {
      return delimiter;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".tsv") || name.endsWith(".tsv.gz")) {
      return '\t';
    }
    return CsvDialect.detectDelimiter(file, encoding);
  }

  /** The same options with the delimiter fixed for one file (no detection left to do). */
  public CsvOptions resolvedFor(Path file) {
    return new CsvOptions(delimiterFor(file), encoding);
  }
}
