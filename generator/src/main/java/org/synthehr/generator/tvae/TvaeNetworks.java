package org.synthehr.generator.tvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/** TVAE's encoder and decoder. */
final class TvaeNetworks {
  private TvaeNetworks() {}

  /** Linear + ReLU layers, then two linear heads: the latent mean and log-variance. */
  static final class Encoder extends AbstractBlock {
    private final int inputDim;
    private final int embeddingDim;
    private final List<Integer> dims;
    private final List<Linear> hidden = new ArrayList<>();
    private final Linear mu;
    private final Linear logVar;

    Encoder(int inputDim, List<Integer> dims, int embeddingDim) {
      super((byte) 1);
      this.inputDim = inputDim;
      this.embeddingDim = embeddingDim;
      this.dims = List.copyOf(dims);
      for (int i = 0; i < dims.size(); i++) {
        hidden.add(addChildBlock("fc" + i, Linear.builder().setUnits(dims.get(i)).build()));
      }
      mu = addChildBlock("mu", Linear.builder().setUnits(embeddingDim).build());
      logVar = addChildBlock("logvar", Linear.builder().setUnits(embeddingDim).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      for (Linear l : hidden) {
        x = Activation.relu(l.forward(ps, new NDList(x), training).singletonOrThrow());
      }
      return new NDList(mu.forward(ps, new NDList(x), training).singletonOrThrow(),
          logVar.forward(ps, new NDList(x), training).singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      Shape s = new Shape(inputShapes[0].get(0), embeddingDim);
      return new Shape[] {s, s};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
        Shape... inputShapes) {
      long batch = inputShapes[0].get(0);
      long dim = inputDim;
      for (int i = 0; i < hidden.size(); i++) {
        hidden.get(i).initialize(manager, dataType, new Shape(batch, dim));
        dim = dims.get(i);
      }
      mu.initialize(manager, dataType, new Shape(batch, dim));
      logVar.initialize(manager, dataType, new Shape(batch, dim));
    }
  }

  /**
   * Linear + ReLU layers, then a linear layer to the raw encoded row; plus a learned standard
   * deviation per output position (used for the scalar positions), initialised to 0.1.
   */
  static final class Decoder extends AbstractBlock {
    private final int embeddingDim;
    private final List<Integer> dims;
    private final int dataDim;
    private final List<Linear> hidden = new ArrayList<>();
    private final Linear output;
    private final Parameter sigma;

    Decoder(int embeddingDim, List<Integer> dims, int dataDim) {
      super((byte) 1);
      this.embeddingDim = embeddingDim;
      this.dims = List.copyOf(dims);
      this.dataDim = dataDim;
      for (int i = 0; i < dims.size(); i++) {
        hidden.add(addChildBlock("fc" + i, Linear.builder().setUnits(dims.get(i)).build()));
      }
      output = addChildBlock("out", Linear.builder().setUnits(dataDim).build());
      sigma = addParameter(Parameter.builder().setName("sigma").setType(Parameter.Type.OTHER)
          .optShape(new Shape(dataDim)).optInitializer(new ConstantInitializer(0.1f)).build());
    }

    /** The learned standard deviations. */
    NDArray sigma() {
      return sigma.getArray();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      for (Linear l : hidden) {
        x = Activation.relu(l.forward(ps, new NDList(x), training).singletonOrThrow());
      }
      return output.forward(ps, new NDList(x), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {new Shape(inputShapes[0].get(0), dataDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
        Shape... inputShapes) {
      long batch = inputShapes[0].get(0);
      long dim = embeddingDim;
      for (int i = 0; i < hidden.size(); i++) {
        hidden.get(i).initialize(manager, dataType, new Shape(batch, dim));
        dim = dims.get(i);
      }
      output.initialize(manager, dataType, new Shape(batch, dim));
    }
  }
}
