package org.synthehr.spark.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.core.error.OutputExistsException;
import org.synthehr.core.schema.InferredSchema;
import org.synthehr.core.schema.SchemaFile;
import org.synthehr.spark.config.JobConfigLoader;
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
      Path writeSchema, boolean overwrite, Console console) {
    if (writeSchema != null && Files.exists(writeSchema) && !overwrite) {
      throw new OutputExistsException(writeSchema);
    }
    console.step(1, 1, "validate " + loaded.config().input().path());
    SparkIngest.Ingested in = SparkIngest.ingest(spark, loaded.config().input());
    try {
      console.detail(in.schema().summary(in.source()));
      console.detail(String.format(java.util.Locale.ROOT, "OK: %,d rows, %d columns kept",
          in.rows(), in.schema().schema().columns().size()));
      if (writeSchema != null) {
        Path tmp = writeSchema.resolveSibling("." + writeSchema.getFileName() + ".tmp");
        try {
          Files.writeString(tmp, ConfigLoader.toYaml(SchemaFile.of(in.schema().schema())));
          Files.move(tmp, writeSchema, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + writeSchema, e);
        }
        console.detail("wrote the resolved schema to " + writeSchema);
      }
      return in.schema();
    } finally {
      in.text().unpersist();
    }
  }
}
