package org.synthehr.generator.deep;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.codec.ModeSpecificCodec;
import org.synthehr.generator.codec.SampleConditions;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;

/**
 * What every fitted deep tabular model shares: the codec, the output schema, the loss history, a
 * native manager that owns the sampling network, conditional sampling by (steered) rejection, and
 * the model directory layout ({@code config.json}, {@code schema.json}, {@code codec.json},
 * {@code loss_history.json} plus the network files a model adds). Sampling is serialised per model
 * instance and runs with autograd off.
 */
public abstract class FittedDeepModel implements FittedSynthesizer {
  /** Rows per forward pass when sampling. */
  protected static final int SAMPLE_CHUNK = 8192;

  private final String kind;
  private final ModelConfig config;
  private final TableSchema schema;
  private final ModeSpecificCodec codec;
  private final LossHistory history;
  private final NDManager manager;
  private final int candidatesPerRow;
  private boolean closed;

  protected FittedDeepModel(String kind, ModelConfig config, TableSchema schema,
      ModeSpecificCodec codec, LossHistory history, NDManager manager, int candidatesPerRow) {
    this.kind = kind;
    this.config = config;
    this.schema = schema;
    this.codec = codec;
    this.history = history;
    this.manager = manager;
    this.candidatesPerRow = candidatesPerRow;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  /** The codec. */
  public ModeSpecificCodec codec() {
    return codec;
  }

  /** Losses per epoch. */
  public LossHistory history() {
    return history;
  }

  /** The model config it was trained with. */
  public ModelConfig config() {
    return config;
  }

  /** Owns the sampling network's parameters. */
  protected NDManager manager() {
    return manager;
  }

  @Override
  public synchronized Table sample(SampleRequest request) {
    if (closed) {
      throw new IllegalStateException(kind + " model is closed");
    }
    SampleConditions conditions = SampleConditions.of(request.conditions(), codec, schema);
    SplittableRandom random = new SplittableRandom(request.seed());
    try (GradMode off = GradMode.off()) {
      return RejectionSampling.sample(request.rows(), conditions, codec,
          (n, r) -> draw(n, conditions, r), random, candidatesPerRow);
    }
  }

  /**
   * Draws candidate rows, steering towards the conditions where the network can (they are checked
   * afterwards anyway).
   *
   * @param rows rows to draw
   * @param conditions the request's conditions (possibly empty)
   * @param random all noise comes from here
   */
  protected abstract Table draw(int rows, SampleConditions conditions, SplittableRandom random);

  /** Writes the network files of the model (parameters, architecture) into the directory. */
  protected abstract void saveNetwork(ModelDirectory.Writer writer);

  @Override
  public void save(Path dir) {
    ModelDirectory.Writer w = ModelDirectory.create(dir, kind);
    w.json("config.json", config).schema(schema).json("codec.json", codec)
        .json("loss_history.json", history);
    saveNetwork(w);
    w.finish();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }
}
