package org.synthehr.spark.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.error.OutputExistsException;
import org.synthehr.core.error.RunFailedException;
import org.synthehr.core.error.SynthException;
import org.synthehr.core.error.UnfinishedRunException;
import org.synthehr.spark.fs.AtomicDir;
import org.synthehr.spark.fs.FileStore;

/**
 * The in-progress directory of a pipeline run, {@code <output.dir>.partial}: where every stage
 * writes, with {@code stages.json} ({@link StageLog}) recording which stages completed. It becomes
 * {@code output.dir} in one rename when the last stage is done, so a directory named as the output
 * is always a finished run. When a run fails after its model was trained, the directory is kept
 * (training is the expensive part) and {@code --resume} continues from the last completed stage;
 * a failure before that deletes it as before, since nothing of value was made (training
 * checkpoints, if any, live beside the output; see {@link Checkpoints}).
 */
final class PartialRun implements AutoCloseable {
  /** The stages, in order; "prepare" is validate and split. */
  static final List<String> STAGES = List.of("prepare", "train", "sample", "evaluate", "report");
  /** The stages redone when only the evaluation settings changed. */
  static final List<String> EVALUATION_STAGES = List.of("evaluate", "report");
  /** Test hook: the stage at whose start to throw an unexpected exception (a simulated bug). */
  static final String FAIL_AT_PROPERTY = "synthehr.test.fail-at-stage";
  static final String ERROR_LOG = "error.log";
  /** The report before the release policy is applied (the evaluate stage's output). */
  static final String EVALUATION = "evaluation.json";

  private final FileStore store;
  private final Path target;
  private final AtomicDir out;
  private final RunLock lock;
  private final StageLog log;
  private final String command;
  private final boolean resumed;
  private String current = "prepare";

  private PartialRun(FileStore store, Path target, AtomicDir out, RunLock lock, StageLog log,
      String command, boolean resumed) {
    this.store = store;
    this.target = target;
    this.out = out;
    this.lock = lock;
    this.log = log;
    this.command = command;
    this.resumed = resumed;
  }

  /** The in-progress directory of an output. */
  static Path dirFor(Path output) {
    return FileStore.sibling(output, "", ".partial");
  }

  /**
   * Starts a run, or continues the kept one when {@code resume} is set and its fingerprint matches.
   *
   * @param command the command line that repeats this run, for messages ({@code --resume} added)
   * @throws UnfinishedRunException when a kept run is in the way or does not match
   */
  static PartialRun open(FileStore store, Path target, boolean overwrite, boolean resume,
      RunFingerprint fingerprint, String command, Console console) {
    Path dir = dirFor(target);
    if (store.exists(target) && !overwrite) {
      throw new OutputExistsException(FileStore.display(target));
    }
    boolean existed = store.isDirectory(dir);
    RunLock lock = RunLock.acquire(store, dir);
    try {
      return open(store, target, dir, existed, lock, overwrite, resume, fingerprint, command,
          console);
    } catch (RuntimeException | Error e) {
      lock.close();
      if (!existed) {
        store.delete(dir);
      }
      throw e;
    }
  }

  private static PartialRun open(FileStore store, Path target, Path dir, boolean existed,
      RunLock lock, boolean overwrite, boolean resume, RunFingerprint fingerprint,
      String command, Console console) {
    StageLog kept = StageLog.read(store, dir);
    if (existed && !resume) {
      if (!overwrite) {
        throw new UnfinishedRunException(FileStore.display(dir) + " holds an unfinished run of this output (stages"
            + " done: " + done(kept) + "), left by a run that failed or was killed. Fix: continue"
            + " it with: " + command + " --resume, or start over with --overwrite (which deletes"
            + " it).");
      }
      console.detail("--overwrite: deleting the unfinished run in " + FileStore.display(dir));
      kept = null;
    }
    if (kept == null) {
      // Also a directory without stages.json: its run died before recording anything.
      clearExceptLock(store, dir);
      if (resume) {
        console.detail("--resume: no unfinished run in " + FileStore.display(dir)
            + "; starting one" + (nonEmpty(store, Checkpoints.dirFor(target))
            ? " (training continues from the kept checkpoints)" : ""));
      }
      return new PartialRun(store, target, AtomicDir.inDirectory(store, target, dir, overwrite),
          lock, StageLog.create(store, dir, fingerprint), command, false);
    }
    List<String> changed = RunFingerprint.changed(kept.state().upstream(), fingerprint.upstream());
    if (!changed.isEmpty()) {
      throw new UnfinishedRunException("cannot resume the unfinished run in "
          + FileStore.display(dir) + ": it was"
          + " made with a different config or input (changed: " + String.join(", ", changed)
          + "), so its kept work does not belong to this run. Fix: resume with the config it was"
          + " made with (see its config.resolved.yaml), or start over with --overwrite instead of"
          + " --resume.");
    }
    AtomicDir out = AtomicDir.inDirectory(store, target, dir, overwrite);
    List<String> evaluation = RunFingerprint.changed(kept.state().evaluation(),
        fingerprint.evaluation());
    if (!evaluation.isEmpty()) {
      console.detail("evaluation settings changed since the unfinished run ("
          + String.join(", ", evaluation) + "): the evaluation will be redone");
      kept.reset(EVALUATION_STAGES, fingerprint.evaluation());
    }
    console.line("Resuming the unfinished run in " + FileStore.display(dir) + " (stages done: "
        + done(kept) + ")");
    return new PartialRun(store, target, out, lock, kept, command, true);
  }

  private static void clearExceptLock(FileStore store, Path dir) {
    for (Path f : store.list(dir)) {
      if (!f.getName().equals(RunLock.FILE)) {
        store.delete(f);
      }
    }
  }

  Path dir() {
    return out.dir();
  }

  Path target() {
    return target;
  }

  FileStore store() {
    return store;
  }

  boolean resumed() {
    return resumed;
  }

  /** Whether the stage completed in this run or in the run it continues. */
  boolean completed(String stage) {
    return log.completed(stage);
  }

  Map<String, Object> facts(String stage) {
    return log.facts(stage);
  }

  /** Records that a stage starts (the test hook may fail it here, as a bug would). */
  void begin(String stage) {
    current = stage;
    log.mark(stage, StageLog.STARTED, Map.of(), null);
    if (stage.equals(System.getProperty(FAIL_AT_PROPERTY))) {
      throw new IllegalStateException("failure injected at the start of the " + stage
          + " stage (" + FAIL_AT_PROPERTY + ")");
    }
  }

  /** Records that a stage completed; call only once its outputs are complete on disk. */
  void complete(String stage, Map<String, Object> facts) {
    log.mark(stage, StageLog.COMPLETED, facts, null);
  }

  /** Removes the bookkeeping and moves the directory into place as the output. */
  Path commit() {
    lock.close(); // the lock file goes with the bookkeeping; the rename below is the last step
    for (String f : List.of(StageLog.FILE, ERROR_LOG, EVALUATION, RunLock.FILE)) {
      store.delete(new Path(dir(), f));
    }
    out.commit();
    return target;
  }

  /**
   * What to throw for a failure: the work worth keeping is kept, a bug's trace goes to a file, and
   * the message is one paragraph saying what failed, in which stage, what was kept and the command
   * that continues. A user error before training is returned as it is (nothing was kept).
   */
  RuntimeException failed(Throwable e) {
    SynthException user = userError(e);
    boolean keep = log.completed("train");
    Path trace = null;
    if (keep) {
      out.keepOnClose();
      try {
        log.mark(current, StageLog.FAILED, Map.of(), summary(e));
      } catch (RuntimeException ignored) {
        // The record is a convenience; the stages that completed are already recorded.
      }
    }
    if (user == null) {
      trace = keep ? new Path(dir(), ERROR_LOG) : FileStore.sibling(target, "", ".error.log");
      trace = writeTrace(trace, e);
    }
    String kept = keep ? "The finished work was kept in " + FileStore.display(dir())
        + " (stages done: "
        + done(log) + "; the trained model is in model/)" + checkpointsNote()
        + ". Once the cause is fixed, continue without retraining: " + command + " --resume (or"
        + " start over with --overwrite)." : checkpointsOnly();
    if (user != null) {
      if (kept.isEmpty()) {
        return e instanceof RuntimeException r ? r : new RuntimeException(e);
      }
      return new RunFailedException(user.getMessage() + " " + kept, user.exitCode(), e);
    }
    return new RunFailedException("internal error in the " + current + " stage (a bug; please"
        + " report it with the trace): " + summary(e) + ". " + (trace == null ? "The trace could"
        + " not be written." : "The full trace is in " + FileStore.display(trace) + ".") + " "
        + (kept.isEmpty() ? "Nothing was kept: the model had not been trained yet." : kept),
        ExitCodes.INTERNAL, e);
  }

  @Override
  public void close() {
    try {
      out.close();
    } finally {
      lock.close();
    }
  }

  private String checkpointsNote() {
    Path cp = Checkpoints.dirFor(target);
    return nonEmpty(store, cp) ? ", and training checkpoints in " + FileStore.display(cp) : "";
  }

  private String checkpointsOnly() {
    Path cp = Checkpoints.dirFor(target);
    return nonEmpty(store, cp) ? "Training checkpoints were kept in " + FileStore.display(cp)
        + ": once the cause is fixed,"
        + " continue training from the last one with: " + command + " --resume." : "";
  }

  private static boolean nonEmpty(FileStore store, Path dir) {
    try {
      return store.isDirectory(dir) && !store.list(dir).isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String done(StageLog log) {
    List<String> done = log == null ? List.of() : log.completedOf(STAGES);
    return done.isEmpty() ? "none" : String.join(", ", done);
  }

  /** "IllegalStateException: what it said" for the exception and, if different, its root cause. */
  static String summary(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = describe(e);
    return root == e ? text : text + " (caused by " + describe(root) + ")";
  }

  private static String describe(Throwable t) {
    String m = t.getMessage() == null ? "" : t.getMessage().strip().lines().findFirst().orElse("");
    if (m.length() > 300) {
      m = m.substring(0, 300) + "...";
    }
    return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
  }

  private Path writeTrace(Path file, Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    try {
      store.writeString(file, text.toString());
      return file;
    } catch (RuntimeException io) {
      return null;
    }
  }

  private static SynthException userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SynthException s) {
        return s;
      }
    }
    return null;
  }
}
