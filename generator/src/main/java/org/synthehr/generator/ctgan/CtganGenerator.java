package org.synthehr.generator.ctgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * CTGAN's generator: residual layers {@code x -> [relu(bn(fc(x))), x]} that widen the input layer
 * by layer, then a linear layer to the raw (pre-activation) encoded row. Batch norm uses batch
 * statistics while training and its running statistics at sampling time.
 */
final class CtganGenerator extends AbstractBlock {
  private static final byte VERSION = 1;
  private final int inputDim;
  private final List<Integer> dims;
  private final int dataDim;
  private final List<Linear> layers = new ArrayList<>();
  private final List<BatchNorm> norms = new ArrayList<>();
  private final Linear output;

  CtganGenerator(int inputDim, List<Integer> dims, int dataDim) {
    super(VERSION);
    this.inputDim = inputDim;
    this.dims = List.copyOf(dims);
    this.dataDim = dataDim;
    for (int i = 0; i < dims.size(); i++) {
      layers.add(addChildBlock("fc" + i, Linear.builder().setUnits(dims.get(i)).build()));
      norms.add(addChildBlock("bn" + i, BatchNorm.builder().build()));
    }
    output = addChildBlock("out", Linear.builder().setUnits(dataDim).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    for (int i = 0; i < layers.size(); i++) {
      NDArray h = layers.get(i).forward(ps, new NDList(x), training).singletonOrThrow();
      h = norms.get(i).forward(ps, new NDList(h), training).singletonOrThrow();
      x = Activation.relu(h).concat(x, 1);
    }
    return output.forward(ps, new NDList(x), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), dataDim)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long batch = inputShapes[0].get(0);
    long dim = inputDim;
    for (int i = 0; i < layers.size(); i++) {
      layers.get(i).initialize(manager, dataType, new Shape(batch, dim));
      norms.get(i).initialize(manager, dataType, new Shape(batch, dims.get(i)));
      dim += dims.get(i);
    }
    output.initialize(manager, dataType, new Shape(batch, dim));
  }

  /** Width of the input: noise plus conditional vector. */
  int inputDim() {
    return inputDim;
  }
}
