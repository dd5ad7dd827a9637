package org.synthehr.generator.tvae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.generator.codec.ModeSpecificCodec;
import org.synthehr.generator.codec.OutputSpan;
import org.synthehr.generator.codec.SampleConditions;
import org.synthehr.generator.codec.SpanActivation;
import org.synthehr.generator.codec.SpanSampling;
import org.synthehr.generator.deep.AlignedArrays;
import org.synthehr.generator.deep.BlockBytes;
import org.synthehr.generator.deep.DjlOffline;
import org.synthehr.generator.deep.FittedDeepModel;
import org.synthehr.generator.deep.JvmNoise;
import org.synthehr.generator.deep.LossHistory;
import org.synthehr.generator.deep.SpanOps;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.OptionsBinder;

/**
 * A trained TVAE: latent noise through the decoder; scalar positions get the decoder's learned
 * Gaussian noise (as in the reference), one-hot spans are sampled from the decoder's softmax (or
 * taken by argmax, see {@link TvaeOptions#categoricalDecoding()}). Conditions are met by rejection.
 */
final class FittedTvae extends FittedDeepModel {
  static final String PARAMS = "decoder.params";
  static final String NETWORK = "network.json";

  private final TvaeArchitecture architecture;
  private final TvaeNetworks.Decoder decoder;
  private final ParameterStore store;
  private final SpanOps spanOps;
  private final boolean sampleCategories;

  FittedTvae(ModelConfig config, TableSchema schema, ModeSpecificCodec codec, LossHistory history,
      NDManager manager, TvaeArchitecture architecture, TvaeNetworks.Decoder decoder,
      TvaeOptions options) {
    super(TvaeKind.ID, config, schema, codec, history, manager, options.candidatesPerRow());
    this.architecture = architecture;
    this.decoder = decoder;
    this.store = new ParameterStore(manager, false);
    this.spanOps = new SpanOps(manager, codec.width(), codec.spans());
    this.sampleCategories = options.categoricalDecoding().equals("sample");
  }

  /** Loads a saved TVAE on the CPU. */
  static FittedTvae load(ModelDirectory.Reader dir) {
    DjlOffline.enforce();
    ModelConfig config = dir.json("config.json", ModelConfig.class);
    TvaeOptions options = OptionsBinder.bind(config.options(), TvaeOptions.DEFAULTS,
        TvaeOptions.class);
    TvaeArchitecture arch = dir.json(NETWORK, TvaeArchitecture.class);
    ModeSpecificCodec codec = dir.json("codec.json", ModeSpecificCodec.class);
    LossHistory history = dir.json("loss_history.json", LossHistory.class);
    NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    try {
      TvaeNetworks.Decoder decoder = BlockBytes.load(() -> new TvaeNetworks.Decoder(
          arch.embeddingDim(), arch.decompressDims(), arch.dataWidth()), manager,
          new Shape(2, arch.embeddingDim()), dir.bytes(PARAMS), dir.dir().resolve(PARAMS).toString());
      return new FittedTvae(config, dir.schema(), codec, history, manager, arch, decoder, options);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  protected Table draw(int rows, SampleConditions conditions, SplittableRandom random) {
    int width = architecture.dataWidth();
    int latent = architecture.embeddingDim();
    float[] out = new float[rows * width];
    float[] sigma = decoder.sigma().toFloatArray();
    for (int start = 0; start < rows; start += SAMPLE_CHUNK) {
      int n = Math.min(SAMPLE_CHUNK, rows - start);
      float[] noise = JvmNoise.normal(random, n * latent);
      try (NDManager m = manager().newSubManager()) {
        NDArray in = AlignedArrays.create(m, noise, new Shape(n, latent));
        NDArray raw = decoder.forward(store, new NDList(in), false).singletonOrThrow();
        float[] values = spanOps.probabilities(raw).toFloatArray();
        System.arraycopy(values, 0, out, start * width, n * width);
      }
    }
    int[] scalars = codec().spans().stream().filter(s -> s.activation() == SpanActivation.TANH)
        .mapToInt(OutputSpan::offset).toArray();
    for (int r = 0; r < rows; r++) {
      for (int p : scalars) {
        out[r * width + p] += (float) (sigma[p] * random.nextGaussian());
      }
    }
    int[] choices = sampleCategories
        ? SpanSampling.sample(out, rows, width, codec().spans(), random)
        : SpanSampling.argmax(out, rows, width, codec().spans());
    return codec().decode(out, rows, choices, schema());
  }

  @Override
  protected void saveNetwork(ModelDirectory.Writer writer) {
    writer.json(NETWORK, architecture).bytes(PARAMS, BlockBytes.save(decoder));
  }
}
