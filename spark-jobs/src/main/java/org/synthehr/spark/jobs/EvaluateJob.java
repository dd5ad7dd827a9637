package org.synthehr.spark.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.OutputExistsException;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.result.Report;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;

/**
 * Scores a synthetic Parquet dataset against the configured real input (split into training and
 * holdout exactly as the pipeline splits it) and writes {@code report.json}.
 */
public final class EvaluateJob {
  private static final int STEPS = 3;

  private EvaluateJob() {}

  /** Evaluates and writes the report. */
  public static Report run(SparkSession spark, JobConfigLoader.Loaded loaded, Path syntheticDir,
      Path reportFile, boolean overwrite, Console console) {
    if (Files.exists(reportFile) && !overwrite) {
      throw new OutputExistsException(reportFile);
    }
    JobConfig config = loaded.config();
    PreparedData data = PreparedData.prepare(spark, config, console, 1, STEPS);
    try {
      console.step(3, STEPS, "evaluate " + syntheticDir);
      TableSchema modelled = data.ingested().schema().schema().modelled();
      Table synthetic = SyntheticReader.read(spark, syntheticDir, modelled, 0,
          config.evaluate().maxRows(), config.seeds().seed("evaluate.subsample"));
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("training_rows", data.trainingRows());
      counts.put("holdout_rows", data.holdoutRows());
      counts.put("synthetic_rows_evaluated", synthetic.rowCount());
      Provenance provenance = Training.provenance(config, loaded.resolvedYaml(), spark.version());
      Report report = Evaluation.report(config, data.training().modelled(),
          data.holdout().modelled(), synthetic, counts, provenance, console);
      Path tmp = reportFile.toAbsolutePath().resolveSibling("." + reportFile.getFileName() + ".tmp");
      Json.write(tmp, report);
      try {
        Files.move(tmp, reportFile, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + reportFile, e);
      }
      console.line("Wrote " + reportFile);
      return report;
    } finally {
      data.ingested().text().unpersist();
    }
  }
}
