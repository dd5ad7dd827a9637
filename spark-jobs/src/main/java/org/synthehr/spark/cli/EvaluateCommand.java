package org.synthehr.spark.cli;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.jobs.EvaluateJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Score synthetic data (Parquet) against the real input of the config: fidelity"
        + " against the training split, with the holdout as the 'new real data' baseline, and"
        + " first privacy figures. Works for synthetic data from any tool with the same columns."},
    footer = {"", "Example:",
        "  bin/synth evaluate configs/diabetes130-sample.yaml --synthetic other-tool-output/"})
final class EvaluateCommand extends SparkCommand {
  @Option(names = "--synthetic", paramLabel = "DIR", description = "Synthetic Parquet data"
      + " (default: output.dir/synthetic).")
  Path synthetic;

  @Option(names = "--report", paramLabel = "FILE", description = "Report to write (default:"
      + " output.dir/report.json).")
  Path report;

  @Option(names = "--overwrite", description = "Replace the report if it exists.")
  boolean overwrite;

  @Override
  void run(SparkSession spark, JobConfigLoader.Loaded loaded, Console console) {
    JobConfig config = loaded.config();
    Path base = Path.of(config.output().dir());
    EvaluateJob.run(spark, loaded, synthetic != null ? synthetic : base.resolve("synthetic"),
        report != null ? report : base.resolve("report.json"), overwrite, console);
  }
}
