package org.synthehr.spark.jobs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.Report;
import org.synthehr.evaluator.report.HtmlReport;
import org.synthehr.evaluator.report.ReportFiles;
import org.synthehr.generator.ClassBalance;
import org.synthehr.generator.Condition;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.HadoopConf;
import org.synthehr.spark.privacy.DisclosureControls;
import org.synthehr.spark.privacy.DpFigures;
import org.synthehr.spark.privacy.PrivacyFigures;
import org.synthehr.spark.privacy.ReleaseGate;
import org.synthehr.spark.sampling.DistributedSampler;
import org.synthehr.spark.sampling.ModelBundle;

/**
 * validate → split → train → sample (across Spark tasks) → evaluate → report, into one output
 * directory that appears only when everything succeeded: {@code model/}, {@code synthetic/}
 * (Parquet), {@code report.json} and {@code report.html}, plus the resolved config and schema and
 * {@code run.json}.
 *
 * <p>The work happens in {@code <output.dir>.partial} ({@link PartialRun}), where each stage is
 * recorded once its outputs are complete. A failure after training keeps that directory, and
 * {@code --resume} continues from there: the split is redone (cheap, deterministic in the seed, and
 * its tables are needed in memory), the model is loaded instead of trained, the synthetic Parquet and
 * the evaluation are reused when their stages completed, so the report has the same figures as an
 * uninterrupted run.
 */
public final class PipelineJob {
  private static final int STEPS = 6;
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

  private final SparkSession spark;
  private final FileStore store;
  private final JobConfigLoader.Loaded loaded;
  private final JobConfig config;
  private final PartialRun run;
  private final boolean resume;
  private final Console console;
  private final Map<String, Object> figures = new LinkedHashMap<>();

  private PipelineJob(SparkSession spark, JobConfigLoader.Loaded loaded, PartialRun run,
      boolean resume, Console console) {
    this.spark = spark;
    this.store = run.store();
    this.loaded = loaded;
    this.config = loaded.config();
    this.run = run;
    this.resume = resume;
    this.console = console;
  }

  /**
   * What the pipeline produced.
   *
   * @param output the output directory (a local path, or the URI of another filesystem)
   * @param report the report written
   * @param syntheticRows rows written to synthetic/
   */
  public record Result(String output, Report report, long syntheticRows) {}

  /**
   * Runs the pipeline.
   *
   * @param overwrite replace an existing output.dir, and delete an unfinished run's kept work
   * @param resume continue the unfinished run kept for output.dir (and training from its last
   *     checkpoint)
   * @throws org.synthehr.core.error.RunFailedException when a stage fails after the model was
   *     trained (the work is kept), or on an internal error
   */
  public static Result run(SparkSession spark, JobConfigLoader.Loaded loaded, boolean overwrite,
      boolean resume, Console console) {
    JobConfig config = loaded.config();
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path target = store.resolve(config.output().dir());
    ReleaseGate gate = ReleaseGate.of(config, store);
    Result result;
    try (PartialRun run = PartialRun.open(store, target, overwrite, resume,
        RunFingerprint.of(loaded.resolvedYaml(), store), command(loaded), console)) {
      try {
        result = new PipelineJob(spark, loaded, run, resume, console).stages(gate);
      } catch (RuntimeException | Error e) {
        throw run.failed(e);
      }
    }
    Checkpoints.clear(store, target);
    console.step(6, STEPS, String.format(Locale.ROOT, "wrote %s (model/, synthetic/ %,d rows,"
        + " report.json, report.html) in %s", result.output(), result.syntheticRows(),
        Console.duration(console.elapsed())));
    gate.enforce(result.output());
    return result;
  }

  private Result stages(ReleaseGate gate) {
    if (!run.resumed()) {
      RunFiles.writeConfig(store, run.dir(), loaded);
    }
    Map<String, Object> keptSplit = run.facts("prepare");
    run.begin("prepare");
    PreparedData data = PreparedData.prepare(spark, config, console, 1, STEPS);
    try {
      Map<String, Object> split = Map.of("training_rows", data.trainingRows(),
          "holdout_rows", data.holdoutRows());
      if (run.resumed() && !keptSplit.isEmpty() && !split.equals(longs(keptSplit))) {
        // Same config and input must give the same split; resuming across a difference would
        // evaluate a model against rows it was not trained on.
        throw new IllegalStateException("the split differs from the unfinished run's: "
            + split + " now, " + keptSplit + " then");
      }
      run.complete("prepare", split);
      Provenance provenance = Training.provenance(store, config, loaded.resolvedYaml(),
          spark.version());
      Path modelDir = new Path(run.dir(), "model");
      try (FittedSynthesizer model = train(data, modelDir, provenance)) {
        long rows = config.sample().rows() > 0 ? config.sample().rows() : data.trainingRows();
        config.sample().conditions().forEach(c -> Condition.parse(c, model.schema()));
        if (!config.sample().classBalance().isEmpty()) {
          ClassBalance.of(model.schema(), config.sample().classBalance());
        }
        Path syntheticDir = sample(data, model, modelDir, rows);
        figures.put("training_rows", data.trainingRows());
        // split.max_train_rows may leave the model fewer rows than the training split holds.
        figures.put("training_rows_used", Math.min(data.trainingRows(),
            config.split().maxTrainRows()));
        figures.put("holdout_rows", data.holdoutRows());
        figures.put("synthetic_rows", rows);
        figures.put("seconds", console.elapsed());
        Report evaluated = evaluate(data, model, syntheticDir, provenance);
        run.begin("report");
        Report report = gate.apply(evaluated, console);
        store.writeString(new Path(run.dir(), "report.json"), org.synthehr.core.io.Json.toString(report));
        store.writeString(new Path(run.dir(), "report.html"), HtmlReport.standard().render(report));
        RunFiles.write(store, run.dir(), "pipeline", loaded, data.ingested().schema().schema(),
            provenance, figures);
        run.complete("report", Map.of());
        return new Result(FileStore.display(run.commit()), report, rows);
      }
    } finally {
      data.ingested().text().unpersist();
    }
  }

  private FittedSynthesizer train(PreparedData data, Path modelDir, Provenance provenance) {
    if (run.completed("train")) {
      console.step(3, STEPS, "train " + config.model().kind() + ": skipped, already trained by"
          + " the unfinished run (loading " + FileStore.display(modelDir) + ")");
      figures.putAll(longs(run.facts("train")));
      return ModelBundle.load(store, modelDir);
    }
    console.step(3, STEPS, "train " + config.model().kind());
    run.begin("train");
    Map<String, Long> trained = Training.train(spark, store, config, loaded.resolvedYaml(), data,
        modelDir, Checkpoints.dirFor(run.target()), resume, provenance, console);
    figures.put(PrivacyFigures.RARE_CATEGORIES, trained.get(PrivacyFigures.RARE_CATEGORIES));
    figures.put(PrivacyFigures.RARE_CELLS, trained.get(PrivacyFigures.RARE_CELLS));
    run.complete("train", Map.of(
        PrivacyFigures.RARE_CATEGORIES, figures.get(PrivacyFigures.RARE_CATEGORIES),
        PrivacyFigures.RARE_CELLS, figures.get(PrivacyFigures.RARE_CELLS)));
    return ModelBundle.load(store, modelDir);
  }

  private Path sample(PreparedData data, FittedSynthesizer model, Path modelDir, long rows) {
    Path syntheticDir = new Path(run.dir(), "synthetic");
    if (run.completed("sample")) {
      console.step(4, STEPS, String.format(Locale.ROOT, "sample %,d rows: skipped, sampled by"
          + " the unfinished run (reusing %s)", rows, FileStore.display(syntheticDir)));
      figures.putAll(longs(run.facts("sample")));
      return syntheticDir;
    }
    console.step(4, STEPS, String.format(Locale.ROOT, "sample %,d rows in blocks of %,d%s",
        rows, config.sample().blockRows(), config.sample().conditions().isEmpty() ? ""
            : " with " + String.join(", ", config.sample().conditions())));
    run.begin("sample");
    store.delete(syntheticDir); // part files of a run killed while writing
    DistributedSampler.Sampled sampled = DistributedSampler.sample(spark,
        new DistributedSampler.ModelLocation(modelDir.toString(), new HadoopConf(store.conf())),
        model.schema(), rows, config.sample().blockRows(), config.sample().partitions(),
        config.seed(), config.sample().conditions(), config.sample().classBalance(),
        DisclosureControls.copyFilter(config, data.trainingText(),
            data.ingested().schema().schema(), data.ingested().source(),
            config.split().maxTrainRows()));
    sampled.rows().write().mode(SaveMode.ErrorIfExists).parquet(syntheticDir.toString());
    Map<String, Object> facts = Map.of(PrivacyFigures.ROWS_DRAWN, rows,
        PrivacyFigures.COPIES_REMOVED, sampled.copiesRemoved());
    figures.putAll(facts);
    run.complete("sample", facts);
    return syntheticDir;
  }

  /** The report before the release policy, always read back from evaluation.json. */
  private Report evaluate(PreparedData data, FittedSynthesizer model, Path syntheticDir,
      Provenance provenance) {
    Path file = new Path(run.dir(), PartialRun.EVALUATION);
    if (run.completed("evaluate")) {
      console.step(5, STEPS, "evaluate: skipped, evaluated by the unfinished run (reusing "
          + FileStore.display(file) + ")");
    } else {
      console.step(5, STEPS, "evaluate");
      run.begin("evaluate");
      Report report = DpFigures.addTo(Evaluation.report(config, data.training(), data.holdout(),
          spark.read().parquet(syntheticDir.toString()), FileStore.display(syntheticDir), figures,
          provenance, console), model.privacyAccounting());
      store.writeJson(file, report);
      run.complete("evaluate", Map.of());
    }
    // Read back in both cases, so a resumed run's report goes through exactly the same path.
    return store.readJson(file, Report.class);
  }

  /** JSON gives back ints for small numbers; figures hold longs, as the stages produced them. */
  private static Map<String, Object> longs(Map<String, Object> facts) {
    Map<String, Object> out = new LinkedHashMap<>();
    facts.forEach((k, v) -> out.put(k, v instanceof Integer i ? Long.valueOf(i) : v));
    return out;
  }

  /** The command line that repeats this run, as a user would type it. */
  static String command(JobConfigLoader.Loaded loaded) {
    return Stream.concat(Stream.of("bin/synth", "pipeline", quote(loaded.file().toString())),
        loaded.overrides().stream().flatMap(o -> Stream.of("--set", quote(o))))
        .collect(Collectors.joining(" "));
  }

  private static String quote(String arg) {
    return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
