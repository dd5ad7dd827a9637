package org.synthehr.spark.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.synthehr.spark.fs.FileStore;

/**
 * {@code stages.json} of an in-progress run: the fingerprint the run's work depends on and, per
 * stage, whether it started, completed or failed, with the few figures a resumed run needs
 * (row counts, copies removed). A stage is recorded completed only after its outputs are complete,
 * and each update replaces the file atomically ({@link FileStore#write}: written beside it,
 * synced, renamed), so a
 * run killed at any instant leaves either the old record or the new one, never a torn one.
 */
final class StageLog {
  static final String FILE = "stages.json";
  static final String STARTED = "started";
  static final String COMPLETED = "completed";
  static final String FAILED = "failed";

  /**
   * One stage's record.
   *
   * @param status started, completed or failed
   * @param at when the status was recorded (UTC)
   * @param facts figures the later stages need when this one is skipped
   * @param error what failed (failed stages only)
   */
  record Stage(String status, String at, Map<String, Object> facts, String error) {}

  /**
   * The file's content.
   *
   * @param format version of this layout
   * @param upstream see {@link RunFingerprint#upstream()}
   * @param evaluation see {@link RunFingerprint#evaluation()}
   * @param stages by name
   */
  record State(int format, Map<String, String> upstream, Map<String, String> evaluation,
      Map<String, Stage> stages) {}

  private final FileStore store;
  private final Path file;
  private State state;

  private StageLog(FileStore store, Path file, State state) {
    this.store = store;
    this.file = file;
    this.state = state;
  }

  /** A new log for a run with this fingerprint, written now. */
  static StageLog create(FileStore store, Path dir, RunFingerprint fingerprint) {
    StageLog log = new StageLog(store, new Path(dir, FILE), new State(1, fingerprint.upstream(),
        fingerprint.evaluation(), Map.of()));
    log.save();
    return log;
  }

  /** The log of a kept run, or null when the directory has none (it never got past its start). */
  static StageLog read(FileStore store, Path dir) {
    Path file = new Path(dir, FILE);
    return store.isFile(file) ? new StageLog(store, file, store.readJson(file, State.class))
        : null;
  }

  State state() {
    return state;
  }

  boolean completed(String stage) {
    Stage s = state.stages().get(stage);
    return s != null && COMPLETED.equals(s.status());
  }

  /** The facts recorded when the stage completed (empty if none). */
  Map<String, Object> facts(String stage) {
    Stage s = state.stages().get(stage);
    return s == null || s.facts() == null ? Map.of() : s.facts();
  }

  /** The completed stages among these, in the given order. */
  List<String> completedOf(List<String> order) {
    return order.stream().filter(this::completed).toList();
  }

  void mark(String stage, String status, Map<String, Object> facts, String error) {
    Map<String, Stage> stages = new LinkedHashMap<>(state.stages());
    stages.put(stage, new Stage(status, Instant.now().toString(), Map.copyOf(facts), error));
    state = new State(state.format(), state.upstream(), state.evaluation(), stages);
    save();
  }

  /** Forgets these stages (their outputs are redone) and records the new evaluation settings. */
  void reset(List<String> stages, Map<String, String> evaluation) {
    Map<String, Stage> kept = new LinkedHashMap<>(state.stages());
    stages.forEach(kept::remove);
    state = new State(state.format(), state.upstream(), evaluation, kept);
    save();
  }

  private void save() {
    store.writeJson(file, state);
  }
}
