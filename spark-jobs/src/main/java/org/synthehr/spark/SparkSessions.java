package org.synthehr.spark;

import org.apache.spark.sql.SparkSession;
import org.synthehr.spark.config.SparkConfig;

/**
 * Creates the Spark session. Embedded runs get {@code spark.master} from the config and
 * loopback-only local settings; under {@code spark-submit} (which sets the {@code spark.master}
 * system property) nothing about the cluster is set in code.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** A session for a job. */
  public static SparkSession create(String appName, SparkConfig config) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (System.getProperty("spark.master") == null) {
      b.master(config.master())
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "8");
    }
    b.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        // Wide EHR tables (50+ columns) would otherwise warn about truncated plan strings.
        .config("spark.sql.debug.maxToStringFields", "1000")
        .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "true");
    config.conf().forEach(b::config);
    return b.getOrCreate();
  }
}
