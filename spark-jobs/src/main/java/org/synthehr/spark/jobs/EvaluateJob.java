package org.synthehr.spark.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.OutputExistsException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.Report;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.report.HtmlReport;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.evaluate.SampleCollector;
import org.synthehr.spark.evaluate.TableSource;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.ingest.DataSplit;
import org.synthehr.spark.ingest.SparkIngest;
import org.synthehr.spark.ingest.SparkTables;

/**
 * Scores synthetic data (Parquet or CSV, from any tool) against the configured real input and
 * writes {@code report.json} and {@code report.html}. The real input is split into training and
 * holdout exactly as the pipeline splits it, unless {@code evaluate.holdout} names a separate file
 * of real rows the generator never saw; then all of the input is the training reference.
 */
public final class EvaluateJob {
  private static final int STEPS = 3;

  private EvaluateJob() {}

  /** Evaluates and writes the report files (report.html next to the JSON file). */
  public static Report run(SparkSession spark, JobConfigLoader.Loaded loaded,
      String syntheticPath, String reportPath, boolean overwrite, Console console) {
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path reportFile = store.resolve(reportPath);
    Path html = htmlFile(reportFile);
    for (Path p : List.of(reportFile, html)) {
      if (store.exists(p) && !overwrite) {
        throw new OutputExistsException(FileStore.display(p));
      }
    }
    JobConfig config = loaded.config();
    PreparedData data = config.evaluate().holdout() == null
        ? PreparedData.prepare(spark, config, console, 1, STEPS)
        : withHoldoutFile(spark, config, config.evaluate().holdout(), console);
    try {
      console.step(3, STEPS, "evaluate " + syntheticPath);
      TableSchema modelled = data.ingested().schema().schema().modelled();
      Dataset<Row> synthetic = TableSource.open(spark, syntheticPath, modelled.names(),
          "synthetic data", config.input().csv());
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("training_rows", data.trainingRows());
      counts.put("holdout_rows", data.holdoutRows());
      Provenance provenance = Provenance.capture(config.seed(), loaded.resolvedYaml(),
          inputs(store, config, syntheticPath), Map.of("spark", spark.version(), "synthehr",
              Provenance.currentVersion()));
      Report report = Evaluation.report(config, data.training(), data.holdout(), synthetic,
          syntheticPath, counts, provenance, console);
      store.writeString(reportFile, Json.toString(report));
      store.writeString(html, HtmlReport.standard().render(report));
      writeConfig(store, reportFile, loaded);
      console.line("Wrote " + FileStore.display(reportFile) + " and " + FileStore.display(html));
      return report;
    } finally {
      data.ingested().text().unpersist();
    }
  }

  /** The HTML report's path for a JSON report path. */
  static Path htmlFile(Path json) {
    String name = json.getName();
    return new Path(json.getParent(), name.endsWith(".json")
        ? name.substring(0, name.length() - 5) + ".html" : name + ".html");
  }

  private static Map<String, String> inputs(FileStore store, JobConfig config, String synthetic) {
    Map<String, String> in = new LinkedHashMap<>();
    in.put(config.input().path(), store.fingerprint(store.resolve(config.input().path())));
    in.put(synthetic, store.fingerprint(store.resolve(synthetic)));
    if (config.evaluate().holdout() != null) {
      in.put(config.evaluate().holdout(), store.fingerprint(store.resolve(
          config.evaluate().holdout())));
    }
    return in;
  }

  /** The resolved config next to the report ("configuration is provenance"). */
  private static void writeConfig(FileStore store, Path reportFile,
      JobConfigLoader.Loaded loaded) {
    String name = reportFile.getName().replaceFirst("\\.json$", "");
    store.writeString(new Path(reportFile.getParent(), name + ".config.yaml"),
        "# The resolved config of this evaluation (" + loaded.file() + ")\n"
            + loaded.resolvedYaml());
  }

  /** All of the input as training (capped as usual), and the holdout file's rows. */
  private static PreparedData withHoldoutFile(SparkSession spark, JobConfig config, String holdout,
      Console console) {
    console.step(1, STEPS, "validate " + config.input().path());
    SparkIngest.Ingested in = SparkIngest.ingest(spark, config.input());
    console.detail(in.schema().summary(in.source()));
    TableSchema schema = in.schema().schema();
    long trainRows = in.rows();
    if (trainRows < 10) {
      in.text().unpersist();
      throw new InvalidInputException(Problem.ofInput(in.source(), "only " + trainRows + " rows",
          "evaluate against a larger real dataset"));
    }
    Dataset<Row> trainingText = DataSplit.atMost(in.text(), trainRows,
        config.split().maxTrainRows(), config.seeds().seed("train.subsample"));
    Table training = SparkTables.collect(trainingText, schema, in.source(),
        config.split().maxTrainRows());
    Dataset<Row> hold = TableSource.open(spark, holdout, schema.modelled().names(), "holdout",
        config.input().csv());
    long holdRows = hold.count();
    Table holdoutTable = SampleCollector.collect(hold, schema.modelled(), holdRows,
        config.evaluate().maxRows(), config.seeds().seed("holdout.subsample"), holdout.toString());
    console.step(2, STEPS, String.format(Locale.ROOT, "reference: all %,d rows of %s; holdout:"
        + " %,d rows of %s", trainRows, in.source(), holdRows, holdout));
    return new PreparedData(in, trainingText, training, holdoutTable, trainRows, holdRows);
  }
}
