package org.synthehr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.ExitCodes;

/**
 * RFC 4180 CSV through the real {@code synth validate} command: quoted line breaks, a byte order
 * mark, CRLF, a detected or configured delimiter and another encoding read fine; an unbalanced
 * quote and an unknown encoding are clear errors without a stack trace.
 */
class CsvInputCliTest {
  @TempDir
  Path tmp;

  private Path write(String name, String text, Charset cs) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, text.getBytes(cs));
    return p;
  }

  private CliRun validate(Path data, String inputKeys) throws IOException {
    Path config = write("job.yaml", "seed: 1\ninput:\n  path: " + data + "\n" + inputKeys
        + "output:\n  dir: " + tmp.resolve("out") + "\nspark:\n  master: local[2]\n",
        StandardCharsets.UTF_8);
    return CliRun.of("validate", config.toString());
  }

  private static void noStackTrace(CliRun run) {
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
  }

  @Test
  void quotedLineBreaksBomCrlfAndSemicolon() throws IOException {
    String text = "\uFEFF" + CsvSamples.notes(';', "\r\n");
    CliRun run = validate(write("notes.csv", text, StandardCharsets.UTF_8), "");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("OK: 12 rows, 4 columns kept")
        || run.err().contains("OK: 12 rows, 4 columns kept"), run.out() + run.err());
  }

  @Test
  void configuredPipeAndLatin1() throws IOException {
    String text = CsvSamples.notes('|', "\n")
        .replace("plain", "café");
    CliRun run = validate(write("latin.csv", text, StandardCharsets.ISO_8859_1),
        "  delimiter: \"|\"\n  encoding: ISO-8859-1\n");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    // Without input.encoding the same bytes are refused with the fix, not read as damaged text.
    CliRun utf8 = validate(tmp.resolve("latin.csv"), "  delimiter: \"|\"\n");
    assertEquals(ExitCodes.BAD_INPUT, utf8.exitCode(), utf8.err());
    noStackTrace(utf8);
    assertTrue(utf8.err().contains("latin.csv: line 5 is not valid UTF-8 text. Fix: set"
        + " input.encoding"), utf8.err());
  }

  @Test
  void unbalancedQuoteNamesFileAndRow() throws IOException {
    String text = "id,age,label\n1,40,yes\n2,\"50,no\n3,61,no\n";
    CliRun run = validate(write("open.csv", text, StandardCharsets.UTF_8), "");
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
    noStackTrace(run);
    assertTrue(run.err().contains("open.csv, row 2: the CSV cannot be parsed from line 3 on (EOF"
        + " reached before encapsulated token finished)"), run.err());
    assertTrue(run.err().contains("Fix: check for an unbalanced quote"), run.err());
  }

  @Test
  void unknownEncodingAndBadDelimiterAreConfigErrors() throws IOException {
    Path data = write("d.csv", "a,b\n1,2\n", StandardCharsets.UTF_8);
    CliRun enc = validate(data, "  encoding: latin-9000\n");
    assertEquals(ExitCodes.USAGE, enc.exitCode(), enc.err());
    noStackTrace(enc);
    assertTrue(enc.err().contains("input.encoding 'latin-9000' is not a character encoding"),
        enc.err());
    CliRun sep = validate(data, "  delimiter: '::'\n");
    assertEquals(ExitCodes.USAGE, sep.exitCode(), sep.err());
    assertTrue(sep.err().contains("input.delimiter '::' is not a delimiter"), sep.err());
  }
}
