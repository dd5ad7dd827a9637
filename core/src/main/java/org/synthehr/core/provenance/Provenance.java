package org.synthehr.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What produced an artefact ("configuration is provenance"): tool version, the resolved config's
 * hash, the seed, fingerprints of the inputs, and the platform. Recorded in every model manifest and
 * report so a result can be traced and reproduced.
 *
 * @param tool the toolkit name
 * @param toolVersion its version
 * @param createdAt when the artefact was made (UTC, ISO-8601)
 * @param seed the run seed
 * @param configSha256 sha256 of the resolved config text
 * @param inputs sha256 (or size/mtime fingerprint for directories) of each input file, by path
 * @param platform java version, OS and architecture, processors
 * @param libraries versions of the main libraries
 */
public record Provenance(
    String tool, String toolVersion, String createdAt, long seed, String configSha256,
    Map<String, String> inputs, Map<String, String> platform, Map<String, String> libraries) {

  public Provenance {
    inputs = Map.copyOf(inputs);
    platform = Map.copyOf(platform);
    libraries = Map.copyOf(libraries);
  }

  /** Provenance for a run now, on this machine. */
  public static Provenance capture(long seed, String resolvedConfig, Map<String, String> inputs,
      Map<String, String> libraries) {
    Map<String, String> platform = new TreeMap<>();
    platform.put("java", System.getProperty("java.version"));
    platform.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    platform.put("arch", System.getProperty("os.arch"));
    platform.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return new Provenance("synthehr", currentVersion(), Instant.now().toString(), seed,
        sha256(resolvedConfig), inputs, platform, libraries);
  }

  /** The toolkit version, from the build. */
  public static String currentVersion() {
    try (InputStream in = Provenance.class.getResourceAsStream("/org/synthehr/core/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** sha256 of a text, hex. */
  public static String sha256(String text) {
    return HexFormat.of().formatHex(digest().digest(text.getBytes(
        java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** sha256 of a file's bytes, hex, streamed. */
  public static String sha256(Path file) {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** A fingerprint of an input path: sha256 for a file, sizes and names for a directory. */
  public static String fingerprint(Path path) {
    if (Files.isRegularFile(path)) {
      return "sha256:" + sha256(path);
    }
    try (var files = Files.walk(path)) {
      StringBuilder sb = new StringBuilder();
      files.filter(Files::isRegularFile).sorted().forEach(f -> {
        try {
          sb.append(path.relativize(f)).append(':').append(Files.size(f)).append('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return "listing-sha256:" + sha256(sb.toString());
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
