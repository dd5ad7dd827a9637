package org.synthehr.spark.jobs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.io.AtomicOutput;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.Report;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.report.HtmlReport;
import org.synthehr.evaluator.report.ReportFiles;
import org.synthehr.generator.ClassBalance;
import org.synthehr.generator.Condition;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.privacy.DisclosureControls;
import org.synthehr.spark.privacy.DpFigures;
import org.synthehr.spark.privacy.PrivacyFigures;
import org.synthehr.spark.privacy.ReleaseGate;
import org.synthehr.spark.sampling.DistributedSampler;

/**
 * validate → split → train → sample (across Spark tasks) → evaluate, into one output directory that
 * appears only when everything succeeded: {@code model/}, {@code synthetic/} (Parquet),
 * {@code report.json} and {@code report.html}, plus the resolved config and schema and {@code run.json}.
 */
public final class PipelineJob {
  private static final int STEPS = 6;

  private PipelineJob() {}

  /**
   * What the pipeline produced.
   *
   * @param output the output directory
   * @param report the report written
   * @param syntheticRows rows written to synthetic/
   */
  public record Result(Path output, Report report, long syntheticRows) {}

  /** Runs the pipeline. */
  public static Result run(SparkSession spark, JobConfigLoader.Loaded loaded, boolean overwrite,
      boolean resume, Console console) {
    JobConfig config = loaded.config();
    Path target = Path.of(config.output().dir());
    ReleaseGate gate = ReleaseGate.of(config);
    try (AtomicOutput out = AtomicOutput.begin(target, overwrite)) {
      Map<String, Object> figures = new LinkedHashMap<>();
      PreparedData data = PreparedData.prepare(spark, config, console, 1, STEPS);
      Provenance provenance = Training.provenance(config, loaded.resolvedYaml(), spark.version());
      console.step(3, STEPS, "train " + config.model().kind());
      Path modelDir = out.dir().resolve("model");
      Path checkpoints = Checkpoints.dirFor(target);
      Table trainOn = DisclosureControls.beforeTraining(config, data.training(), figures, console);
      try (FittedSynthesizer model = Training.train(config, trainOn, modelDir, checkpoints,
          resume, provenance, console)) {
        long rows = config.sample().rows() > 0 ? config.sample().rows() : data.trainingRows();
        config.sample().conditions().forEach(c -> Condition.parse(c, model.schema()));
        if (!config.sample().classBalance().isEmpty()) {
          ClassBalance.of(model.schema(), config.sample().classBalance());
        }
        console.step(4, STEPS, String.format(Locale.ROOT, "sample %,d rows in blocks of %,d%s",
            rows, config.sample().blockRows(), config.sample().conditions().isEmpty() ? ""
                : " with " + String.join(", ", config.sample().conditions())));
        Path syntheticDir = out.dir().resolve("synthetic");
        DistributedSampler.Sampled sampled = DistributedSampler.sample(spark, modelDir,
            model.schema(), rows, config.sample().blockRows(), config.sample().partitions(),
            config.seed(), config.sample().conditions(), config.sample().classBalance(),
            DisclosureControls.copyFilter(config, data.training()));
        sampled.rows().write().mode(SaveMode.ErrorIfExists).parquet(syntheticDir.toString());
        figures.put(PrivacyFigures.ROWS_DRAWN, rows);
        figures.put(PrivacyFigures.COPIES_REMOVED, sampled.copiesRemoved());
        console.step(5, STEPS, "evaluate");
        figures.put("training_rows", data.trainingRows());
        figures.put("holdout_rows", data.holdoutRows());
        figures.put("synthetic_rows", rows);
        figures.put("seconds", console.elapsed());
        Report report = gate.apply(DpFigures.addTo(Evaluation.report(config, data.training(),
            data.holdout(), spark.read().parquet(syntheticDir.toString()),
            syntheticDir.toString(), figures, provenance, console), model.privacyAccounting()),
            console);
        ReportFiles.write(out.dir().resolve("report.json"), report, HtmlReport.standard());
        RunFiles.write(out.dir(), "pipeline", loaded, data.ingested().schema().schema(), provenance,
            figures);
        out.commit();
        Checkpoints.clear(target);
        console.step(6, STEPS, String.format(Locale.ROOT, "wrote %s (model/, synthetic/ %,d rows,"
            + " report.json, report.html) in %s", out.target(), rows,
            Console.duration(console.elapsed())));
        gate.enforce(out.target());
        return new Result(out.target(), report, rows);
      } finally {
        data.ingested().text().unpersist();
      }
    }
  }
}
