package org.synthehr.spark.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.io.FileTrees;
import org.synthehr.core.testing.TestData;
import org.synthehr.spark.CliRun;

/**
 * {@code synth pipeline --resume} through the real command line on the shipped sample: a failure
 * after training keeps the model and the stage records, a resume finishes without retraining and
 * writes the same report as an uninterrupted run, and a resume that does not match is refused.
 */
class PipelineResumeTest {
  @TempDir
  static Path shared;
  static Path config;
  static JsonNode uninterrupted;

  /** The output.dir of the runs compared: the same everywhere, as it is part of the config. */
  static Path out;
  static Path partial;

  @BeforeAll
  static void uninterruptedRun() throws IOException {
    config = ResumeFixture.config(shared, null);
    out = shared.resolve("run");
    partial = shared.resolve("run.partial");
    CliRun run = CliRun.of("pipeline", config.toString(), "--set", "output.dir=" + out);
    System.out.println("uninterrupted run:\n" + run.err()); // in the surefire report
    assertEquals(0, run.exitCode(), run.err());
    uninterrupted = ResumeFixture.comparable(out);
    FileTrees.deleteRecursively(out);
  }

  @AfterEach
  void clean() {
    FileTrees.deleteRecursively(out);
    FileTrees.deleteRecursively(partial);
  }

  static void assertSameReport(Path out) {
    JsonNode resumed = ResumeFixture.comparable(out);
    assertEquals(uninterrupted, resumed, String.join("\n",
        ResumeFixture.differences(uninterrupted, resumed)));
  }

  @Test
  void evaluationFailureKeepsTheModelAndResumeFinishesWithoutRetraining() throws IOException {
    // A real mistake that only shows when evaluation runs: a label value the data never has.
    CliRun failed = CliRun.of("pipeline", config.toString(), "--set", "output.dir=" + out,
        "--set", "evaluate.utility.positive=[\"<31\"]");
    System.out.println("failed run:\n" + failed.err());
    assertEquals(ExitCodes.USAGE, failed.exitCode(), failed.err());
    String err = failed.err();
    assertTrue(err.contains("synth pipeline: evaluate.utility.positive lists <31"), err);
    assertTrue(err.contains("The finished work was kept in " + partial), err);
    assertTrue(err.contains("stages done: prepare, train, sample"), err);
    assertTrue(err.contains("--resume"), err);
    assertFalse(err.contains("\tat "), err);
    assertFalse(Files.exists(out), "no output until everything succeeded");
    assertTrue(Files.isRegularFile(partial.resolve("model/manifest.json")));
    assertTrue(Files.isRegularFile(partial.resolve("synthetic/_SUCCESS")));
    assertEquals("completed", ResumeFixture.status(partial, "train"));
    assertEquals("completed", ResumeFixture.status(partial, "sample"));
    assertEquals("failed", ResumeFixture.status(partial, "evaluate"));
    Map<String, String> model = ResumeFixture.modelFiles(partial.resolve("model"));

    // Without --resume the kept run is in the way: the message gives both ways out.
    CliRun blocked = CliRun.of("pipeline", config.toString(), "--set", "output.dir=" + out);
    assertEquals(ExitCodes.USAGE, blocked.exitCode(), blocked.err());
    assertTrue(blocked.err().contains(partial + " holds an unfinished run"), blocked.err());
    assertTrue(blocked.err().contains("--resume") && blocked.err().contains("--overwrite"),
        blocked.err());

    // Fixed (the config's own label value): the resume evaluates the kept samples.
    CliRun resumed = CliRun.of("pipeline", config.toString(), "--set", "output.dir=" + out,
        "--resume");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("train copula: skipped"), resumed.err());
    assertTrue(resumed.err().contains("sample 600 rows: skipped"), resumed.err());
    assertFalse(resumed.err().contains("[3/6] train copula\n"), resumed.err());
    assertFalse(Files.exists(partial), "the in-progress directory became the output");
    assertEquals(model, ResumeFixture.modelFiles(out.resolve("model")), "model not retrained");
    for (String bookkeeping : new String[] {"stages.json", "evaluation.json", "error.log",
        ".lock"}) {
      assertFalse(Files.exists(out.resolve(bookkeeping)), bookkeeping);
    }
    assertSameReport(out);
  }

  @Test
  void internalErrorIsOneParagraphAndAResumeWithAnotherConfigIsRefused(@TempDir Path tmp)
      throws IOException {
    Path input = tmp.resolve("input.csv");
    Files.copy(TestData.repoRoot().resolve("data/diabetes130-sample.csv"), input);
    Path cfg = ResumeFixture.config(tmp, input);
    Path out = tmp.resolve("other");
    Path partial = tmp.resolve("other.partial");
    System.setProperty("synthehr.test.fail-at-stage", "evaluate");
    CliRun failed;
    try {
      failed = CliRun.of("pipeline", cfg.toString(), "--set", "output.dir=" + out);
    } finally {
      System.clearProperty("synthehr.test.fail-at-stage");
    }
    System.out.println("failed run:\n" + failed.err());
    assertEquals(ExitCodes.INTERNAL, failed.exitCode(), failed.err());
    String err = failed.err();
    String paragraph = err.substring(err.indexOf("synth pipeline: "));
    assertEquals(1, paragraph.strip().lines().count(), "one paragraph:\n" + err);
    assertTrue(paragraph.startsWith("synth pipeline: internal error in the evaluate stage"), err);
    assertTrue(paragraph.contains("The full trace is in " + partial.resolve("error.log")), err);
    assertTrue(paragraph.contains("kept in " + partial), err);
    assertTrue(paragraph.contains(" --resume"), err);
    assertFalse(err.contains("\tat "), "no stack trace on the terminal:\n" + err);
    String trace = Files.readString(partial.resolve("error.log"));
    assertTrue(trace.contains("IllegalStateException") && trace.contains("\tat "), trace);

    CliRun seed = CliRun.of("pipeline", cfg.toString(), "--set", "output.dir=" + out,
        "--set", "seed=7", "--resume");
    assertEquals(ExitCodes.USAGE, seed.exitCode(), seed.err());
    assertTrue(seed.err().contains("cannot resume the unfinished run in " + partial), seed.err());
    assertTrue(seed.err().contains("(changed: seed)"), seed.err());

    CliRun split = CliRun.of("pipeline", cfg.toString(), "--set", "output.dir=" + out,
        "--set", "split.holdout_fraction=0.3", "--resume");
    assertEquals(ExitCodes.USAGE, split.exitCode(), split.err());
    assertTrue(split.err().contains("(changed: split.holdout_fraction)"), split.err());

    Files.writeString(input, Files.readString(input).replaceFirst("\n[^\n]*\n", "\n"));
    CliRun data = CliRun.of("pipeline", cfg.toString(), "--set", "output.dir=" + out,
        "--resume");
    assertEquals(ExitCodes.USAGE, data.exitCode(), data.err());
    assertTrue(data.err().contains("(changed: the contents of input.path)"), data.err());
    assertFalse(data.err().contains("\tat "), data.err());
    assertEquals("completed", ResumeFixture.status(partial, "train"), "refusals keep the run");

    // --overwrite starts over: the kept run is deleted; a bug before training keeps nothing and
    // leaves its trace beside the output.
    System.setProperty("synthehr.test.fail-at-stage", "train");
    CliRun over;
    try {
      over = CliRun.of("pipeline", cfg.toString(), "--set", "output.dir=" + out, "--overwrite");
    } finally {
      System.clearProperty("synthehr.test.fail-at-stage");
    }
    assertEquals(ExitCodes.INTERNAL, over.exitCode(), over.err());
    assertTrue(over.err().contains("deleting the unfinished run in " + partial), over.err());
    assertTrue(over.err().contains("internal error in the train stage"), over.err());
    assertTrue(over.err().contains("Nothing was kept"), over.err());
    assertTrue(over.err().contains("The full trace is in " + tmp.resolve("other.error.log")),
        over.err());
    assertFalse(Files.exists(partial) || Files.exists(out), "nothing half-made is left");
  }

  @Test
  void killedDuringEvaluationResumesWithTheSameReportWithoutRetraining() throws Exception {
    Path log = shared.resolve("killed-run.log");
    Process child = ChildJvm.synth(log, "pipeline", config.toString(), "--set",
        "output.dir=" + out);
    try {
      long deadline = System.nanoTime() + 90_000_000_000L;
      while (!(ResumeFixture.status(partial, "train").equals("completed")
          && ResumeFixture.status(partial, "evaluate").equals("started"))) {
        assertTrue(child.isAlive(), "the run ended before evaluation could be interrupted:\n"
            + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "no evaluation in 90 s:\n" + Files.readString(log));
        Thread.sleep(20);
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean-up of any kind
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    System.out.println("killed run:\n" + Files.readString(log)); // in the surefire report
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    assertFalse(Files.exists(out), "a killed run never looks finished");
    assertEquals("completed", ResumeFixture.status(partial, "sample"));
    Map<String, String> model = ResumeFixture.modelFiles(partial.resolve("model"));

    CliRun resumed = CliRun.of("pipeline", config.toString(), "--set", "output.dir=" + out,
        "--resume");
    System.out.println("resumed run:\n" + resumed.err());
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("Resuming the unfinished run in " + partial
        + " (stages done: prepare, train, sample)"), resumed.err());
    assertTrue(resumed.err().contains("train copula: skipped"), resumed.err());
    assertTrue(resumed.err().contains("sample 600 rows: skipped"), resumed.err());
    assertEquals(model, ResumeFixture.modelFiles(out.resolve("model")), "model not retrained");
    assertSameReport(out);
  }

  @Test
  void aRunStillWritingItsDirectoryIsNotDisturbed(@TempDir Path tmp) throws IOException {
    Path busy = tmp.resolve("busy.partial");
    Files.createDirectories(busy);
    Files.writeString(busy.resolve("stages.json"), "{}");
    try (FileChannel ch = FileChannel.open(busy.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = ch.lock()) {
      for (String mode : new String[] {"--overwrite", "--resume"}) {
        CliRun run = CliRun.of("pipeline", config.toString(), "--set",
            "output.dir=" + tmp.resolve("busy"), mode);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains(busy + " is being written by another synth run"),
            run.err());
      }
      assertTrue(held.isValid());
    }
    assertEquals("{}", Files.readString(busy.resolve("stages.json")), "left untouched");
  }
}
