package org.synthehr.spark.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import picocli.CommandLine.Mixin;

/** A subcommand that loads its config, runs in a Spark session, and stops the session after. */
abstract class SparkCommand implements Callable<Integer> {
  @Mixin
  JobOptions job;

  @Override
  public Integer call() {
    JobConfigLoader.Loaded loaded = JobConfigLoader.load(job.config, job.overrides);
    Console console = job.quiet ? Console.silent() : Console.stderr();
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
}
