package org.synthehr.generator.longitudinal;

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

/**
 * The critics of the trajectory GAN, as in DoppelGANger: a main critic that sees a patient's static
 * attributes and whole series (values times observation flags, and the flags) at once, and an
 * auxiliary critic that sees the static attributes alone, which keeps the attribute distribution
 * honest. The main critic also sees the batch's mean attributes and mean series channels (a light
 * form of minibatch discrimination), so a generator that drops rarely charted variables or collapses
 * to one observation pattern is caught. Only used in training; never saved.
 *
 * <p>Inputs: static {@code (B, S)}, series {@code (B, T, 2K)}. Outputs: main and auxiliary logits
 * {@code (B, 1)} each.
 */
final class TrajectoryCritic extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Linear main1;
  private final Linear main2;
  private final Linear mainOut;
  private final Linear aux1;
  private final Linear aux2;
  private final Linear auxOut;

  TrajectoryCritic(int hidden) {
    super(VERSION);
    main1 = addChildBlock("main1", Linear.builder().setUnits(hidden).build());
    main2 = addChildBlock("main2", Linear.builder().setUnits(hidden).build());
    mainOut = addChildBlock("mainOut", Linear.builder().setUnits(1).build());
    aux1 = addChildBlock("aux1", Linear.builder().setUnits(Math.max(2, hidden / 2)).build());
    aux2 = addChildBlock("aux2", Linear.builder().setUnits(Math.max(2, hidden / 2)).build());
    auxOut = addChildBlock("auxOut", Linear.builder().setUnits(1).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
      PairList<String, Object> params) {
    NDArray stat = in.get(0);
    NDArray series = in.get(1);
    long b = stat.getShape().get(0);
    NDArray batchMeans = stat.mean(new int[] {0}, true).concat(series.mean(new int[] {1}).mean(new int[] {0}, true), 1)
        .broadcast(new Shape(b, stat.getShape().get(1) + series.getShape().get(2)));
    NDArray x = stat.concat(series.reshape(b, -1), 1).concat(batchMeans, 1);
    NDArray h = layer(main1, ps, x, training);
    h = layer(main2, ps, h, training);
    NDArray main = mainOut.forward(ps, new NDList(h), training).singletonOrThrow();
    NDArray a = layer(aux1, ps, stat, training);
    a = layer(aux2, ps, a, training);
    NDArray aux = auxOut.forward(ps, new NDList(a), training).singletonOrThrow();
    return new NDList(main, aux);
  }

  private static NDArray layer(Linear l, ParameterStore ps, NDArray x, boolean training) {
    return Activation.leakyRelu(l.forward(ps, new NDList(x), training).singletonOrThrow(), 0.2f);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] in) {
    long b = in[0].get(0);
    return new Shape[] {new Shape(b, 1), new Shape(b, 1)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
    long b = in[0].get(0);
    long flat = in[0].get(1) + in[1].size() / b + in[0].get(1) + in[1].get(2);
    main1.initialize(manager, dataType, new Shape(b, flat));
    Shape h = main1.getOutputShapes(new Shape[] {new Shape(b, flat)})[0];
    main2.initialize(manager, dataType, h);
    mainOut.initialize(manager, dataType, h);
    aux1.initialize(manager, dataType, in[0]);
    Shape ha = aux1.getOutputShapes(new Shape[] {in[0]})[0];
    aux2.initialize(manager, dataType, ha);
    auxOut.initialize(manager, dataType, ha);
  }
}
