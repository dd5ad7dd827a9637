package org.synthehr.spark.evaluate;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.BooleanSpelling;
import org.synthehr.core.table.Table;
import org.synthehr.spark.ingest.DataSplit;
import org.synthehr.spark.ingest.SparkTables;

/**
 * Collects a seeded subsample of a dataset to the driver as a {@link Table} for the model-based
 * metrics. The rows are chosen by a seeded hash of each row (the same rows however the data is
 * partitioned). The schema is relaxed for data from other tools: categories are learned from the
 * data rather than checked against the real data's closed sets (values the real data never has are
 * a fidelity finding, not an input error), and integer columns accept fractions.
 */
public final class SampleCollector {
  private SampleCollector() {}

  /**
   * At most {@code max} rows.
   *
   * @param rows the dataset's row count (known from its statistics)
   */
  public static Table collect(Dataset<Row> ds, TableSchema schema, long rows, int max, long seed,
      String source) {
    Dataset<Row> text = SparkTables.asText(ds, schema.names());
    return SparkTables.collect(DataSplit.atMost(text, rows, max, seed), relaxed(schema), source,
        max);
  }

  /**
   * The schema without closed category sets (boolean spellings kept), with integer columns read as
   * continuous.
   */
  public static TableSchema relaxed(TableSchema schema) {
    Map<String, ColumnSpec> replaced = new HashMap<>();
    for (ColumnSpec c : schema.columns()) {
      if (c.kind() == ColumnKind.INTEGER) {
        replaced.put(c.name(), new ColumnSpec(c.name(), ColumnKind.CONTINUOUS, null, null,
            c.missingValues(), c.unit()));
      } else if (c.kind().isDiscrete() && !c.categories().isEmpty()
          && !(c.kind() == ColumnKind.BOOLEAN && BooleanSpelling.isSpelling(c.categories()))) {
        // A boolean's spelling is kept: it is how every side's values are decoded by meaning.
        replaced.put(c.name(), c.withCategories(java.util.List.of()));
      }
    }
    return schema.replace(replaced);
  }
}
