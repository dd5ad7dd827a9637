package org.synthehr.spark.privacy;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.synthehr.core.io.Json;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.privacy.PrivacyConfig;
import org.synthehr.privacy.disclosure.RareCategories;
import org.synthehr.privacy.disclosure.TrainingRowHashes;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.ingest.SparkTables;
import org.synthehr.spark.jobs.Console;

/**
 * The disclosure controls of a run, applied before anything is written: rare categories are merged
 * or suppressed in the table the model trains on (so the model's vocabulary never holds them), and
 * the fingerprints of the training rows are prepared for the sampling tasks, which drop synthetic
 * rows that copy one. Identifiers are never modelled in the first place.
 */
public final class DisclosureControls {
  private DisclosureControls() {}

  /**
   * The table to train on: the training split with rare categories controlled.
   *
   * @param figures the run's figures, where the counts are recorded
   */
  public static Table beforeTraining(JobConfig config, Table training, Map<String, Object> figures,
      Console console) {
    PrivacyConfig.Controls controls = config.privacy().controls();
    RareCategories.Result r = RareCategories.apply(training, controls);
    figures.put(PrivacyFigures.RARE_CATEGORIES, r.categoriesAffected());
    figures.put(PrivacyFigures.RARE_CELLS, r.rowsChanged());
    if (r.categoriesAffected() > 0) {
      console.detail(String.format(Locale.ROOT, "disclosure control: %d categories held by fewer"
          + " than %d training rows %s in %d columns (%,d cells) before training",
          r.categoriesAffected(), controls.rareCategoryMinCount(),
          controls.rareCategoryAction().equals("merge") ? "merged into '" + controls.otherLabel()
              + "' or suppressed" : "suppressed",
          r.categoriesMerged().size() + r.categoriesSuppressed().size(), r.rowsChanged()));
    }
    return r.table();
  }

  /** Fingerprints of the training rows for the sampling tasks, or null when the control is off. */
  public static TrainingRowHashes copyFilter(JobConfig config, Table training) {
    return config.privacy().controls().removeExactCopies() ? TrainingRowHashes.of(training) : null;
  }

  /**
   * Fingerprints of all the rows the model trains on, computed in a Spark task from the same
   * partition the training task reads (the driver holds only a subsample of them), or null when
   * the control is off.
   *
   * @param trainingText the training rows as text cells in schema order
   * @param maxRows the training cap (split.max_train_rows)
   */
  public static TrainingRowHashes copyFilter(JobConfig config, Dataset<Row> trainingText,
      TableSchema schema, String source, long maxRows) {
    if (!config.privacy().controls().removeExactCopies()) {
      return null;
    }
    String schemaJson = Json.toString(schema); // schemas are records, not Serializable
    return trainingText.toJavaRDD().coalesce(1).mapPartitions((Iterator<Row> rows) -> List.of(
        TrainingRowHashes.of(SparkTables.table(rows, Json.mapper().readValue(schemaJson,
            TableSchema.class), source, maxRows))).iterator()).collect().get(0);
  }
}
