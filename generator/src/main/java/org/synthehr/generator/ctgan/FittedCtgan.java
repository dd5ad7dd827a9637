package org.synthehr.generator.ctgan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Optional;
import java.util.SplittableRandom;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.generator.codec.ConditionalVectors;
import org.synthehr.generator.codec.ModeSpecificCodec;
import org.synthehr.generator.codec.SampleConditions;
import org.synthehr.generator.codec.SpanSampling;
import org.synthehr.generator.deep.AlignedArrays;
import org.synthehr.generator.deep.BlockBytes;
import org.synthehr.generator.deep.DjlOffline;
import org.synthehr.generator.deep.FittedDeepModel;
import org.synthehr.generator.deep.JvmNoise;
import org.synthehr.generator.deep.LossHistory;
import org.synthehr.generator.deep.SpanOps;
import org.synthehr.generator.dp.DpAccounting;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.OptionsBinder;

/**
 * A trained CTGAN: the generator (batch norm in inference mode, i.e. running statistics) and the
 * codec. A categorical condition is put into the conditional vector (for the rarest conditioned
 * column); every condition is then checked on the decoded rows.
 */
final class FittedCtgan extends FittedDeepModel {
  static final String PARAMS = "generator.params";
  static final String NETWORK = "network.json";
  static final String DP = "privacy_dp.json";

  private final CtganArchitecture architecture;
  private final CtganGenerator generator;
  private final ParameterStore store;
  private final SpanOps spanOps;
  private final ConditionalVectors cond;
  private final DpAccounting accounting;

  FittedCtgan(ModelConfig config, TableSchema schema, ModeSpecificCodec codec, LossHistory history,
      NDManager manager, CtganArchitecture architecture, CtganGenerator generator,
      int candidatesPerRow) {
    this(config, schema, codec, history, manager, architecture, generator, candidatesPerRow, null);
  }

  /** A CTGAN, differentially private ({@code dp-ctgan}) when {@code accounting} is not null. */
  FittedCtgan(ModelConfig config, TableSchema schema, ModeSpecificCodec codec, LossHistory history,
      NDManager manager, CtganArchitecture architecture, CtganGenerator generator,
      int candidatesPerRow, DpAccounting accounting) {
    super(accounting == null ? CtganKind.ID : DpCtganKind.ID, config, schema, codec, history,
        manager, candidatesPerRow);
    this.accounting = accounting;
    this.architecture = architecture;
    this.generator = generator;
    this.store = new ParameterStore(manager, false);
    this.spanOps = new SpanOps(manager, codec.width(), codec.spans());
    this.cond = ConditionalVectors.forSampling(codec);
  }

  /** Loads a saved CTGAN on the CPU. */
  static FittedCtgan load(ModelDirectory.Reader dir) {
    ModelConfig config = dir.json("config.json", ModelConfig.class);
    return load(dir, OptionsBinder.bind(config.options(), CtganOptions.DEFAULTS,
        CtganOptions.class), null);
  }

  /** Loads a saved CTGAN (a dp-ctgan with its accounting) on the CPU. */
  static FittedCtgan load(ModelDirectory.Reader dir, CtganOptions options,
      DpAccounting accounting) {
    DjlOffline.enforce();
    ModelConfig config = dir.json("config.json", ModelConfig.class);
    CtganArchitecture arch = dir.json(NETWORK, CtganArchitecture.class);
    ModeSpecificCodec codec = dir.json("codec.json", ModeSpecificCodec.class);
    LossHistory history = dir.json("loss_history.json", LossHistory.class);
    NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    try {
      CtganGenerator generator = BlockBytes.load(() -> new CtganGenerator(arch.inputDim(),
          arch.generatorDims(), arch.dataWidth()), manager, new Shape(2, arch.inputDim()),
          dir.bytes(PARAMS), dir.dir().resolve(PARAMS).toString());
      return new FittedCtgan(config, dir.schema(), codec, history, manager, arch, generator,
          options.candidatesPerRow(), accounting);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  protected Table draw(int rows, SampleConditions conditions, SplittableRandom random) {
    int width = architecture.dataWidth();
    int condWidth = architecture.condWidth();
    int inWidth = architecture.inputDim();
    SampleConditions.Discrete steer = conditions.rarestDiscrete();
    float[] out = new float[rows * width];
    float[] condBuffer = new float[Math.min(rows, SAMPLE_CHUNK) * Math.max(condWidth, 1)];
    for (int start = 0; start < rows; start += SAMPLE_CHUNK) {
      int n = Math.min(SAMPLE_CHUNK, rows - start);
      float[] input = new float[n * inWidth];
      if (condWidth > 0) {
        if (steer != null) {
          cond.sampleFixed(random, n, condBuffer, steer.discreteIndex(), steer.positions());
        } else {
          cond.sampleOriginal(random, n, condBuffer);
        }
      }
      for (int r = 0; r < n; r++) {
        JvmNoise.normal(random, input, r * inWidth, architecture.embeddingDim());
        if (condWidth > 0) {
          System.arraycopy(condBuffer, r * condWidth, input, r * inWidth
              + architecture.embeddingDim(), condWidth);
        }
      }
      try (NDManager m = manager().newSubManager()) {
        NDArray in = AlignedArrays.create(m, input, new Shape(n, inWidth));
        NDArray raw = generator.forward(store, new NDList(in), false).singletonOrThrow();
        float[] values = spanOps.probabilities(raw).toFloatArray();
        System.arraycopy(values, 0, out, start * width, n * width);
      }
    }
    int[] choices = SpanSampling.sample(out, rows, width, codec().spans(), random);
    return codec().decode(out, rows, choices, schema());
  }

  @Override
  protected void saveNetwork(ModelDirectory.Writer writer) {
    writer.json(NETWORK, architecture).bytes(PARAMS, BlockBytes.save(generator));
    if (accounting != null) {
      writer.json(DP, accounting);
    }
  }

  @Override
  public Optional<DpAccounting> privacyAccounting() {
    return Optional.ofNullable(accounting);
  }
}
