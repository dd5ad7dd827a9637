package org.synthehr.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.synthehr.core.schema.TableSchema;

/**
 * Deterministic row selection by seeded hashes (xxhash64), so the train/holdout split and any
 * subsample are the same however the data is partitioned.
 */
public final class DataSplit {
  private static final long BUCKETS = 1_000_000L;

  private DataSplit() {}

  /**
   * The hash bucket in [0, 1e6) of each row: of the entity key when there is one (a patient's rows
   * share it), else of the whole row.
   */
  public static Column bucket(TableSchema schema, long seed) {
    List<String> keys = schema.entityKey() != null ? List.of(schema.entityKey()) : schema.names();
    Column[] cols = new Column[keys.size() + 1];
    cols[0] = lit(seed);
    for (int i = 0; i < keys.size(); i++) {
      cols[i + 1] = col("`" + keys.get(i) + "`");
    }
    return pmod(xxhash64(cols), lit(BUCKETS));
  }

  /** Training rows: bucket at or above the holdout share. */
  public static Dataset<Row> training(Dataset<Row> ds, TableSchema schema, double holdout,
      long seed) {
    return ds.filter(bucket(schema, seed).geq(lit((long) Math.round(holdout * BUCKETS))));
  }

  /** Holdout rows: bucket below the holdout share. */
  public static Dataset<Row> holdout(Dataset<Row> ds, TableSchema schema, double holdout,
      long seed) {
    return ds.filter(bucket(schema, seed).lt(lit((long) Math.round(holdout * BUCKETS))));
  }

  /**
   * About {@code max} rows of {@code ds} (a few more at most), chosen by a seeded hash of each
   * whole row (independent of partitioning); all rows if it has fewer. Cap the result when
   * reading it ({@code SparkTables.collect(..., max)}).
   */
  public static Dataset<Row> atMost(Dataset<Row> ds, long count, long max, long seed) {
    if (count <= max) {
      return ds;
    }
    TableSchema all = TableSchema.of(List.of(ds.columns()).stream()
        .map(n -> org.synthehr.core.schema.ColumnSpec.of(n,
            org.synthehr.core.schema.ColumnKind.TEXT)).toList());
    double share = (double) max / count;
    // Slightly more than max rows may pass the hash; the reader keeps the first max in canonical
    // order (SparkTables.table). A limit() here would keep whichever rows a shuffle delivered
    // first, which depends on the cluster.
    return ds.filter(bucket(all, seed).lt(lit((long) Math.floor(share * BUCKETS))));
  }
}
