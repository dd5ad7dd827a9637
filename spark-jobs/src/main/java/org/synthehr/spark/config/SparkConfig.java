package org.synthehr.spark.config;

import java.util.Map;

/**
 * {@code spark:} the Spark session. Ignored settings: {@code master} under spark-submit, which sets
 * its own.
 *
 * @param master Spark master for embedded runs, default {@code local[*]}
 * @param conf extra Spark settings (e.g. spark.sql.shuffle.partitions)
 */
public record SparkConfig(String master, Map<String, String> conf) {
  public SparkConfig {
    master = master == null || master.isBlank() ? "local[*]" : master;
    conf = conf == null ? Map.of() : Map.copyOf(conf);
  }
}
