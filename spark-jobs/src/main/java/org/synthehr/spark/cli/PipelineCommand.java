package org.synthehr.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.jobs.PipelineJob;
import org.synthehr.spark.longitudinal.LongitudinalCommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = {"Run everything: validate the input, split it into training and holdout (by"
        + " patient when input.entity_key is set), train the model, sample synthetic rows across"
        + " Spark tasks, and evaluate them.",
        "",
        "Writes output.dir/ with model/, synthetic/ (Parquet), report.json, config.resolved.yaml,"
            + " schema.yaml and run.json. The directory appears only when the run succeeds.",
        "",
        "Privacy: rare categories are merged before training and synthetic rows that copy a"
            + " training row are dropped (privacy.controls); membership, attribute-inference and"
            + " singling-out attacks are reported (privacy.attacks). With release.policy set, the"
            + " report is checked against it and a failing policy exits with code 4 (outputs kept"
            + " for inspection). See docs/privacy.md."},
    footer = {"", "Example:", "  bin/synth pipeline configs/diabetes130-sample.yaml",
        "  bin/synth pipeline configs/diabetes130-sample.yaml --set sample.rows=20000 --overwrite",
        "  bin/synth pipeline configs/physionet2012-sample.yaml   (kind: longitudinal, see"
            + " docs/longitudinal.md)"})
final class PipelineCommand extends SparkCommand {
  @Option(names = "--overwrite", description = "Replace output.dir if it exists.")
  boolean overwrite;

  @Option(names = "--resume", description = "Continue training from the last checkpoint of a"
      + " failed run with the same output.dir (deep models with model.checkpoint_every > 0).")
  boolean resume;

  /** Configs with {@code kind: longitudinal} run the longitudinal pipeline instead. */
  @Override
  public Integer call() {
    if (LongitudinalCommandLine.handles(job.config)) {
      return LongitudinalCommandLine.pipeline(job.config, job.overrides, job.quiet, overwrite,
          resume);
    }
    return super.call();
  }

  @Override
  void run(SparkSession spark, JobConfigLoader.Loaded loaded, Console console) {
    PipelineJob.Result r = PipelineJob.run(spark, loaded, overwrite, resume, console);
    System.out.println(r.output());
  }
}
