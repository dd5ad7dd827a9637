package org.synthehr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium, as a user's browser opens our HTML pages offline: the DOM the browser built
 * and a screenshot. Skips the calling test with a visible message when Chromium is missing (.ci/run
 * installs Debian's package).
 */
public final class Chromium {
  private final String binary;
  private final Path work;

  private Chromium(String binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** The browser, or the calling test is skipped. */
  public static Chromium require(Path work, String what) throws IOException {
    String binary = find();
    Assumptions.assumeTrue(binary != null, "SKIPPED: chromium is not installed, so " + what
        + " was not rendered in a browser (install Debian's chromium; .ci/run does)");
    return new Chromium(binary, Files.createTempDirectory(work, "chromium-"));
  }

  /** The DOM after the browser parsed the page. */
  public String dom(Path html, int width, int height) throws IOException, InterruptedException {
    List<String> cmd = common(width, height);
    cmd.addAll(List.of("--dump-dom", html.toUri().toString()));
    return run(cmd, work.resolve("dom.html"));
  }

  /** Screenshots the page to {@code png} and checks it is a real PNG of the window's width. */
  public void screenshot(Path html, Path png, int width, int height, int minBytes)
      throws IOException, InterruptedException {
    List<String> cmd = common(width, height);
    cmd.addAll(List.of("--hide-scrollbars", "--screenshot=" + png, html.toUri().toString()));
    run(cmd, work.resolve("shot.log"));
    byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > minBytes, "screenshot size " + bytes.length);
    assertEquals(0x89, bytes[0] & 0xff);
    assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
    int w = ((bytes[16] & 0xff) << 24) | ((bytes[17] & 0xff) << 16) | ((bytes[18] & 0xff) << 8)
        | (bytes[19] & 0xff);
    assertEquals(width, w);
  }

  /** How often a token occurs in a text. */
  public static int count(String text, String token) {
    Matcher m = Pattern.compile(Pattern.quote(token)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private List<String> common(int width, int height) {
    return new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--user-data-dir=" + work.resolve("profile"),
        "--window-size=" + width + "," + height));
  }

  private static String run(List<String> command, Path output) throws IOException,
      InterruptedException {
    Process p = new ProcessBuilder(command).redirectOutput(output.toFile())
        .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium timed out");
    return Files.readString(output);
  }

  private static String find() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
        if (Files.isExecutable(Path.of(d, name))) {
          return Path.of(d, name).toString();
        }
      }
    }
    return null;
  }
}
