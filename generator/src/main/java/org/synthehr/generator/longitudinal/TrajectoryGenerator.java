package org.synthehr.generator.longitudinal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The generator of the trajectory GAN, DoppelGANger-style: an MLP turns noise into static
 * attributes (normal scores, sigmoid flags, softmax one-hot blocks), then a GRU generates the series
 * step by step, conditioned on those attributes and fresh noise per step: each step's values and the
 * probability that each variable is charted.
 *
 * <p>Inputs: static noise {@code (B, Zs)}, step noise {@code (B, T, Zt)}, given static entries
 * {@code (B, S)} and their flags {@code (B, S)} (given entries replace generated ones as the series'
 * condition; used by digital twins). Outputs: static attributes {@code (B, S)}, values
 * {@code (B, T, K)}, observation probabilities {@code (B, T, K)} and their logits.
 */
final class TrajectoryGenerator extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int steps;
  private final int variables;
  private final int staticWidth;
  private final List<CohortCodec.Span> spans;
  private final Linear static1;
  private final Linear static2;
  private final Linear staticOut;
  private final GRU gru;
  private final Linear seriesOut;

  TrajectoryGenerator(TrajectoryGanOptions o, int steps, int variables, int staticWidth,
      List<CohortCodec.Span> spans) {
    super(VERSION);
    this.steps = steps;
    this.variables = variables;
    this.staticWidth = staticWidth;
    this.spans = List.copyOf(spans);
    static1 = addChildBlock("static1", Linear.builder().setUnits(o.staticHidden()).build());
    static2 = addChildBlock("static2", Linear.builder().setUnits(o.staticHidden()).build());
    staticOut = addChildBlock("staticOut", Linear.builder().setUnits(staticWidth).build());
    gru = addChildBlock("gru", GRU.builder().setStateSize(o.hidden()).setNumLayers(o.layers())
        .optBatchFirst(true).optReturnState(false).build());
    seriesOut = addChildBlock("seriesOut", Linear.builder().setUnits(2L * variables).build());
  }

  /** Input shapes for a batch size. */
  static Shape[] inputShapes(long batch, TrajectoryGanOptions o, int steps, int staticWidth) {
    return new Shape[] {new Shape(batch, o.staticNoise()), new Shape(batch, steps, o.stepNoise()),
        new Shape(batch, staticWidth), new Shape(batch, staticWidth)};
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
      PairList<String, Object> params) {
    NDArray zs = in.get(0);
    NDArray zt = in.get(1);
    NDArray given = in.get(2);
    NDArray givenFlag = in.get(3);
    NDArray h = Activation.leakyRelu(static1.forward(ps, new NDList(zs), training)
        .singletonOrThrow(), 0.2f);
    h = Activation.leakyRelu(static2.forward(ps, new NDList(h), training).singletonOrThrow(),
        0.2f);
    NDArray raw = staticOut.forward(ps, new NDList(h), training).singletonOrThrow();
    NDArray stat = activate(raw);
    NDArray cond = stat.mul(givenFlag.neg().add(1f)).add(given.mul(givenFlag));
    long b = zs.getShape().get(0);
    NDArray condSteps = cond.expandDims(1).broadcast(new Shape(b, steps, staticWidth));
    NDArray x = condSteps.concat(zt, 2);
    NDArray out = gru.forward(ps, new NDList(x), training).singletonOrThrow();
    NDArray y = seriesOut.forward(ps, new NDList(out), training).singletonOrThrow();
    NDArray values = y.get(":, :, 0:" + variables);
    NDArray logits = y.get(":, :, " + variables + ":");
    return new NDList(stat, values, Activation.sigmoid(logits), logits);
  }

  private NDArray activate(NDArray raw) {
    NDList parts = new NDList();
    for (CohortCodec.Span s : spans) {
      NDArray part = raw.get(":, " + s.offset() + ":" + (s.offset() + s.width()));
      parts.add(switch (s.kind()) {
        case CONTINUOUS -> part;
        case BINARY -> Activation.sigmoid(part);
        case CATEGORICAL -> part.softmax(1);
      });
    }
    return parts.size() == 1 ? parts.get(0) : ai.djl.ndarray.NDArrays.concat(parts, 1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    Shape series = new Shape(b, steps, variables);
    return new Shape[] {new Shape(b, staticWidth), series, series, series};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
    long b = in[0].get(0);
    static1.initialize(manager, dataType, in[0]);
    Shape hidden = static1.getOutputShapes(new Shape[] {in[0]})[0];
    static2.initialize(manager, dataType, hidden);
    staticOut.initialize(manager, dataType, hidden);
    long stepInput = staticWidth + in[1].get(2);
    gru.initialize(manager, dataType, new Shape(b, steps, stepInput));
    Shape gruOut = gru.getOutputShapes(new Shape[] {new Shape(b, steps, stepInput)})[0];
    seriesOut.initialize(manager, dataType, gruOut);
  }
}
