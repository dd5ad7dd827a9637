package org.synthehr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.io.ParquetRowSource;
import org.synthehr.core.testing.TestData;

/**
 * Every path of a pipeline given as a URI ({@code file://}) goes through Hadoop's FileSystem and
 * gives the same run as plain paths: the same synthetic rows for the same seed, the output marked
 * complete with {@code _SUCCESS}.
 */
class PipelineUriTest {
  @Test
  void uriPathsGiveTheSameRunAsPlainPaths(@TempDir Path tmp) throws IOException {
    Path root = TestData.repoRoot();
    Path plain = tmp.resolve("plain");
    Path viaUri = tmp.resolve("uri");
    CliRun a = run(root.resolve("data/diabetes130-sample.csv").toString(),
        root.resolve("configs/diabetes130.schema.yaml").toString(), plain.toString());
    assertEquals(0, a.exitCode(), a.err());
    CliRun b = run(root.resolve("data/diabetes130-sample.csv").toUri().toString(),
        root.resolve("configs/diabetes130.schema.yaml").toUri().toString(),
        viaUri.toUri().toString());
    assertEquals(0, b.exitCode(), b.err());
    for (Path out : List.of(plain, viaUri)) {
      for (String f : List.of("_SUCCESS", "model/manifest.json", "report.json", "report.html",
          "synthetic/_SUCCESS")) {
        assertTrue(Files.exists(out.resolve(f)), out + "/" + f);
      }
    }
    assertEquals(rows(plain.resolve("synthetic")), rows(viaUri.resolve("synthetic")));
    assertTrue(b.err().contains("wrote " + viaUri), "paths are shown as a user typed them: "
        + b.err());
  }

  private static CliRun run(String input, String schema, String out) {
    return CliRun.of("pipeline", TestData.repoRoot().resolve("configs/diabetes130-sample.yaml")
        .toString(), "--set", "input.path=" + input, "--set", "input.schema=" + schema,
        "--set", "spark.master=local[2]", "--set", "sample.rows=600",
        "--set", "privacy.attacks.shadow_models=0", "--set", "output.dir=" + out);
  }

  private static List<String> rows(Path parquet) {
    List<String> out = new ArrayList<>();
    try (ParquetRowSource src = ParquetRowSource.open(parquet)) {
      String[] r;
      while ((r = src.next()) != null) {
        out.add(String.join("\u0001", r));
      }
    }
    return out;
  }
}
