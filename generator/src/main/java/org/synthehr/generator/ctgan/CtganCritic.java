package org.synthehr.generator.ctgan;

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
 * CTGAN's PacGAN critic: {@code pac} rows (encoded row plus conditional vector each) are judged
 * together as one input; hidden layers are linear, LeakyReLU(0.2) and dropout(0.5), then a linear
 * score. Dropout masks are supplied by the caller (drawn on the JVM from the epoch's seed).
 *
 * <p>WGAN-GP needs the gradient of the score with respect to the input as a differentiable function
 * of the weights. PyTorch gets it from {@code autograd.grad(create_graph=True)}; DJL 0.35.1 only
 * exposes {@code backward(create_graph=True)}, which also writes graph-holding gradients into the
 * weights' {@code .grad} that cannot be reset from Java and grow a reference chain step after step
 * (measured: +7 MB per step). So {@link #inputGradient} writes the back-propagation of this MLP out
 * as ordinary operations, {@code g = W1^T (s1 * W2^T (s2 * w3))} with s the LeakyReLU slope times
 * the dropout mask, and autograd differentiates through it: the same second-order gradient, with no
 * leak (checked against finite differences in the tests).
 */
final class CtganCritic extends AbstractBlock {
  private static final byte VERSION = 1;
  static final float SLOPE = 0.2f;
  private final int inputDim;
  private final List<Integer> dims;
  private final List<Linear> hidden = new ArrayList<>();
  private final Linear score;

  CtganCritic(int inputDim, List<Integer> dims) {
    super(VERSION);
    this.inputDim = inputDim;
    this.dims = List.copyOf(dims);
    for (int i = 0; i < dims.size(); i++) {
      hidden.add(addChildBlock("fc" + i, Linear.builder().setUnits(dims.get(i)).build()));
    }
    score = addChildBlock("score", Linear.builder().setUnits(1).build());
  }

  /** Hidden layer widths. */
  List<Integer> dims() {
    return dims;
  }

  /**
   * Scores of packed rows.
   *
   * @param x {@code groups × inputDim} packed rows
   * @param masks one dropout mask per hidden layer ({@code groups × width}), or null for none
   */
  NDArray score(NDArray x, NDArray[] masks) {
    NDArray a = x;
    for (int i = 0; i < hidden.size(); i++) {
      NDArray h = Linear.linear(a, weight(hidden.get(i)), bias(hidden.get(i))).singletonOrThrow();
      a = Activation.leakyRelu(h, SLOPE);
      if (masks != null) {
        a = a.mul(masks[i]);
      }
    }
    return Linear.linear(a, weight(score), bias(score)).singletonOrThrow();
  }

  /**
   * The gradient of the score with respect to x, as differentiable operations of the weights.
   *
   * @param x {@code groups × inputDim} packed rows
   * @param masks one dropout mask per hidden layer
   */
  NDArray inputGradient(NDArray x, NDArray[] masks) {
    int layers = hidden.size();
    NDArray[] slopes = new NDArray[layers];
    NDArray a = x;
    for (int i = 0; i < layers; i++) {
      NDArray h = Linear.linear(a, weight(hidden.get(i)), bias(hidden.get(i))).singletonOrThrow();
      // d leaky(h)/dh is 1 where h > 0 and SLOPE elsewhere; it carries no gradient itself.
      NDArray slope = Scalars.mul(h.gt(0f).toType(h.getDataType(), false), 1f - SLOPE)
          .add(SLOPE);
      slopes[i] = masks == null ? slope : slope.mul(masks[i]);
      if (i < layers - 1) {
        a = h.mul(slopes[i]);
      }
    }
    NDArray g = slopes[layers - 1].mul(weight(score));
    for (int i = layers - 1; i >= 1; i--) {
      g = g.matMul(weight(hidden.get(i))).mul(slopes[i - 1]);
    }
    return g.matMul(weight(hidden.get(0)));
  }

  /**
   * The parameters in layer order, weight then bias of each hidden layer and of the score layer
   * (for per-example gradients in {@link PrivateCriticStep}).
   */
  List<NDArray> parametersInOrder() {
    List<NDArray> out = new ArrayList<>();
    for (Linear l : hidden) {
      out.add(weight(l));
      out.add(bias(l));
    }
    out.add(weight(score));
    out.add(bias(score));
    return out;
  }

  private static NDArray weight(Linear l) {
    return l.getParameters().get("weight").getArray();
  }

  private static NDArray bias(Linear l) {
    return l.getParameters().get("bias").getArray();
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(score(inputs.singletonOrThrow(), null));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long batch = inputShapes[0].get(0);
    long dim = inputDim;
    for (int i = 0; i < hidden.size(); i++) {
      hidden.get(i).initialize(manager, dataType, new Shape(batch, dim));
      dim = dims.get(i);
    }
    score.initialize(manager, dataType, new Shape(batch, dim));
  }
}
