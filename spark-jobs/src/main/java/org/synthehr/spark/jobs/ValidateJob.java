package org.synthehr.spark.jobs;

import org.apache.spark.sql.SparkSession;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.core.error.OutputExistsException;
import org.synthehr.core.schema.InferredSchema;
import org.synthehr.core.schema.SchemaFile;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.ingest.SparkIngest;

/** Checks the input against its schema and explains every column's kind; writes nothing by default. */
public final class ValidateJob {
  private ValidateJob() {}

  /**
   * Validates.
   *
   * @param writeSchema if not null, the resolved schema is written there as a schema file
   */
  public static InferredSchema run(SparkSession spark, JobConfigLoader.Loaded loaded,
      String writeSchema, boolean overwrite, Console console) {
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path schemaFile = writeSchema == null ? null : store.resolve(writeSchema);
    if (schemaFile != null && store.exists(schemaFile) && !overwrite) {
      throw new OutputExistsException(writeSchema);
    }
    console.step(1, 1, "validate " + loaded.config().input().path());
    SparkIngest.Ingested in = SparkIngest.ingest(spark, loaded.config().input());
    try {
      console.detail(in.schema().summary(in.source()));
      console.detail(String.format(java.util.Locale.ROOT, "OK: %,d rows, %d columns kept",
          in.rows(), in.schema().schema().columns().size()));
      if (schemaFile != null) {
        store.writeString(schemaFile, ConfigLoader.toYaml(SchemaFile.of(in.schema().schema())));
        console.detail("wrote the resolved schema to " + writeSchema);
      }
      return in.schema();
    } finally {
      in.text().unpersist();
    }
  }
}
