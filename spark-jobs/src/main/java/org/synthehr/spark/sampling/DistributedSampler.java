package org.synthehr.spark.sampling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.synthehr.core.io.Json;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.generator.ClassBalance;
import org.synthehr.generator.Condition;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.privacy.disclosure.TrainingRowHashes;
import org.synthehr.spark.fs.HadoopConf;
import org.synthehr.spark.ingest.SparkTables;

/**
 * Samples synthetic rows across Spark tasks. The rows are cut into fixed blocks; block b is drawn
 * with the seed derived from (run seed, "sample", b), so the output is identical for any number of
 * partitions and when Spark retries a task. Each task unpacks the broadcast model once.
 *
 * <p>With a copy filter, each task also gets the broadcast fingerprints of the training rows (never
 * the rows): rows of a block that copy a training row are dropped and counted, and the block is
 * topped up from further draws with seeds derived from (run seed, b, attempt), so the output stays
 * independent of partitioning.
 *
 * <p>With a class balance of the label ({@link ClassBalance}), every block, and so the whole output,
 * has it.
 */
public final class DistributedSampler {
  /** The seed stream of sampling. */
  public static final String STREAM = "sample";
  /** The seed stream of the draws that replace removed copies. */
  public static final String REFILL_STREAM = "sample.refill";
  /** Top-up draws per block before a block is left short. */
  static final int REFILL_ATTEMPTS = 8;

  /**
   * Sampled rows and the count of copies removed from them.
   *
   * @param rows the synthetic rows (lazy: counts are known once an action has run)
   * @param copies per-block counts of removed copies, filled by the tasks
   */
  public record Sampled(Dataset<Row> rows, CollectionAccumulator<long[]> copies) {
    /** Copies removed (each block counted once, whatever Spark retried); after an action. */
    public long copiesRemoved() {
      if (copies == null) {
        return 0;
      }
      java.util.Map<Long, Long> perBlock = new java.util.HashMap<>();
      for (long[] c : copies.value()) {
        perBlock.put(c[0], c[1]);
      }
      return perBlock.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Where the tasks find the saved model: a directory on the run's filesystem, with the Hadoop
   * configuration to reach it.
   *
   * @param uri the model directory
   * @param hadoop the driver's Hadoop configuration
   */
  public record ModelLocation(String uri, HadoopConf hadoop) implements java.io.Serializable {
    /** A model directory on the local disk (embedded runs and tests). */
    public static ModelLocation local(java.nio.file.Path dir) {
      return new ModelLocation(dir.toAbsolutePath().toUri().toString(),
          new HadoopConf(new org.apache.hadoop.conf.Configuration()));
    }

    /** The directory as a Hadoop path. */
    public org.apache.hadoop.fs.Path path() {
      return new org.apache.hadoop.fs.Path(uri);
    }
  }

  private DistributedSampler() {}

  /**
   * The synthetic rows as a Spark dataset, in block order.
   *
   * @param model where the saved model is (each task loads it from there)
   * @param schema the model's output schema
   * @param rows total rows
   * @param blockRows rows per block
   * @param partitions Spark partitions (0 = default parallelism)
   * @param seed the run seed
   * @param conditions conditions as {@code column=value} text, parsed in each task
   */
  public static Dataset<Row> sample(SparkSession spark, ModelLocation model, TableSchema schema,
      long rows, int blockRows, int partitions, long seed, List<String> conditions) {
    return sample(spark, model, schema, rows, blockRows, partitions, seed, conditions,
        Map.of(), null).rows();
  }

  /**
   * The synthetic rows with a class balance of the label column (see {@link ClassBalance}; empty =
   * the model's own proportions).
   */
  public static Dataset<Row> sample(SparkSession spark, ModelLocation model, TableSchema schema,
      long rows, int blockRows, int partitions, long seed, List<String> conditions,
      Map<String, Double> classBalance) {
    return sample(spark, model, schema, rows, blockRows, partitions, seed, conditions,
        classBalance, null).rows();
  }

  /** The synthetic rows without exact copies of training rows (null {@code copies}: no filter). */
  public static Sampled sample(SparkSession spark, ModelLocation model, TableSchema schema,
      long rows, int blockRows, int partitions, long seed, List<String> conditions,
      TrainingRowHashes copies) {
    return sample(spark, model, schema, rows, blockRows, partitions, seed, conditions,
        Map.of(), copies);
  }

  /**
   * The synthetic rows with a class balance, without exact copies of training rows.
   *
   * @param classBalance share of each label class (empty: the model's own proportions)
   * @param copies fingerprints of the training rows, or null for no filter
   */
  public static Sampled sample(SparkSession spark, ModelLocation model, TableSchema schema,
      long rows, int blockRows, int partitions, long seed, List<String> conditions,
      Map<String, Double> classBalance, TrainingRowHashes copies) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<TrainingRowHashes> hashes = copies == null ? null : jsc.broadcast(copies);
    CollectionAccumulator<long[]> removed = copies == null ? null
        : spark.sparkContext().collectionAccumulator("synthetic copies removed");
    long blocks = (rows + blockRows - 1) / blockRows;
    int parts = partitions > 0 ? partitions : jsc.defaultParallelism();
    parts = (int) Math.max(1, Math.min(parts, Math.max(1, blocks)));
    StructType sparkSchema = SparkTables.structType(schema);
    String schemaJson = Json.toString(schema);
    List<String> conds = List.copyOf(conditions);
    LinkedHashMap<String, Double> balance = new LinkedHashMap<>(classBalance);
    MapPartitionsFunction<Long, Row> fn = ids -> new BlockIterator(ids, model,
        schemaJson, rows, blockRows, seed, conds, balance,
        hashes == null ? null : hashes.value(), removed);
    return new Sampled(spark.range(0, blocks, 1, parts).mapPartitions(fn,
        Encoders.row(sparkSchema)), removed);
  }

  /**
   * Block {@code b} without copies of training rows: the reference draw, then top-up draws for the
   * rows removed.
   *
   * @param removed receives the number of copies removed
   */
  public static Table block(FittedSynthesizer model, long b, long rows, int blockRows, long seed,
      List<Condition> conditions, TrainingRowHashes copies, long[] removed) {
    return block(model, b, rows, blockRows, seed, conditions, null, copies, removed);
  }

  /**
   * Block {@code b} with a class balance (null for none), without copies of training rows (null
   * {@code copies} for no filter).
   *
   * @param removed receives the number of copies removed
   */
  public static Table block(FittedSynthesizer model, long b, long rows, int blockRows, long seed,
      List<Condition> conditions, ClassBalance balance, TrainingRowHashes copies,
      long[] removed) {
    Table t = block(model, b, rows, blockRows, seed, conditions, balance);
    if (copies == null) {
      return t;
    }
    int want = t.rowCount();
    TrainingRowHashes.Filtered f = copies.removeCopies(t);
    long dropped = f.removed();
    Table kept = f.kept();
    Seeds seeds = Seeds.of(seed).child(REFILL_STREAM);
    for (int attempt = 0; kept.rowCount() < want && attempt < REFILL_ATTEMPTS; attempt++) {
      SampleRequest request = new SampleRequest(want - kept.rowCount(),
          seeds.blockSeed("attempt-" + attempt, b), conditions);
      Table more = balance == null ? model.sample(request) : balance.sample(model, request);
      TrainingRowHashes.Filtered g = copies.removeCopies(more);
      dropped += g.removed();
      kept = Table.concat(List.of(kept, g.kept()));
    }
    removed[0] = dropped;
    return kept;
  }

  /** The rows of block {@code b}: the reference draw any partitioning must reproduce. */
  public static Table block(FittedSynthesizer model, long b, long rows, int blockRows, long seed,
      List<Condition> conditions) {
    return block(model, b, rows, blockRows, seed, conditions, (ClassBalance) null);
  }

  /** The rows of block {@code b} with a class balance (null for none). */
  public static Table block(FittedSynthesizer model, long b, long rows, int blockRows, long seed,
      List<Condition> conditions, ClassBalance balance) {
    int n = (int) Math.min(blockRows, rows - b * blockRows);
    SampleRequest request = new SampleRequest(n, Seeds.of(seed).blockSeed(STREAM, b), conditions);
    return balance == null ? model.sample(request) : balance.sample(model, request);
  }

  /** Draws the blocks of one partition lazily, one block in memory at a time. */
  private static final class BlockIterator implements Iterator<Row> {
    private final Iterator<Long> ids;
    private final long rows;
    private final int blockRows;
    private final long seed;
    private final FittedSynthesizer model;
    private final List<Condition> conditions;
    private final ClassBalance balance;
    private final TrainingRowHashes copies;
    private final CollectionAccumulator<long[]> removed;
    private Iterator<Row> current = Collections.emptyIterator();
    private boolean closed;

    BlockIterator(Iterator<Long> ids, ModelLocation location, String schemaJson, long rows, int blockRows,
        long seed, List<String> conditionText, Map<String, Double> classBalance,
        TrainingRowHashes copies, CollectionAccumulator<long[]> removed) throws Exception {
      this.ids = ids;
      this.copies = copies;
      this.removed = removed;
      this.rows = rows;
      this.blockRows = blockRows;
      this.seed = seed;
      this.model = ModelBundle.load(location.hadoop().store(), location.path());
      TableSchema schema = Json.mapper().readValue(schemaJson, TableSchema.class);
      List<Condition> parsed = new ArrayList<>();
      for (String c : conditionText) {
        parsed.add(Condition.parse(c, schema));
      }
      this.conditions = parsed;
      this.balance = classBalance.isEmpty() ? null : ClassBalance.of(schema, classBalance);
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (!ids.hasNext()) {
          release();
          return false;
        }
        long b = ids.next();
        long[] dropped = new long[1];
        Table t = block(model, b, rows, blockRows, seed, conditions, balance, copies, dropped);
        if (removed != null) {
          removed.add(new long[] {b, dropped[0]});
        }
        current = SparkTables.rows(t).iterator();
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }

    private void release() {
      if (!closed) {
        closed = true;
        model.close();
      }
    }
  }
}
