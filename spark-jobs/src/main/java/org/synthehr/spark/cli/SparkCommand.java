package org.synthehr.spark.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.longitudinal.LongitudinalConfigLoader;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that loads its config, runs in a Spark session, and stops the session after. A
 * config with {@code kind: longitudinal} runs the command's longitudinal form.
 */
abstract class SparkCommand implements Callable<Integer> {
  @Mixin
  JobOptions job;

  @Override
  public Integer call() {
    Console console = job.quiet ? Console.silent() : Console.stderr();
    if (LongitudinalConfigLoader.isLongitudinal(job.config)) {
      LongitudinalConfigLoader.Loaded loaded = LongitudinalConfigLoader.load(job.config,
          job.overrides);
      SparkSession spark = SparkSessions.create("synth " + getClass().getSimpleName()
          + " (longitudinal)", loaded.config().spark());
      try {
        longitudinal(spark, loaded, console);
        return ExitCodes.OK;
      } finally {
        spark.stop();
      }
    }
    JobConfigLoader.Loaded loaded = JobConfigLoader.load(job.config, job.overrides);
    SparkSession spark = SparkSessions.create("synth " + getClass().getSimpleName(),
        loaded.config().spark());
    try {
      run(spark, loaded, console);
      return ExitCodes.OK;
    } finally {
      spark.stop();
    }
  }

  abstract void run(SparkSession spark, JobConfigLoader.Loaded loaded, Console console);

  /** The command on a longitudinal config ({@code kind: longitudinal}). */
  abstract void longitudinal(SparkSession spark, LongitudinalConfigLoader.Loaded loaded,
      Console console);
}
