package org.synthehr.spark.longitudinal;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.jobs.Console;

/**
 * The {@code synth pipeline} entry for configs with {@code kind: longitudinal}: loads the config,
 * runs {@link LongitudinalPipelineJob} in a Spark session, prints the output directory.
 */
public final class LongitudinalCommandLine {
  private LongitudinalCommandLine() {}

  /** Whether a config file should run here. */
  public static boolean handles(Path config) {
    return LongitudinalConfigLoader.isLongitudinal(config);
  }

  /** Runs the pipeline; user errors propagate as SynthExceptions for the CLI to report. */
  public static int pipeline(Path config, List<String> overrides, boolean quiet,
      boolean overwrite, boolean resume) {
    LongitudinalConfigLoader.Loaded loaded = LongitudinalConfigLoader.load(config, overrides);
    Console console = quiet ? Console.silent() : Console.stderr();
    SparkSession spark = SparkSessions.create("synth pipeline (longitudinal)",
        loaded.config().spark());
    try {
      LongitudinalPipelineJob.Result r = LongitudinalPipelineJob.run(spark, loaded, overwrite,
          resume, console);
      System.out.println(r.output());
      return ExitCodes.OK;
    } finally {
      spark.stop();
    }
  }
}
