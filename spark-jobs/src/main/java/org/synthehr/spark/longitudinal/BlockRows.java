package org.synthehr.spark.longitudinal;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import org.apache.spark.sql.Row;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.spark.sampling.DistributedSampler.ModelLocation;
import org.synthehr.spark.sampling.ModelBundle;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The rows of one Spark partition's blocks, drawn lazily one block at a time from a trajectory
 * model the partition loads once from the run's filesystem and closes after its last block.
 *
 * @param <B> what a block is (an index of synthetic patients, a block of histories)
 */
final class BlockRows<B> implements Iterator<Row> {
  private final Iterator<B> blocks;
  private final BiFunction<FittedTrajectorySynthesizer, B, List<Row>> draw;
  private final FittedTrajectorySynthesizer model;
  private Iterator<Row> current = Collections.emptyIterator();
  private boolean closed;

  BlockRows(Iterator<B> blocks, ModelLocation location,
      BiFunction<FittedTrajectorySynthesizer, B, List<Row>> draw) {
    this.blocks = blocks;
    this.draw = draw;
    this.model = ModelBundle.loadTrajectory(location.hadoop().store(), location.path());
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (!blocks.hasNext()) {
        if (!closed) {
          closed = true;
          model.close();
        }
        return false;
      }
      current = draw.apply(model, blocks.next()).iterator();
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

  /** An array as the Scala sequence the row encoder wants for array columns. */
  static <T> scala.collection.Seq<T> seq(T[] values) {
    return CollectionConverters.asScala(Arrays.asList(values)).toSeq();
  }
}
