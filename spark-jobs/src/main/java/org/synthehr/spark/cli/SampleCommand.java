package org.synthehr.spark.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.generator.ClassBalance;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.jobs.SampleJob;
import org.synthehr.spark.longitudinal.LongitudinalCommands;
import org.synthehr.spark.longitudinal.LongitudinalConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true,
    description = {"Draw synthetic rows from a saved model, across Spark tasks, into Parquet.",
        "The same model, seed and row count give the same rows for any number of partitions.",
        "A longitudinal config draws --patients whole patients into person/,"
            + " visit_occurrence/, measurement/ and grid/ (what 'synth evaluate' reads)."},
    footer = {"", "Conditions: column=value, column=a|b (categories), column=low..high (numbers).",
        "Example:",
        "  bin/synth sample configs/diabetes130-sample.yaml --rows 50000 --condition 'readmitted=<30'",
        "  bin/synth sample configs/diabetes130-tabddpm.yaml --rows 50000 --class-balance '<30=0.5,*=0.5'",
        "  bin/synth sample configs/physionet2012-sample.yaml --patients 2000"})
final class SampleCommand extends SparkCommand {
  @Option(names = "--model", paramLabel = "DIR", description = "Saved model (default:"
      + " output.dir/model). A local path or a URI (hdfs://, s3a://).")
  String model;

  @Option(names = "--rows", paramLabel = "N", description = "Rows to draw (default: sample.rows).")
  Long rows;

  @Option(names = "--condition", paramLabel = "COND", description = "A condition every row"
      + " satisfies (repeatable; replaces sample.conditions).")
  List<String> conditions = new ArrayList<>();

  @Option(names = "--class-balance", paramLabel = "SHARES", description = "Share of each class"
      + " of the label column, e.g. '<30=0.5,*=0.5' ('*' = every other class; replaces"
      + " sample.class_balance).")
  String classBalance;

  @Option(names = "--out", paramLabel = "DIR", description = "Output Parquet directory (default:"
      + " output.dir/synthetic). A local path or a URI (hdfs://, s3a://).")
  String out;

  @Option(names = "--patients", paramLabel = "N", description = "Longitudinal configs: patients"
      + " to draw (default: sample.patients, else as many as the model trained on).")
  Long patients;

  @Option(names = "--overwrite", description = "Replace the output directory if it exists.")
  boolean overwrite;

  @Override
  void run(SparkSession spark, JobConfigLoader.Loaded loaded, Console console) {
    JobConfig config = loaded.config();
    String base = config.output().dir().replaceAll("/+$", "");
    SampleJob.run(spark, config, model != null ? model : base + "/model",
        rows != null ? rows : config.sample().rows(),
        conditions.isEmpty() ? config.sample().conditions() : conditions,
        classBalance != null ? ClassBalance.parse(classBalance) : config.sample().classBalance(),
        out != null ? out : base + "/synthetic", overwrite, console);
  }

  @Override
  void longitudinal(SparkSession spark, LongitudinalConfigLoader.Loaded loaded, Console console) {
    if (rows != null || !conditions.isEmpty() || classBalance != null) {
      throw new InvalidConfigException("--rows, --condition and --class-balance are for tabular"
          + " models; a longitudinal config draws whole patients: use --patients N.");
    }
    System.out.println(LongitudinalCommands.sample(spark, loaded, model, patients, out,
        overwrite, console));
  }
}
