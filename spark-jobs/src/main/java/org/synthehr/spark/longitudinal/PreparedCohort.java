package org.synthehr.spark.longitudinal;

import java.io.Serial;
import java.util.Map;
import java.util.TreeMap;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortReader;
import org.synthehr.core.longitudinal.CohortSplit;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.training.TrajectoryTrainingTask;

/**
 * The cohort of a longitudinal run: read from its input files onto the grid, split by patient and
 * the training side subsampled. Every step is deterministic in the run's seed, so the driver (which
 * needs the holdout and the training patients for evaluation) and the training task (which reads
 * the files itself rather than receive the cohort from the driver's memory) get the same patients.
 *
 * @param read the cohort as read, with what reading found
 * @param split training and holdout patients
 * @param train the training patients used (at most {@code split.max_train_patients})
 */
record PreparedCohort(CohortReader.Result read, CohortSplit split, Cohort train) {

  /**
   * Reads and splits the cohort.
   *
   * @param locations the qualified input locations ({@link CohortFiles#locate})
   */
  static PreparedCohort read(FileStore store, LongitudinalJobConfig config,
      Map<String, String> locations) {
    CohortReader.Result read;
    try (CohortFiles files = CohortFiles.open(store, config.input(), locations)) {
      try {
        read = CohortReader.read(files.input(), config.grid());
      } catch (InvalidInputException e) {
        throw files.named(e);
      }
    }
    Seeds seeds = config.seeds();
    CohortSplit split = CohortSplit.byPatient(read.cohort(), config.split().holdoutFraction(),
        seeds.seed("split"));
    Cohort train = CohortSplit.atMost(split.training(), config.split().maxTrainPatients(),
        seeds.seed("train.subsample"));
    return new PreparedCohort(read, split, train);
  }

  /** Fails unless there are enough patients on both sides to train and evaluate. */
  void requireEnough() {
    if (train.size() < 10 || split.holdout().size() < 5) {
      throw new InvalidInputException(Problem.ofInput("input", "only " + train.size()
          + " training and " + split.holdout().size() + " holdout patients",
          "use a cohort of at least a few dozen patients or change split.holdout_fraction"));
    }
  }

  /**
   * The training of a run as its Spark task gets it: the resolved config and the qualified input
   * locations, from which the task reads its training patients itself.
   */
  static final class Plan implements TrajectoryTrainingTask.Plan {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String resolvedYaml;
    private final TreeMap<String, String> locations;
    private transient LongitudinalJobConfig config;

    /**
     * @param resolvedYaml the run's resolved config
     * @param locations the qualified input locations ({@link CohortFiles#locate}, on the driver)
     */
    Plan(String resolvedYaml, TreeMap<String, String> locations) {
      this.resolvedYaml = resolvedYaml;
      this.locations = locations;
    }

    private LongitudinalJobConfig config() {
      if (config == null) {
        config = LongitudinalConfigLoader.fromResolved(resolvedYaml);
      }
      return config;
    }

    @Override
    public ModelConfig model() {
      return config().model();
    }

    @Override
    public Seeds trainingSeeds() {
      return config().seeds().child("train");
    }

    @Override
    public Cohort trainingCohort(FileStore store) {
      return read(store, config(), locations).train();
    }
  }
}
