package org.synthehr.spark.longitudinal;

import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.longitudinal.CohortInputConfig;
import org.synthehr.core.longitudinal.GridConfig;
import org.synthehr.core.longitudinal.omop.OmopConfig;
import org.synthehr.core.seed.Seeds;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.spark.config.OutputConfig;
import org.synthehr.spark.config.SparkConfig;

/**
 * A longitudinal job config ({@code kind: longitudinal}); every key and its default is in
 * {@code longitudinal-defaults.yaml}.
 *
 * @param kind always {@code longitudinal} (what routes a config to this job)
 * @param seed the run seed
 * @param input the cohort
 * @param grid the time grid
 * @param split train/holdout split by patient
 * @param model the trajectory model
 * @param sample synthetic patients to draw
 * @param omop how synthetic patients become OMOP-shaped tables
 * @param evaluate evaluation sizes and digital-twin settings
 * @param output the output directory
 * @param spark the Spark session
 */
public record LongitudinalJobConfig(String kind, long seed, CohortInputConfig input,
    GridConfig grid, Split split, ModelConfig model, Sample sample, OmopConfig omop,
    Evaluate evaluate, OutputConfig output, SparkConfig spark) {

  /** The value of {@code kind} that selects this job. */
  public static final String KIND = "longitudinal";

  public LongitudinalJobConfig {
    if (!KIND.equals(kind)) {
      throw new InvalidConfigException("kind must be '" + KIND + "' for a longitudinal config,"
          + " got '" + kind + "'.");
    }
    if (input == null) {
      throw new InvalidConfigException("input is required (the cohort's files and columns).");
    }
  }

  /** The run's seed streams. */
  public Seeds seeds() {
    return Seeds.of(seed);
  }

  /**
   * {@code split:} patients held out from training.
   *
   * @param holdoutFraction share of patients held out, in [0.05, 0.9]
   * @param maxTrainPatients at most this many training patients (seeded subsample)
   */
  public record Split(double holdoutFraction, int maxTrainPatients) {
    public Split {
      if (holdoutFraction < 0.05 || holdoutFraction > 0.9) {
        throw new InvalidConfigException("split.holdout_fraction must be between 0.05 and 0.9,"
            + " got " + holdoutFraction + ".");
      }
      if (maxTrainPatients < 10) {
        throw new InvalidConfigException("split.max_train_patients must be at least 10.");
      }
    }
  }

  /**
   * {@code sample:} synthetic patients, drawn in blocks across Spark tasks; block b always uses the
   * seed derived from (run seed, b), so the output does not depend on the partitioning.
   *
   * @param patients patients to draw; 0 = as many as the training split
   * @param blockPatients patients per block
   * @param partitions Spark partitions (0 = default parallelism)
   */
  public record Sample(long patients, int blockPatients, int partitions) {
    public Sample {
      if (patients < 0 || blockPatients < 1 || partitions < 0) {
        throw new InvalidConfigException("sample.patients and sample.partitions must be 0 or"
            + " positive and sample.block_patients positive.");
      }
    }
  }

  /**
   * {@code evaluate:} sizes of what is evaluated.
   *
   * @param maxPatients synthetic and real patients compared (seeded subsamples)
   * @param maxDiscriminative patients per side of the discriminative score
   * @param tstrTarget the TSTR/TRTR AUC ratio checked
   * @param twins digital-twin evaluation
   */
  public record Evaluate(int maxPatients, int maxDiscriminative, double tstrTarget, Twins twins) {
    public Evaluate {
      if (maxPatients < 10 || maxDiscriminative < 10) {
        throw new InvalidConfigException("evaluate.max_patients and evaluate.max_discriminative"
            + " must be at least 10.");
      }
    }
  }

  /**
   * {@code evaluate.twins:} digital twins of holdout patients.
   *
   * @param patients holdout patients forecast (0 = no twin evaluation)
   * @param historySteps steps of history given (the cut)
   * @param horizonSteps future steps scored
   * @param samples twins per patient
   * @param interval central interval level of the coverage figure
   */
  public record Twins(int patients, int historySteps, int horizonSteps, int samples,
      double interval) {
    public Twins {
      if (patients < 0 || historySteps < 1 || horizonSteps < 1 || samples < 1 || interval <= 0
          || interval >= 1) {
        throw new InvalidConfigException("evaluate.twins: patients >= 0, history_steps,"
            + " horizon_steps and samples >= 1, interval in (0, 1).");
      }
    }
  }
}
