package org.synthehr.spark.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param classBalance share of each class of the label column, e.g. {@code {"<30": 0.5, "*": 0.5}}
 *     ({@code *} = every other class); empty for the model's own proportions
 */
public record SampleConfig(long rows, int blockRows, int partitions, List<String> conditions,
    Map<String, Double> classBalance) {
  public SampleConfig {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    classBalance = classBalance == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classBalance));
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
