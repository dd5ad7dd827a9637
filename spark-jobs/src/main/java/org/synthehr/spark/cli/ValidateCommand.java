package org.synthehr.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.jobs.ValidateJob;
import org.synthehr.spark.longitudinal.LongitudinalCommands;
import org.synthehr.spark.longitudinal.LongitudinalConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check the input: profile every column with Spark, infer its kind (or take it"
        + " from the schema file), explain each choice, and report every problem at once (missing"
        + " columns, all-missing columns, values that do not fit their kind, a label with one"
        + " class, ragged rows). Writes nothing unless --write-schema is given.",
        "A longitudinal config: its static file profiled the same way, then the measurements read"
            + " onto the grid, each variable's coverage and the split."},
    footer = {"", "Example:", "  bin/synth validate configs/diabetes130-sample.yaml"
        + " --write-schema my-schema.yaml"})
final class ValidateCommand extends SparkCommand {
  @Option(names = "--write-schema", paramLabel = "FILE", description = "Save the resolved schema as"
      + " a schema file to edit and pass as input.schema.")
  String writeSchema;

  @Option(names = "--overwrite", description = "Replace the --write-schema file if it exists.")
  boolean overwrite;

  @Override
  void run(SparkSession spark, JobConfigLoader.Loaded loaded, Console console) {
    ValidateJob.run(spark, loaded, writeSchema, overwrite, console);
  }

  @Override
  void longitudinal(SparkSession spark, LongitudinalConfigLoader.Loaded loaded, Console console) {
    if (writeSchema != null) {
      throw new InvalidConfigException("--write-schema is for tabular configs; a longitudinal"
          + " config names its static file's schema in input.static_schema.");
    }
    LongitudinalCommands.validate(spark, loaded, console);
  }
}
