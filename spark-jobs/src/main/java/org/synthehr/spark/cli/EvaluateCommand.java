package org.synthehr.spark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.spark.SparkSessions;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.jobs.EvaluateJob;
import org.synthehr.spark.longitudinal.LongitudinalCommands;
import org.synthehr.spark.longitudinal.LongitudinalConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Score synthetic data against real data and write report.json and report.html:"
        + " fidelity (per column, per pair, detection, alpha-precision/beta-recall, the quality"
        + " score), utility (train on synthetic, test on real, against train on real), subgroup"
        + " figures and first privacy figures, each with the holdout's figure as the 'new real"
        + " data' baseline.",
        "",
        "Works on any real/synthetic pair of Parquet or CSV files with the same column names, so"
            + " synthetic data made by other tools can be scored too. Give a job config, or the"
            + " files directly with --real/--synthetic (options override the config's keys).",
        "",
        "A longitudinal config scores the patients 'synth sample' wrote (--synthetic, default"
            + " output.dir/synthetic) against its cohort, with digital twins of holdout patients"
            + " from --model, as its pipeline does.",
        "",
        "Without --holdout the real data is split as the pipeline splits it (split.holdout_fraction),"
            + " and the held-out part is the baseline and the utility test set. If the synthetic"
            + " data was made from all of the real file, pass a separate --holdout of real rows it"
            + " never saw: otherwise the utility and privacy figures are optimistic."},
    footer = {"", "Examples:",
        "  bin/synth evaluate configs/diabetes130-sample.yaml",
        "  bin/synth evaluate --real real.csv --synthetic other-tool.parquet \\",
        "      --schema schema.yaml --holdout holdout.csv \\",
        "      --label readmitted --positive '<30' --out report/",
        "", "Every key under 'evaluate:' is listed in docs/evaluation.md."})
final class EvaluateCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Job config (YAML);"
      + " optional when --real, --synthetic and --out are given.")
  Path config;

  @Option(names = "--real", paramLabel = "FILE", description = "Real data the synthetic data"
      + " imitates (CSV or Parquet); sets input.path.")
  String real;

  @Option(names = "--synthetic", paramLabel = "PATH", description = "Synthetic data: Parquet file or"
      + " directory, or CSV (default: output.dir/synthetic).")
  String synthetic;

  @Option(names = "--schema", paramLabel = "FILE", description = "Schema file (YAML) of the real"
      + " data; sets input.schema. Undeclared columns are inferred.")
  String schema;

  @Option(names = "--holdout", paramLabel = "FILE", description = "Real rows the generator never"
      + " saw (CSV or Parquet); sets evaluate.holdout. Without it the real data is split.")
  String holdout;

  @Option(names = "--label", paramLabel = "COLUMN", description = "Outcome column for utility;"
      + " sets evaluate.utility.label (default: the schema's label).")
  String label;

  @Option(names = "--positive", paramLabel = "VALUE", description = "Label value counted as 'yes'"
      + " (repeatable); sets evaluate.utility.positive (default: the rarest value).")
  List<String> positive = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for report.json and"
      + " report.html; sets output.dir.")
  String out;

  @Option(names = "--report", paramLabel = "FILE", description = "Exact path of the JSON report"
      + " (report.html goes next to it). Default: output.dir/report.json.")
  String report;

  @Option(names = "--model", paramLabel = "DIR", description = "Longitudinal configs: the model"
      + " whose digital twins of holdout patients are scored (default: output.dir/model).")
  String model;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key, e.g."
      + " --set evaluate.detection.enabled=false. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--overwrite", description = "Replace the report files if they exist.")
  boolean overwrite;

  @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
  boolean quiet;

  @Override
  public Integer call() {
    if (config != null && LongitudinalConfigLoader.isLongitudinal(config)) {
      return longitudinal();
    }
    List<String> assignments = new ArrayList<>(overrides);
    if (real != null) {
      assignments.add("input.path=" + quote(real.toString()));
    }
    if (schema != null) {
      assignments.add("input.schema=" + quote(schema.toString()));
    }
    if (holdout != null) {
      assignments.add("evaluate.holdout=" + quote(holdout.toString()));
    }
    if (label != null) {
      assignments.add("evaluate.utility.label=" + quote(label));
    }
    if (!positive.isEmpty()) {
      assignments.add("evaluate.utility.positive=" + quote(positive));
    }
    if (out != null) {
      assignments.add("output.dir=" + quote(out.toString()));
    }
    JobConfigLoader.Loaded loaded;
    if (config != null) {
      loaded = JobConfigLoader.load(config, assignments);
    } else {
      if (real == null || synthetic == null || (out == null && report == null)) {
        throw new InvalidConfigException("synth evaluate needs a job config, or --real, --synthetic"
            + " and --out. Example: synth evaluate --real real.csv --synthetic synthetic.parquet"
            + " --schema schema.yaml --out report/");
      }
      if (out == null) {
        int slash = report.lastIndexOf('/');
        assignments.add("output.dir=" + quote(slash > 0 ? report.substring(0, slash) : "."));
      }
      loaded = JobConfigLoader.fromAssignments(assignments, Path.of("(command line)"));
    }
    JobConfig cfg = loaded.config();
    String base = cfg.output().dir().replaceAll("/+$", "");
    String syntheticPath = synthetic != null ? synthetic : base + "/synthetic";
    String reportFile = report != null ? report : base + "/report.json";
    Console console = quiet ? Console.silent() : Console.stderr();
    SparkSession spark = SparkSessions.create("synth evaluate", cfg.spark());
    try {
      EvaluateJob.run(spark, loaded, syntheticPath, reportFile, overwrite, console);
      return ExitCodes.OK;
    } finally {
      spark.stop();
    }
  }

  /** A longitudinal config: the synthetic patients of 'synth sample' against the cohort. */
  private int longitudinal() {
    if (real != null || schema != null || holdout != null || label != null
        || !positive.isEmpty()) {
      throw new InvalidConfigException("--real, --schema, --holdout, --label and --positive are"
          + " for tabular data; a longitudinal config names its cohort, split and label itself.");
    }
    LongitudinalConfigLoader.Loaded loaded = LongitudinalConfigLoader.load(config,
        out == null ? overrides : append(overrides, "output.dir=" + quote(out)));
    Console console = quiet ? Console.silent() : Console.stderr();
    SparkSession spark = SparkSessions.create("synth evaluate (longitudinal)",
        loaded.config().spark());
    try {
      LongitudinalCommands.evaluate(spark, loaded, synthetic, model, report, overwrite, console);
      return ExitCodes.OK;
    } finally {
      spark.stop();
    }
  }

  private static List<String> append(List<String> list, String item) {
    List<String> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  /** A value as JSON, which the YAML override parser reads back unchanged. */
  private static String quote(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
