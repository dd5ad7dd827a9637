package org.synthehr.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.jobs.TrainJob;
import org.synthehr.spark.longitudinal.LongitudinalCommands;
import org.synthehr.spark.longitudinal.LongitudinalConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Validate and split the input, then train model.kind on the training split.",
        "Writes output.dir/model/ (a directory of JSON and parameter files, loadable on any"
            + " CPU-only machine; it never contains training rows).",
        "A longitudinal config (kind: longitudinal) reads the cohort, splits it by patient and"
            + " trains the trajectory model, as the first steps of its pipeline."},
    footer = {"", "Model kinds: see README, 'Models'. Example:",
        "  bin/synth train configs/diabetes130-sample.yaml --set model.kind=copula",
        "  bin/synth train configs/physionet2012-sample.yaml"})
final class TrainCommand extends SparkCommand {
  @Option(names = "--overwrite", description = "Replace output.dir if it exists.")
  boolean overwrite;

  @Option(names = "--resume", description = "Continue from the last checkpoint of a failed run.")
  boolean resume;

  @Override
  void run(SparkSession spark, JobConfigLoader.Loaded loaded, Console console) {
    System.out.println(TrainJob.run(spark, loaded, overwrite, resume, console));
  }

  @Override
  void longitudinal(SparkSession spark, LongitudinalConfigLoader.Loaded loaded, Console console) {
    System.out.println(LongitudinalCommands.train(spark, loaded, overwrite, resume, console));
  }
}
