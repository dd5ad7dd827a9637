package org.synthehr.evaluator.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.synthehr.core.io.Json;
import org.synthehr.core.result.Report;

/**
 * Writes {@code report.json} and {@code report.html} side by side, each through a temporary file
 * moved into place, so a reader never sees a half-written report.
 */
public final class ReportFiles {
  /** The JSON report's file name. */
  public static final String JSON = "report.json";
  /** The HTML report's file name. */
  public static final String HTML = "report.html";

  private ReportFiles() {}

  /**
   * Writes the two files.
   *
   * @param json where report.json goes; report.html is written next to it (same name, .html)
   * @return the HTML file written
   */
  public static Path write(Path json, Report report, HtmlReport html) {
    Path target = json.toAbsolutePath();
    String name = target.getFileName().toString();
    Path htmlFile = target.resolveSibling(name.endsWith(".json")
        ? name.substring(0, name.length() - 5) + ".html" : name + ".html");
    Path tmpJson = target.resolveSibling("." + name + ".tmp");
    Path tmpHtml = target.resolveSibling("." + htmlFile.getFileName() + ".tmp");
    try {
      Json.write(tmpJson, report);
      Files.writeString(tmpHtml, html.render(report), StandardCharsets.UTF_8);
      Files.move(tmpJson, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmpHtml, htmlFile, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return htmlFile;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + json, e);
    } finally {
      try {
        Files.deleteIfExists(tmpJson);
        Files.deleteIfExists(tmpHtml);
      } catch (IOException ignored) {
        // Leftover temporary files are harmless; the error above (if any) is what matters.
      }
    }
  }
}
