package org.synthehr.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;

/**
 * What the CSV readers need to know about a file before parsing it: its text (gzip undone, decoded
 * strictly, a leading byte order mark dropped), its delimiter when none is configured, and whether
 * any quoted field holds a line break (Spark must then read the file whole, see
 * {@code SparkCsv}).
 */
public final class CsvDialect {
  /** The header line is searched this far for delimiters; a longer header is pathological. */
  private static final int HEADER_LIMIT = 1 << 20;
  // States of the quoted-line-break scan.
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  private CsvDialect() {}

  /**
   * The file's text. Undecodable bytes are an error rather than U+FFFD replacements: a file in
   * another encoding would otherwise be read with silently damaged values. A UTF-8 (or UTF-16/32)
   * byte order mark is not part of the first column's name, so it is skipped here once for every
   * reader.
   */
  public static Reader reader(Path file, Charset encoding) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      CharsetDecoder decoder = encoding.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
      return reader;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The most frequent of {@code , ; TAB |} outside quotes in the header line (comma on a tie or
   * when there is none: a one-column file). A file that cannot be read gets a comma; the reader
   * then reports why it cannot be read.
   */
  public static char detectDelimiter(Path file, Charset encoding) {
    int[] counts = new int[CsvOptions.CANDIDATES.length];
    try (Reader r = reader(file, encoding)) {
      boolean quoted = false;
      int c;
      for (int n = 0; n < HEADER_LIMIT && (c = r.read()) >= 0; n++) {
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
          break;
        } else if (!quoted) {
          for (int i = 0; i < counts.length; i++) {
            counts[i] += c == CsvOptions.CANDIDATES[i] ? 1 : 0;
          }
        }
      }
    } catch (IOException e) {
      return ',';
    }
    int best = 0;
    for (int i = 1; i < counts.length; i++) {
      best = counts[i] > counts[best] ? i : best;
    }
    return CsvOptions.CANDIDATES[best];
  }

  /**
   * Whether a quoted field anywhere in the file contains a line break: one pass over the text,
   * following RFC 4180's quoting (a quote opens a field only at its start; {@code ""} inside is a
   * quote). A stray quote inside an unquoted field is text, as Commons CSV and Spark read it.
   */
  public static boolean hasQuotedLineBreak(Path file, CsvOptions options) throws IOException {
    char delimiter = options.delimiterFor(file);
    int state = FIELD_START;
    char[] buf = new char[1 << 16];
    try (Reader r = reader(file, options.encoding())) {
      int n;
      while ((n = r.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          char c = buf[i];
          boolean lineBreak = c == '\n' || c == '\r';
          switch (state) {
            case QUOTED -> {
              if (lineBreak) {
                return true;
              }
              state = c == '"' ? QUOTE_IN_QUOTED : QUOTED;
            }
            case QUOTE_IN_QUOTED -> state = c == '"' ? QUOTED
                : c == delimiter || lineBreak ? FIELD_START : UNQUOTED;
            case FIELD_START -> state = c == '"' ? QUOTED
                : c == delimiter || lineBreak ? FIELD_START : UNQUOTED;
            default -> state = c == delimiter || lineBreak ? FIELD_START : UNQUOTED;
          }
        }
      }
    }
    return false;
  }

  /** The error for a file whose bytes are not text in the encoding, naming the first bad line. */
  public static InvalidInputException notDecodable(Path file, Charset encoding) {
    long line = firstUndecodableLine(file, encoding);
    return new InvalidInputException(Problem.ofInput(file.toString(), (line > 0 ? "line " + line
        : "the file") + " is not valid " + encoding.name() + " text", "set input.encoding to the"
        + " file's encoding (e.g. ISO-8859-1 or windows-1252), or save the file as "
        + encoding.name()));
  }

  /**
   * The 1-based line of the first bytes that are not valid text in the encoding, or -1. Only for
   * error messages: the parser reads ahead, so where decoding failed says little about where the
   * bad bytes are.
   */
  public static long firstUndecodableLine(Path file, Charset encoding) {
    CharsetDecoder decoder = encoding.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    long line = 1;
    try (InputStream raw = Files.newInputStream(file);
        InputStream bytes = file.getFileName().toString().endsWith(".gz")
            ? new GZIPInputStream(raw) : raw) {
      boolean end = false;
      while (!end) {
        int n = bytes.read(in.array(), in.position(), in.remaining());
        end = n < 0;
        in.position(in.position() + Math.max(n, 0));
        in.flip();
        CoderResult result = decoder.decode(in, out, end);
        out.flip();
        while (out.hasRemaining()) {
          line += out.get() == '\n' ? 1 : 0;
        }
        out.clear();
        if (result.isError()) {
          return line;
        }
        in.compact();
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }
}
