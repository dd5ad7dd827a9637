package org.synthehr.spark.longitudinal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.longitudinal.VariableSpec;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.generator.longitudinal.TwinForecast;
import org.synthehr.generator.longitudinal.TwinRequest;
import org.synthehr.spark.sampling.DistributedSampler.ModelLocation;

/**
 * Draws digital twins across Spark tasks, one {@link HistoryBlock} at a time; each task loads the
 * model once from the run's filesystem. Only the future is emitted (steps from the cut on): the
 * histories are the user's own data and stay in their files. The result is tagged rows ({@code
 * kind} = person, measurement or fan), each kind in its own struct column: one person per patient
 * and twin, one measurement per charted future value, and per patient, variable and step the
 * history and the twins' 10/25/50/75/90th percentiles for the fan charts.
 */
final class TwinSampler {
  static final String PERSON = "person";
  static final String MEASUREMENT = "measurement";
  static final String FAN = "fan";
  static final String TWIN = "twin";
  private static final double[] QUANTILES = {0.10, 0.25, 0.50, 0.75, 0.90};

  private TwinSampler() {}

  static Dataset<Row> sample(SparkSession spark, ModelLocation model, List<HistoryBlock> blocks,
      int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parts = Math.max(1, Math.min(partitions > 0 ? partitions : jsc.defaultParallelism(),
        blocks.size()));
    FlatMapFunction<Iterator<HistoryBlock>, Row> fn = it -> new BlockRows<>(it, model,
        TwinSampler::block);
    return spark.createDataFrame(jsc.parallelize(blocks, parts).mapPartitions(fn), rowType());
  }

  /** The tagged rows of one block: what any partitioning reproduces. */
  static List<Row> block(FittedTrajectorySynthesizer model, HistoryBlock b) {
    CohortSchema schema = model.schema();
    Cohort patients = b.cohort(schema);
    TwinForecast f = model.sampleTwins(new TwinRequest(patients, b.cut(), b.horizon(),
        b.samples(), b.seed()));
    List<Row> out = new ArrayList<>();
    int label = schema.label() == null ? -1 : schema.statics().names().indexOf(schema.label());
    double stepHours = schema.grid().stepMinutes() / 60.0;
    double cutHours = b.cut() * stepHours;
    int until = b.cut() + b.horizon();
    long measurementId = b.firstOrdinal() * b.samples() * (long) schema.steps()
        * schema.variableCount();
    for (int p = 0; p < patients.size(); p++) {
      String id = patients.id(p);
      for (int s = 0; s < b.samples(); s++) {
        Cohort twin = f.samples().get(s);
        long personId = (b.firstOrdinal() + p) * b.samples() + s + 1;
        String outcome = label < 0 || twin.statics().column(label).isMissing(p) ? null
            : twin.statics().format(p, label);
        out.add(tagged(PERSON, RowFactory.create(personId, id, s, cutHours, until * stepHours,
            twin.end(p) * stepHours, outcome)));
        for (int t = b.cut(); t < until; t++) {
          for (int k = 0; k < schema.variableCount(); k++) {
            float v = twin.value(p, t, k);
            measurementId++;
            if (!Float.isNaN(v)) {
              VariableSpec spec = schema.variables().get(k);
              out.add(tagged(MEASUREMENT, RowFactory.create(measurementId, personId, id, s,
                  spec.name(), spec.unit(), t * stepHours, (double) v)));
            }
          }
        }
      }
      fans(out, schema, patients, f, p, b.cut(), until);
    }
    if (b.keepTwins()) {
      for (int s = 0; s < b.samples(); s++) {
        Cohort twin = f.samples().get(s);
        String[][] statics = HistoryBlock.cells(twin);
        for (int p = 0; p < patients.size(); p++) {
          Float[] values = new Float[schema.steps() * schema.variableCount()];
          for (int t = 0; t < schema.steps(); t++) {
            for (int k = 0; k < schema.variableCount(); k++) {
              float v = twin.value(p, t, k);
              values[t * schema.variableCount() + k] = Float.isNaN(v) ? null : v;
            }
          }
          out.add(tagged(TWIN, RowFactory.create(b.firstOrdinal() + p, s, twin.end(p),
              BlockRows.seq(statics[p]), BlockRows.seq(values))));
        }
      }
    }
    return out;
  }

  private static void fans(List<Row> out, CohortSchema schema, Cohort patients, TwinForecast f,
      int p, int cut, int until) {
    String id = patients.id(p);
    int samples = f.samples().size();
    for (int k = 0; k < schema.variableCount(); k++) {
      String name = schema.variables().get(k).name();
      for (int t = 0; t < until; t++) {
        Float history = null;
        if (t < cut) {
          float h = patients.value(p, t, k);
          history = Float.isNaN(h) ? null : h;
          if (history != null) {
            out.add(tagged(FAN, RowFactory.create(id, name, t, history, null, null, null, null,
                null, null)));
          }
          continue;
        }
        double[] v = new double[samples];
        int n = 0;
        for (int s = 0; s < samples; s++) {
          float x = f.value(s, p, t, k);
          if (!Float.isNaN(x)) {
            v[n++] = x;
          }
        }
        if (n == 0) {
          continue;
        }
        double[] sorted = Arrays.copyOf(v, n);
        Arrays.sort(sorted);
        Object[] q = new Object[QUANTILES.length];
        for (int i = 0; i < q.length; i++) {
          q[i] = quantile(sorted, QUANTILES[i]);
        }
        out.add(tagged(FAN, RowFactory.create(id, name, t, null, q[0], q[1], q[2], q[3], q[4],
            (double) n / samples)));
      }
    }
  }

  /** Linear interpolation between order statistics (type 7, as R and NumPy default). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static Row tagged(String kind, Row row) {
    return RowFactory.create(kind, kind.equals(PERSON) ? row : null,
        kind.equals(MEASUREMENT) ? row : null, kind.equals(FAN) ? row : null,
        kind.equals(TWIN) ? row : null);
  }

  static StructType rowType() {
    StructType person = struct(f("person_id", DataTypes.LongType),
        f("person_source_value", DataTypes.StringType), f("twin_index", DataTypes.IntegerType),
        f("cut_hours", DataTypes.DoubleType), f("horizon_end_hours", DataTypes.DoubleType),
        f("record_end_hours", DataTypes.DoubleType), f("outcome", DataTypes.StringType));
    StructType measurement = struct(f("measurement_id", DataTypes.LongType),
        f("person_id", DataTypes.LongType), f("person_source_value", DataTypes.StringType),
        f("twin_index", DataTypes.IntegerType), f("measurement_source_value",
            DataTypes.StringType), f("unit_source_value", DataTypes.StringType),
        f("hours", DataTypes.DoubleType), f("value_as_number", DataTypes.DoubleType));
    StructType fan = struct(f("person_source_value", DataTypes.StringType),
        f("variable", DataTypes.StringType), f("step", DataTypes.IntegerType),
        f("history", DataTypes.FloatType), f("q10", DataTypes.DoubleType),
        f("q25", DataTypes.DoubleType), f("q50", DataTypes.DoubleType),
        f("q75", DataTypes.DoubleType), f("q90", DataTypes.DoubleType),
        f("charted_share", DataTypes.DoubleType));
    StructType twin = struct(f("ordinal", DataTypes.LongType), f("sample", DataTypes.IntegerType),
        f("end", DataTypes.IntegerType), f("statics", DataTypes.createArrayType(
            DataTypes.StringType, true)), f("values", DataTypes.createArrayType(
                DataTypes.FloatType, true)));
    return struct(f("kind", DataTypes.StringType), f(PERSON, person), f(MEASUREMENT, measurement),
        f(FAN, fan), f(TWIN, twin));
  }

  private static StructType struct(StructField... fields) {
    return new StructType(fields);
  }

  private static StructField f(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }
}
