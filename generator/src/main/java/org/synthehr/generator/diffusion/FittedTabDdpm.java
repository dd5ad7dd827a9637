package org.synthehr.generator.diffusion;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.codec.ModeSpecificCodec;
import org.synthehr.generator.codec.SampleConditions;
import org.synthehr.generator.deep.BlockBytes;
import org.synthehr.generator.deep.DjlOffline;
import org.synthehr.generator.deep.GradMode;
import org.synthehr.generator.deep.LossHistory;
import org.synthehr.generator.deep.RejectionSampling;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.OptionsBinder;

/**
 * A trained TabDDPM: the codec, the denoiser and the sampler. Conditions on the label and on other
 * discrete columns are met by construction (label input, inpainting); numeric ranges by the shared
 * bounded rejection, with the same errors as every model. Saved as {@code config.json},
 * {@code schema.json}, {@code codec.json} (quantile grids and category frequencies, no rows),
 * {@code loss_history.json}, {@code network.json} and {@code denoiser.params}.
 */
public final class FittedTabDdpm implements FittedSynthesizer {
  static final String PARAMS = "denoiser.params";
  static final String NETWORK = "network.json";
  static final String CODEC = "codec.json";
  static final String HISTORY = "loss_history.json";

  private final ModelConfig config;
  private final TabDdpmOptions options;
  private final TableSchema schema;
  private final DiffusionCodec codec;
  private final LossHistory history;
  private final NDManager manager;
  private final DenoiserNetwork network;
  private final NoiseSchedule schedule;
  private final ModeSpecificCodec conditionView;
  private final ReverseProcess sampler;
  private boolean closed;

  FittedTabDdpm(ModelConfig config, TabDdpmOptions options, TableSchema schema,
      DiffusionCodec codec, LossHistory history, NDManager manager, DenoiserNetwork network) {
    this.config = config;
    this.options = options;
    this.schema = schema;
    this.codec = codec;
    this.history = history;
    this.manager = manager;
    this.network = network;
    this.schedule = NoiseSchedule.cosine(options.timesteps());
    this.conditionView = codec.conditionView(schema);
    this.sampler = new ReverseProcess(codec, schedule, network, manager, options.samplingSteps(),
        options.eta());
  }

  /** Loads a saved TabDDPM on the CPU. */
  static FittedTabDdpm load(ModelDirectory.Reader dir) {
    DjlOffline.enforce();
    ModelConfig config = dir.json("config.json", ModelConfig.class);
    TabDdpmOptions options = OptionsBinder.bind(config.options(), TabDdpmOptions.DEFAULTS,
        TabDdpmOptions.class);
    DenoiserArchitecture arch = dir.json(NETWORK, DenoiserArchitecture.class);
    DiffusionCodec codec = dir.json(CODEC, DiffusionCodec.class);
    LossHistory history = dir.json(HISTORY, LossHistory.class);
    NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    try {
      DenoiserNetwork network = BlockBytes.load(() -> new DenoiserNetwork(arch), manager,
          new Shape(1, arch.inputWidth()), dir.bytes(PARAMS), dir.dir().resolve(PARAMS).toString());
      return new FittedTabDdpm(config, options, dir.schema(), codec, history, manager, network);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public String kind() {
    return TabDdpmKind.ID;
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  /** The codec. */
  public DiffusionCodec codec() {
    return codec;
  }

  /** Losses per epoch. */
  public LossHistory history() {
    return history;
  }

  /** The denoiser's shape. */
  public DenoiserArchitecture architecture() {
    return network.architecture();
  }

  /** The steps the default sampler visits. */
  public int[] samplingSteps() {
    return sampler.visitedSteps();
  }

  /** Where the default sampler's time went so far (for benchmarks). */
  public synchronized String samplingProfile() {
    return sampler.profile();
  }

  @Override
  public synchronized Table sample(SampleRequest request) {
    return sample(request, sampler);
  }

  /**
   * Samples with another number of sampling steps than the model's default (e.g. the full chain,
   * to measure what striding costs).
   */
  public synchronized Table sample(SampleRequest request, int samplingSteps, double eta) {
    return sample(request, new ReverseProcess(codec, schedule, network, manager, samplingSteps,
        eta));
  }

  private Table sample(SampleRequest request, ReverseProcess process) {
    if (closed) {
      throw new IllegalStateException("tabddpm model is closed");
    }
    SampleConditions conditions = SampleConditions.of(request.conditions(), conditionView,
        schema);
    ConditionPlan plan = ConditionPlan.of(conditions, codec, schema,
        request.conditions().size() - conditions.discrete().size());
    SplittableRandom random = new SplittableRandom(request.seed());
    try (GradMode off = GradMode.off()) {
      if (!plan.needsRejection()) {
        return draw(request.rows(), plan, process, random);
      }
      return RejectionSampling.sample(request.rows(), conditions, conditionView,
          (n, r) -> draw(n, plan, process, r), random, options.candidatesPerRow());
    }
  }

  private Table draw(int rows, ConditionPlan plan, ReverseProcess process,
      SplittableRandom random) {
    ReverseProcess.Targets targets = plan.targets(rows, random);
    ReverseProcess.Drawn drawn = process.run(rows, targets, random);
    return codec.decode(drawn.scores(), drawn.classes(), drawn.labels(), rows, schema);
  }

  @Override
  public void save(Path dir) {
    ModelDirectory.Writer w = ModelDirectory.create(dir, TabDdpmKind.ID);
    w.json("config.json", config).schema(schema).json(CODEC, codec).json(HISTORY, history)
        .json(NETWORK, network.architecture()).bytes(PARAMS, BlockBytes.save(network));
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
