package org.synthehr.generator.deep;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.generator.EpochStats;
import org.synthehr.generator.TrainingContext;

/**
 * The epoch loop every deep model shares: per-epoch random streams derived from the run seed,
 * progress (losses, rows/s, ETA) to the context's listener, a loss history, checkpoints every N
 * epochs and resume from the newest one. A model supplies an {@link EpochTrainer} and nothing else.
 */
public final class TrainingLoop {
  /** The seed stream of epoch e is {@code seeds.blockSeed(EPOCH_STREAM, e)}. */
  public static final String EPOCH_STREAM = "epoch";

  private TrainingLoop() {}

  /**
   * What to run.
   *
   * @param kind model kind (recorded in checkpoints)
   * @param epochs total epochs
   * @param checkpointEvery write a checkpoint every N epochs (0 = never)
   * @param fingerprint identifies config, codec and data: a checkpoint with another one is refused
   */
  public record Plan(String kind, int epochs, int checkpointEvery, String fingerprint) {}

  /**
   * Trains to the planned number of epochs, resuming from the newest checkpoint when the context
   * asks for it.
   *
   * @return the loss history of all epochs (including those before a resume)
   */
  public static LossHistory run(EpochTrainer trainer, Plan plan, TrainingContext context) {
    CheckpointStore store = context.checkpointDir() == null ? null
        : new CheckpointStore(context.checkpointDir());
    LossHistory history = LossHistory.empty();
    int start = 1;
    if (context.resume() && store != null) {
      Optional<CheckpointStore.Found> found = store.latest();
      if (found.isPresent()) {
        CheckpointStore.Info info = found.get().info();
        if (!info.kind().equals(plan.kind()) || !info.fingerprint().equals(plan.fingerprint())) {
          throw new InvalidInputException(Problem.ofInput(found.get().dir().toString(),
              "is a checkpoint of another " + (info.kind().equals(plan.kind()) ? "config or"
                  + " training data" : "model kind (" + info.kind() + ")")
                  + " than this run, so training cannot resume from it",
              "run with the config and data of the interrupted run, or without --resume (delete "
                  + store.dir() + " to discard the checkpoints)"));
        }
        found.get().restore(trainer);
        history = found.get().history();
        start = info.epoch() + 1;
        context.listener().message(String.format(Locale.ROOT,
            "%s: resuming from the checkpoint after epoch %d of %d (%s)", plan.kind(),
            info.epoch(), plan.epochs(), found.get().dir()));
      } else {
        context.listener().message(plan.kind() + ": no checkpoint in " + store.dir()
            + "; training from the start");
      }
    }
    long began = System.nanoTime();
    int done = 0;
    for (int epoch = start; epoch <= plan.epochs(); epoch++) {
      if (trainer.finished()) {
        context.listener().message(String.format(Locale.ROOT, "%s: training stopped before epoch"
            + " %d of %d: the privacy budget is spent", plan.kind(), epoch, plan.epochs()));
        break;
      }
      long t0 = System.nanoTime();
      SplittableRandom random = new SplittableRandom(
          context.seeds().blockSeed(EPOCH_STREAM, epoch));
      Map<String, Double> losses = trainer.runEpoch(epoch, random);
      for (Map.Entry<String, Double> e : losses.entrySet()) {
        if (!Double.isFinite(e.getValue())) {
          throw new InvalidConfigException(String.format(Locale.ROOT, "%s training diverged at"
              + " epoch %d: the %s loss is %s. Lower the learning rates in model.options or the"
              + " batch size, or check the data for extreme values.", plan.kind(), epoch,
              e.getKey(), e.getValue()));
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double rowsPerSecond = trainer.rowsPerEpoch() / Math.max(seconds, 1e-9);
      history = history.with(new LossHistory.Epoch(epoch, losses, seconds, rowsPerSecond));
      done++;
      double elapsed = (System.nanoTime() - began) / 1e9;
      double eta = elapsed / done * (plan.epochs() - epoch);
      context.listener().epoch(new EpochStats(epoch, plan.epochs(), losses, rowsPerSecond, elapsed,
          eta));
      if (store != null && plan.checkpointEvery() > 0 && epoch % plan.checkpointEvery() == 0) {
        store.write(new CheckpointStore.Info(plan.kind(), epoch, plan.fingerprint()), trainer,
            history);
        context.listener().message(plan.kind() + ": checkpoint after epoch " + epoch + " in "
            + store.dir());
        context.listener().checkpointSaved(store.dir());
      }
    }
    String profile = trainer.profile();
    if (profile != null && done > 0) {
      context.listener().message(plan.kind() + ": " + profile);
    }
    return history;
  }
}
