package org.synthehr.spark.longitudinal;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.longitudinal.PlausibilityReport;
import org.synthehr.core.longitudinal.omop.OmopConfig;
import org.synthehr.core.longitudinal.omop.OmopExport;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.generator.longitudinal.SampledCohort;
import org.synthehr.spark.ingest.SparkTables;
import org.synthehr.spark.sampling.DistributedSampler.ModelLocation;

/**
 * Samples synthetic patients across Spark tasks. Patients are cut into fixed blocks; block b is
 * drawn with the seed derived from (run seed, "sample", b) and gets person ids
 * {@code b * blockPatients + 1 ...}, so the output is identical for any number of partitions and
 * when Spark retries a task. Each task loads the model once, from the run's filesystem (so a
 * cluster needs no disk shared with the driver, and the model is not broadcast from its memory).
 *
 * <p>The result is one dataset of tagged rows ({@code kind} = person, visit, measurement, grid or
 * violations), each kind in its own struct column: the OMOP-shaped tables, the patients in grid
 * form (for evaluation on the driver) and each block's raw plausibility violations.
 */
public final class CohortSampler {
  /** The seed stream of sampling. */
  public static final String STREAM = "sample";
  static final String PERSON = "person";
  static final String VISIT = "visit";
  static final String MEASUREMENT = "measurement";
  static final String GRID = "grid";
  static final String VIOLATIONS = "violations";

  private CohortSampler() {}

  /**
   * The tagged rows of all blocks.
   *
   * @param model where the saved model is (each task loads it from there)
   * @param schema the model's cohort schema
   * @param patients total patients
   * @param blockPatients patients per block
   * @param partitions Spark partitions (0 = default parallelism)
   * @param seed the run seed
   * @param omop the OMOP mapping
   */
  public static Dataset<Row> sample(SparkSession spark, ModelLocation model, CohortSchema schema,
      long patients, int blockPatients, int partitions, long seed, OmopConfig omop) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long blocks = (patients + blockPatients - 1) / blockPatients;
    int parts = partitions > 0 ? partitions : jsc.defaultParallelism();
    parts = (int) Math.max(1, Math.min(parts, Math.max(1, blocks)));
    StructType type = rowType(schema);
    MapPartitionsFunction<Long, Row> fn = ids -> new BlockRows<>(ids, model,
        (m, b) -> block(m, b, patients, blockPatients, seed, omop));
    return spark.range(0, blocks, 1, parts).mapPartitions(fn, Encoders.row(type));
  }

  /** The tagged rows of one block: the reference any partitioning reproduces. */
  public static List<Row> block(FittedTrajectorySynthesizer model, long b, long patients,
      int blockPatients, long seed, OmopConfig omop) {
    int n = (int) Math.min(blockPatients, patients - b * blockPatients);
    Seeds seeds = Seeds.of(seed);
    SampledCohort sc = model.sampleCohort(n, seeds.blockSeed(STREAM, b));
    long first = b * blockPatients + 1;
    Cohort c = sc.cohort();
    OmopExport.Tables t = OmopExport.export(c, first, omop, seeds.blockSeed("omop", b));
    List<Row> out = new ArrayList<>();
    tag(out, PERSON, t.person());
    tag(out, VISIT, t.visit());
    tag(out, MEASUREMENT, t.measurement());
    for (int p = 0; p < n; p++) {
      String[] statics = new String[c.statics().columnCount()];
      for (int i = 0; i < statics.length; i++) {
        statics[i] = c.statics().column(i).isMissing(p) ? null : c.statics().format(p, i);
      }
      Float[] values = new Float[c.steps() * c.variables()];
      for (int t2 = 0; t2 < c.steps(); t2++) {
        for (int k = 0; k < c.variables(); k++) {
          float v = c.value(p, t2, k);
          values[t2 * c.variables() + k] = Float.isNaN(v) ? null : v;
        }
      }
      out.add(RowFactory.create(GRID, null, null, null, RowFactory.create(first + p, c.end(p),
          BlockRows.seq(statics), BlockRows.seq(values)), null));
    }
    PlausibilityReport v = sc.rawViolations();
    out.add(RowFactory.create(VIOLATIONS, null, null, null, null, RowFactory.create(v.patients(),
        v.values(), v.outOfBounds(), v.tooFrequent(), v.afterEnd())));
    return out;
  }

  private static void tag(List<Row> out, String kind, Table table) {
    for (Row r : SparkTables.rows(table)) {
      out.add(RowFactory.create(kind, kind.equals(PERSON) ? r : null, kind.equals(VISIT) ? r : null,
          kind.equals(MEASUREMENT) ? r : null, null, null));
    }
  }

  /** The Spark type of the tagged rows. */
  static StructType rowType(CohortSchema schema) {
    OmopExport.Tables empty = OmopExport.export(new Cohort(schema, new String[0],
        emptyStatics(schema), new float[0], new int[0]), 1, OmopConfig.minimal(), 0);
    StructType grid = new StructType(new StructField[] {
        field("person_id", DataTypes.LongType), field("end", DataTypes.IntegerType),
        field("statics", DataTypes.createArrayType(DataTypes.StringType, true)),
        field("values", DataTypes.createArrayType(DataTypes.FloatType, true))});
    StructType violations = new StructType(new StructField[] {field("patients",
        DataTypes.LongType), field("values", DataTypes.LongType), field("out_of_bounds",
        DataTypes.LongType), field("too_frequent", DataTypes.LongType), field("after_end",
        DataTypes.LongType)});
    return new StructType(new StructField[] {field("kind", DataTypes.StringType),
        field(PERSON, SparkTables.structType(empty.person().schema())),
        field(VISIT, SparkTables.structType(empty.visit().schema())),
        field(MEASUREMENT, SparkTables.structType(empty.measurement().schema())),
        field(GRID, grid), field(VIOLATIONS, violations)});
  }

  private static Table emptyStatics(CohortSchema schema) {
    return new org.synthehr.core.table.TableBuilder(schema.statics(), "empty").build();
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }
}
