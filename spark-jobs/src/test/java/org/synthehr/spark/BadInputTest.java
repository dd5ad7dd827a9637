package org.synthehr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.ExitCodes;

/**
 * Each kind of bad input, through the real command line: a clear one-paragraph error naming what is
 * wrong and how to fix it, a non-zero exit, no stack trace, and no output left behind.
 */
class BadInputTest {
  @TempDir
  Path tmp;

  private Path file(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private Path config(String inputPath, String extra) throws IOException {
    return file("job.yaml", "seed: 1\ninput:\n  path: " + inputPath + "\n" + extra
        + "output:\n  dir: " + tmp.resolve("out") + "\nspark:\n  master: local[2]\n");
  }

  /** Runs pipeline and checks the common promises; returns the error text. */
  private String fails(int exit, Path config, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("pipeline", config.toString()));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(exit, run.exitCode(), run.err());
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"),
        "no stack trace or exception names for a user mistake:\n" + run.err());
    assertTrue(run.err().contains("synth pipeline: "), run.err());
    try (Stream<Path> files = Files.list(tmp)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertFalse(names.stream().anyMatch(n -> n.equals("out") || n.startsWith(".out")),
          "no partial output: " + names);
    }
    return run.err();
  }

  private static final String CSV = "id,age,sex,label\n1,40,F,yes\n2,50,M,no\n3,61,F,no\n"
      + "4,33,M,yes\n5,45,F,no\n6,70,M,yes\n7,52,F,no\n8,38,M,no\n9,66,F,yes\n10,59,M,no\n"
      + "11,41,F,no\n12,48,M,yes\n";

  @Test
  void missingFile() throws IOException {
    String err = fails(ExitCodes.BAD_INPUT, config(tmp.resolve("nope.csv").toString(), ""));
    assertTrue(err.contains("nope.csv: does not exist. Fix: check input.path"), err);
  }

  @Test
  void emptyFile() throws IOException {
    String err = fails(ExitCodes.BAD_INPUT, config(file("e.csv", "").toString(), ""));
    assertTrue(err.contains("e.csv: the file is empty"), err);
  }

  @Test
  void headerOnly() throws IOException {
    String err = fails(ExitCodes.BAD_INPUT, config(file("h.csv", "a,b,c\n").toString(), ""));
    assertTrue(err.contains("h.csv: the file has a header but no data rows"), err);
  }

  @Test
  void raggedRows() throws IOException {
    String err = fails(ExitCodes.BAD_INPUT, config(file("r.csv",
        CSV + "13,44,F\n14,51,M,no,extra\n").toString(), ""));
    assertTrue(err.contains("r.csv, row 13: 2 row(s) (13, 14) do not have the 4 fields the header"
        + " has"), err);
  }

  @Test
  void schemaNamingAMissingColumn() throws IOException {
    Path schema = file("s.yaml", "columns:\n  - {name: agee, kind: integer}\n");
    String err = fails(ExitCodes.BAD_INPUT, config(file("d.csv", CSV).toString(),
        "  schema: " + schema + "\n"));
    assertTrue(err.contains("s.yaml, column 'agee': the schema names a column that is not in"), err);
    assertTrue(err.contains("columns found: age, id, label, sex"), err);
  }

  @Test
  void labelWithOneClass() throws IOException {
    String csv = CSV.replace(",no\n", ",yes\n");
    String err = fails(ExitCodes.BAD_INPUT, config(file("d.csv", csv).toString(),
        "  label: label\n"));
    assertTrue(err.contains("column 'label': the label has only one class ('yes')"), err);
  }

  @Test
  void allMissingColumn() throws IOException {
    String csv = CSV.replaceAll(",(F|M),", ",?,");
    String err = fails(ExitCodes.BAD_INPUT, config(file("d.csv", csv).toString(),
        "  missing_values: ['?']\n"));
    assertTrue(err.contains("column 'sex': every one of its 12 values is missing"), err);
  }

  @Test
  void severalProblemsAreReportedTogether() throws IOException {
    Path schema = file("s.yaml", "columns:\n  - {name: agee, kind: integer}\n");
    String csv = CSV.replaceAll(",(F|M),", ",?,").replace(",no\n", ",yes\n");
    String err = fails(ExitCodes.BAD_INPUT, config(file("d.csv", csv).toString(),
        "  schema: " + schema + "\n  missing_values: ['?']\n  label: label\n"));
    assertTrue(err.contains("3 problems with the input"), err);
  }

  @Test
  void configWithAnUnknownKey() throws IOException {
    String err = fails(ExitCodes.USAGE, config(file("d.csv", CSV).toString(), ""),
        "--set", "model.epoch=5");
    assertTrue(err.contains("unknown key 'model.epoch'") && err.contains("epochs"), err);
  }

  @Test
  void configWithAWrongType() throws IOException {
    String err = fails(ExitCodes.USAGE, config(file("d.csv", CSV).toString(), ""),
        "--set", "model.epochs=many");
    assertTrue(err.contains("key 'model.epochs' expects a whole number, got 'many'"), err);
  }

  @Test
  void unknownModelKindAndOption() throws IOException {
    String kind = fails(ExitCodes.USAGE, config(file("d.csv", CSV).toString(), ""),
        "--set", "model.kind=gpt");
    assertTrue(kind.contains("model.kind 'gpt' is not a model kind. Valid kinds: copula"), kind);
    String option = fails(ExitCodes.USAGE, config(file("d.csv", CSV).toString(), ""),
        "--set", "model.options.quantile=8");
    assertTrue(option.contains("unknown key 'model.options.quantile'"), option);
  }

  @Test
  void existingOutputDirectoryIsNotOverwritten() throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "precious");
    CliRun run = CliRun.of("pipeline", config(file("d.csv", CSV).toString(), "").toString());
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("already exists and was left untouched")
        && run.err().contains("--overwrite"), run.err());
    assertEquals("precious", Files.readString(out.resolve("keep.txt")));
  }

  @Test
  void usageErrorsAndHelp() {
    CliRun noArgs = CliRun.of("pipeline");
    assertEquals(ExitCodes.USAGE, noArgs.exitCode());
    assertTrue(noArgs.err().contains("Missing required parameter: 'CONFIG'"), noArgs.err());
    for (String cmd : List.of("validate", "train", "sample", "evaluate", "pipeline")) {
      CliRun help = CliRun.of(cmd, "--help");
      assertEquals(0, help.exitCode(), cmd);
      assertTrue(help.out().contains("Usage: synth " + cmd), help.out());
      assertTrue(help.out().contains("--set=KEY=VALUE"), help.out());
    }
    CliRun top = CliRun.of("--help");
    assertTrue(top.out().contains("pipeline") && top.out().contains("Exit codes"), top.out());
  }
}
