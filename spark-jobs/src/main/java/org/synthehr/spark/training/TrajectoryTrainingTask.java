package org.synthehr.spark.training;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.synthehr.core.io.Json;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.generator.longitudinal.TrajectoryKinds;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.HadoopConf;
import org.synthehr.spark.jobs.Console;

/**
 * The training of a longitudinal run's trajectory model, as the body of one Spark task (run it
 * with {@link TrainingStage#run}). The task reads its training cohort itself from the run's input
 * files on the shared filesystem ({@link Plan#trainingCohort}), so the cohort never passes from
 * the driver's memory to the task; trains on the device Spark gave it; and publishes the model,
 * with its provenance, to the run's filesystem, where the driver and the sampling tasks load it
 * from. Checkpoints go to the shared filesystem as they are written; a retried task (its executor
 * was lost) resumes from the last one.
 *
 * <p>The model is the same whichever executor trains it and however often it is retried: reading,
 * splitting and subsampling the cohort are deterministic in the run's seed, and so is training.
 */
public final class TrajectoryTrainingTask implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  /**
   * What to train on and how: shipped to the executor, where it is asked for the cohort. Kept
   * apart from the longitudinal config so that this package does not depend on it.
   */
  public interface Plan extends Serializable {
    /** The model to train (its device as configured). */
    ModelConfig model();

    /** The seeds of the training. */
    Seeds trainingSeeds();

    /** The training cohort, read from the run's input files through {@code store}. */
    Cohort trainingCohort(FileStore store);
  }

  private final Plan plan;
  private final String modelDir;
  private final String checkpointDir;
  private final boolean resume;
  private final String provenanceJson;
  private final boolean quiet;
  private final HadoopConf hadoop;

  /**
   * @param modelDir where the model goes (any filesystem; replaced)
   * @param checkpointDir the run's checkpoints on the shared filesystem
   * @param resume continue from the last checkpoint there (a retried task always does)
   * @param provenance written into the model directory as {@code provenance.json}
   * @param quiet print no progress
   */
  public TrajectoryTrainingTask(Plan plan, Path modelDir, Path checkpointDir, boolean resume,
      Provenance provenance, boolean quiet, HadoopConf hadoop) {
    this.plan = plan;
    this.modelDir = modelDir.toString();
    this.checkpointDir = checkpointDir.toString();
    this.resume = resume;
    this.provenanceJson = Json.toString(provenance);
    this.quiet = quiet;
    this.hadoop = hadoop;
  }

  /** Reads the cohort, trains, publishes the model and returns the seconds spent training. */
  public double run() throws IOException {
    Provenance provenance = Json.mapper().readValue(provenanceJson, Provenance.class);
    FileStore store = hadoop.store();
    Console console = quiet ? Console.silent() : Console.stderr();
    Cohort train = plan.trainingCohort(store);
    ModelConfig configured = plan.model();
    ModelConfig model = TrainingTask.onTaskDevice(configured);
    try (TaskWorkspace workspace = TaskWorkspace.open(store, checkpointDir, resume, console)) {
      long start = System.nanoTime();
      try (FittedTrajectorySynthesizer fitted = TrajectoryKinds.create(model).fit(train,
          workspace.context(plan.trainingSeeds(), console))) {
        double seconds = (System.nanoTime() - start) / 1e9;
        workspace.publish(fitted::save, provenance, modelDir);
        console.detail(String.format(Locale.ROOT, "trained on %,d patients in %s%s", train.size(),
            Console.duration(seconds), model.device().equals(configured.device()) ? ""
                : " on " + model.device()));
        return seconds;
      }
    }
  }
}
