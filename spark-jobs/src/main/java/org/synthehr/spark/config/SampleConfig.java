package org.synthehr.spark.config;

import java.util.List;
import org.synthehr.core.error.InvalidConfigException;

/**
 * {@code sample:} how many synthetic rows to draw and how. Rows are drawn in blocks of
 * {@code blockRows}; block b always uses the seed derived from (run seed, b), so the output is the
 * same for any number of partitions and on task retries.
 *
 * @param rows rows to draw; 0 means as many as the training split has
 * @param blockRows rows per block (the unit of determinism and of work per task)
 * @param partitions Spark partitions for sampling; 0 means Spark's default parallelism
 * @param conditions conditions every row satisfies, e.g. {@code readmitted=<30} or {@code age=..}
 */
public record SampleConfig(long rows, int blockRows, int partitions, List<String> conditions) {
  public SampleConfig {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    if (rows < 0) {
      throw new InvalidConfigException("sample.rows must be 0 (as many as training) or positive.");
    }
    if (blockRows < 1) {
      throw new InvalidConfigException("sample.block_rows must be positive, got " + blockRows + ".");
    }
    if (partitions < 0) {
      throw new InvalidConfigException("sample.partitions must be 0 (Spark's default) or positive.");
    }
  }
}
