package org.synthehr.generator.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.synthehr.generator.deep.Scalars;

/**
 * TabDDPM's MLP denoiser. The timestep's sinusoidal features pass through linear → SiLU → linear;
 * the label (one-hot) through a bias-free linear layer (an embedding table) and SiLU; both are added
 * to a linear projection of the noisy row, which then goes through linear + ReLU layers to linear
 * heads: the predicted noise of the numeric scores and the logits of each class block's clean
 * value.
 *
 * <p>Inputs: the noisy rows ({@code rows × inputWidth}), the timestep features ({@code rows ×
 * embeddingDim}, or {@code 1 × embeddingDim} when every row is at the same step, as in sampling,
 * where it is broadcast) and, with label conditioning, the label one-hots ({@code rows ×
 * labelClasses}). Outputs: the predicted noise ({@code rows × numericWidth}) and the class logits
 * ({@code rows × oneHotWidth}), from two linear heads (an empty part has no head and gives a
 * {@code rows × 0} array).
 */
final class DenoiserNetwork extends AbstractBlock {
  private final DenoiserArchitecture architecture;
  private final Linear projection;
  private final Linear time1;
  private final Linear time2;
  private final Linear label;
  private final List<Linear> hidden = new ArrayList<>();
  private final Linear numericHead;
  private final Linear classHead;

  DenoiserNetwork(DenoiserArchitecture architecture) {
    super((byte) 1);
    this.architecture = architecture;
    int dim = architecture.embeddingDim();
    projection = addChildBlock("proj", Linear.builder().setUnits(dim).build());
    time1 = addChildBlock("time1", Linear.builder().setUnits(dim).build());
    time2 = addChildBlock("time2", Linear.builder().setUnits(dim).build());
    label = architecture.labelClasses() > 0
        ? addChildBlock("label", Linear.builder().setUnits(dim).optBias(false).build()) : null;
    for (int i = 0; i < architecture.layers().size(); i++) {
      hidden.add(addChildBlock("fc" + i, Linear.builder().setUnits(architecture.layers().get(i))
          .build()));
    }
    numericHead = architecture.numericWidth() > 0 ? addChildBlock("num",
        Linear.builder().setUnits(architecture.numericWidth()).build()) : null;
    classHead = architecture.oneHotWidth() > 0 ? addChildBlock("cat",
        Linear.builder().setUnits(architecture.oneHotWidth()).build()) : null;
  }

  DenoiserArchitecture architecture() {
    return architecture;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray t = inputs.get(1);
    NDArray emb = one(time2, ps, Scalars.silu(one(time1, ps, t, training)), training);
    if (label != null) {
      emb = emb.add(Scalars.silu(one(label, ps, inputs.get(2), training)));
    }
    NDArray h = one(projection, ps, x, training).add(emb);
    for (Linear l : hidden) {
      h = Activation.relu(one(l, ps, h, training));
    }
    NDArray noise = numericHead != null ? one(numericHead, ps, h, training)
        : h.getManager().zeros(new Shape(h.getShape().get(0), 0));
    NDArray logits = classHead != null ? one(classHead, ps, h, training)
        : h.getManager().zeros(new Shape(h.getShape().get(0), 0));
    return new NDList(noise, logits);
  }

  private static NDArray one(Linear layer, ParameterStore ps, NDArray x, boolean training) {
    return layer.forward(ps, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long rows = inputShapes[0].get(0);
    return new Shape[] {new Shape(rows, architecture.numericWidth()),
        new Shape(rows, architecture.oneHotWidth())};
  }

  /**
   * Only the row count of the first input shape is read (widths come from the architecture), so a
   * single shape suffices, as {@code BlockBytes.load} passes.
   */
  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType,
      Shape... inputShapes) {
    long batch = inputShapes[0].get(0);
    int dim = architecture.embeddingDim();
    projection.initialize(manager, dataType, new Shape(batch, architecture.inputWidth()));
    time1.initialize(manager, dataType, new Shape(batch, dim));
    time2.initialize(manager, dataType, new Shape(batch, dim));
    if (label != null) {
      label.initialize(manager, dataType, new Shape(batch, architecture.labelClasses()));
    }
    long width = dim;
    for (int i = 0; i < hidden.size(); i++) {
      hidden.get(i).initialize(manager, dataType, new Shape(batch, width));
      width = architecture.layers().get(i);
    }
    if (numericHead != null) {
      numericHead.initialize(manager, dataType, new Shape(batch, width));
    }
    if (classHead != null) {
      classHead.initialize(manager, dataType, new Shape(batch, width));
    }
  }

  /** Initialises the parameters for a batch size (any works: only the widths matter). */
  void initialize(NDManager manager) {
    List<Shape> shapes = new ArrayList<>();
    shapes.add(new Shape(1, architecture.inputWidth()));
    shapes.add(new Shape(1, architecture.embeddingDim()));
    if (architecture.labelClasses() > 0) {
      shapes.add(new Shape(1, architecture.labelClasses()));
    }
    initialize(manager, DataType.FLOAT32, shapes.toArray(new Shape[0]));
  }
}
