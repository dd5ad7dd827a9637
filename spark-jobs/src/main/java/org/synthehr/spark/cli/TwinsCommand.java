package org.synthehr.spark.cli;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.longitudinal.LongitudinalConfigLoader;
import org.synthehr.spark.longitudinal.TwinsJob;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synth twins}. */
@Command(name = "twins", mixinStandardHelpOptions = true,
    description = {"Digital twins of your own patients: for every patient in --histories, N"
        + " possible futures drawn from a trained longitudinal model, conditioned on the"
        + " patient's static attributes and everything measured before the cut.", "",
        "--histories is laid out like the config's input: a directory holding the static file"
            + " and the event (or visit) table under the config's file names, optionally the"
            + " outcomes file; for a visits layout also a single visit table. CSV or Parquet."
            + " A patient whose history does not fit the model (a variable it does not know,"
            + " measurements past its window, no static row, a cut with no history or no future)"
            + " is set aside with the reason; the others still run.", "",
        "Writes to --out: person/ and measurement/ (OMOP-shaped Parquet of the futures only: one"
            + " person per patient and twin, with person_source_value = your patient id,"
            + " twin_index, cut_hours and the sampled outcome), twins.html (fan charts: history,"
            + " median, 50% and 80% bands, and each patient's share of twins with the outcome)"
            + " and twins.json (what was run, and who was set aside and why). The same config,"
            + " seed and histories give the same twins on any cluster."},
    footer = {"", "Examples:",
        "  bin/synth twins configs/physionet2012-sample.yaml --model out/physionet2012-sample/model \\",
        "      --histories my-patients/ --cut 24 --samples 50 --out out/my-twins",
        "  bin/synth twins CONFIG --model DIR --histories DIR --cut-column hours_in_icu"})
final class TwinsCommand extends SparkCommand {
  @Option(names = "--model", paramLabel = "DIR", description = "The trained model (default:"
      + " output.dir/model).")
  String model;

  @Option(names = "--histories", required = true, paramLabel = "PATH", description = "The"
      + " patients' histories (see above).")
  Path histories;

  @ArgGroup(exclusive = true)
  Cut cut;

  static final class Cut {
    @Option(names = "--cut", paramLabel = "HOURS", description = "Where every history ends, in"
        + " hours from the start of the record (measurements after it are ignored).")
    Double hours;

    @Option(names = "--cut-column", paramLabel = "COL", description = "A column of the static file"
        + " holding each patient's cut in hours. Default (neither): just after each patient's"
        + " last measurement.")
    String column;
  }

  @Option(names = "--samples", paramLabel = "N", defaultValue = "20", description = "Futures per"
      + " patient (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--horizon", paramLabel = "STEPS", description = "Future steps to draw (default:"
      + " to the end of the model's window).")
  Integer horizon;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default:"
      + " output.dir/twins).")
  String out;

  @Option(names = "--score", description = "The histories also hold what happened after the cut"
      + " (and the outcomes file, if any): score the twins against it, with the pipeline's"
      + " figures (coverage of the 80% band, CRPS, outcome AUC). Needs --cut.")
  boolean score;

  @Option(names = "--overwrite", description = "Replace the output directory if it exists.")
  boolean overwrite;

  @Override
  void run(SparkSession spark, JobConfigLoader.Loaded loaded, Console console) {
    throw new InvalidConfigException(job.config + " is not a longitudinal config (kind:"
        + " longitudinal): digital twins need a trajectory model.");
  }

  @Override
  void longitudinal(SparkSession spark, LongitudinalConfigLoader.Loaded loaded, Console console) {
    if (samples < 1 || samples > 10_000) {
      throw new InvalidConfigException("--samples must be between 1 and 10000, got " + samples);
    }
    if (horizon != null && horizon < 1) {
      throw new InvalidConfigException("--horizon must be at least 1 step, got " + horizon);
    }
    String base = loaded.config().output().dir().replaceAll("/+$", "");
    TwinsJob.Options o = new TwinsJob.Options(model != null ? model : base + "/model", histories,
        cut == null ? null : cut.hours, cut == null ? null : cut.column, samples, horizon,
        out != null ? out : base + "/twins", overwrite, score);
    System.out.println(TwinsJob.run(spark, loaded, o, console).output());
  }
}
