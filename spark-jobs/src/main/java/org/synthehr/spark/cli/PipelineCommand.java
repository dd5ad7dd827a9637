package org.synthehr.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.jobs.PipelineJob;
import org.synthehr.spark.longitudinal.LongitudinalConfigLoader;
import org.synthehr.spark.longitudinal.LongitudinalPipelineJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = {"Run everything: validate the input, split it into training and holdout (by"
        + " patient when input.entity_key is set), train the model, sample synthetic rows across"
        + " Spark tasks, and evaluate them.",
        "",
        "Writes output.dir/ with model/, synthetic/ (Parquet), report.json, config.resolved.yaml,"
            + " schema.yaml, run.json and _SUCCESS. The directory appears only when the run"
            + " succeeds.",
        "",
        "Paths (input.path, input.schema, output.dir, ...) are local paths or Hadoop URIs"
            + " (hdfs://, s3a://). Under spark-submit the model trains in a Spark task on an"
            + " executor and every path must be one the executors can reach: see"
            + " docs/cluster.md.",
        "",
        "Stages are kept: the run works in output.dir.partial/ and records each finished stage"
            + " (prepare, train, sample, evaluate, report) in its stages.json. If a stage after"
            + " training fails (or the run is killed), that directory is kept with the trained"
            + " model, the message says what was kept, and after fixing the cause --resume"
            + " continues from the last finished stage without retraining. Settings under"
            + " evaluate.*, privacy.attacks.* and release.* may change before resuming (the"
            + " evaluation is redone); any other change of config, seed or input is refused"
            + " (exit 2). Without --resume, a kept directory stops the run until you choose"
            + " --resume or --overwrite. (Longitudinal configs do not keep stages yet.)",
        "",
        "Privacy: rare categories are merged before training and synthetic rows that copy a"
            + " training row are dropped (privacy.controls); membership, attribute-inference and"
            + " singling-out attacks are reported (privacy.attacks). With release.policy set, the"
            + " report is checked against it and a failing policy exits with code 4 (outputs kept"
            + " for inspection). See docs/privacy.md."},
    footer = {"", "Example:", "  bin/synth pipeline configs/diabetes130-sample.yaml",
        "  bin/synth pipeline configs/diabetes130-sample.yaml --set sample.rows=20000 --overwrite",
        "  bin/synth pipeline configs/diabetes130-sample.yaml --resume",
        "  spark-submit ... synthehr-spark-jobs-*-spark.jar pipeline configs/diabetes130-sample.yaml"
            + " --set input.path=hdfs://nn:8020/in/ehr.csv --set output.dir=hdfs://nn:8020/out/run",
        "  bin/synth pipeline configs/physionet2012-sample.yaml   (kind: longitudinal, see"
            + " docs/longitudinal.md)"})
final class PipelineCommand extends SparkCommand {
  @Option(names = "--overwrite", description = "Replace output.dir if it exists, and delete the"
      + " unfinished run kept in output.dir.partial/ (start over).")
  boolean overwrite;

  @Option(names = "--resume", description = "Continue the unfinished run kept in"
      + " output.dir.partial/ from its last finished stage (the model is not retrained), or, when"
      + " training itself failed, continue training from its last checkpoint"
      + " (model.checkpoint_every > 0). Needs the same config, seed and input.")
  boolean resume;

  @Override
  void run(SparkSession spark, JobConfigLoader.Loaded loaded, Console console) {
    PipelineJob.Result r = PipelineJob.run(spark, loaded, overwrite, resume, console);
    System.out.println(r.output());
  }

  @Override
  void longitudinal(SparkSession spark, LongitudinalConfigLoader.Loaded loaded, Console console) {
    System.out.println(LongitudinalPipelineJob.run(spark, loaded, overwrite, resume, console)
        .output());
  }
}
