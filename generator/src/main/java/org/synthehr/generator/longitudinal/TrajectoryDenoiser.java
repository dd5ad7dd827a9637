package org.synthehr.generator.longitudinal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.synthehr.generator.deep.Scalars;

/**
 * The velocity predictor of the trajectory diffusion model: a pre-norm transformer over a sequence
 * of one static token, {@link #SUMMARY_TOKENS} summary tokens and one token per grid step, so
 * attention mixes static attributes, per-patient summaries and every time step. Each entry enters
 * with three channels, as in CSDI: its noisy value (zero where conditioned), its conditioning value
 * (zero where generated) and the conditioning flag; the diffusion step enters as a sinusoidal
 * embedding added to every token.
 *
 * <p>Inputs: series {@code (B, T, 6K)}, static {@code (B, 3S)}, step embedding {@code (B, E)}.
 * Outputs: predicted velocity ({@link TrajectoryDiffusion.TrainBatch}) of the static vector
 * {@code (B, S)} (static entries, then per-patient summaries,
 * {@link TrajectoryDiffusion#staticWidth}) and of the series {@code (B, T, 2K)}. Version 5 gives
 * the summaries tokens of their own; version 4 (onsets in the static token), version 3 (share and
 * spread only), version 2 (velocity, no summaries) and version 1 (noise prediction) parameters are
 * refused on load.
 */
final class TrajectoryDenoiser extends AbstractBlock {
  static final int STEP_EMBEDDING = 64;

  /**
   * Tokens the per-patient summaries enter and leave through. Sharing the one static token, the
   * 3 x 37 summaries of physionet2012-a and the static entries had to pass through 128 numbers;
   * tokens of their own lower the training loss and the discriminative score, for somewhat more
   * time per epoch (measurements: docs/longitudinal.md, 'Design measurements').
   */
  static final int SUMMARY_TOKENS = 8;
  private static final byte VERSION = 5;

  private final int hidden;
  private final int steps;
  private final int variables;
  private final int codecWidth;
  private final int summaryWidth;
  private final float[] positions;
  private final Linear stepIn;
  private final Linear stepOut;
  private final Linear seriesIn;
  private final Linear staticIn;
  private final Linear summaryIn;
  private final List<LayerNorm> attentionNorms = new ArrayList<>();
  private final List<ScaledDotProductAttentionBlock> attentions = new ArrayList<>();
  private final List<LayerNorm> feedForwardNorms = new ArrayList<>();
  private final List<Linear> feedForwardIn = new ArrayList<>();
  private final List<Linear> feedForwardOut = new ArrayList<>();
  private final LayerNorm outNorm;
  private final Linear staticOut;
  private final Linear summaryOut;
  private final Linear seriesOut;

  /**
   * @param codecWidth static entries of the codec (the static token)
   * @param summaryWidth summary entries after them (the summary tokens)
   */
  TrajectoryDenoiser(int hidden, int layers, int heads, int steps, int variables,
      int codecWidth, int summaryWidth) {
    super(VERSION);
    this.hidden = hidden;
    this.steps = steps;
    this.variables = variables;
    this.codecWidth = codecWidth;
    this.summaryWidth = summaryWidth;
    this.positions = sinusoids(tokens(), hidden);
    stepIn = addChildBlock("stepIn", Linear.builder().setUnits(hidden).build());
    stepOut = addChildBlock("stepOut", Linear.builder().setUnits(hidden).build());
    seriesIn = addChildBlock("seriesIn", Linear.builder().setUnits(hidden).build());
    staticIn = addChildBlock("staticIn", Linear.builder().setUnits(hidden).build());
    summaryIn = addChildBlock("summaryIn",
        Linear.builder().setUnits((long) SUMMARY_TOKENS * hidden).build());
    for (int l = 0; l < layers; l++) {
      attentionNorms.add(addChildBlock("attnNorm" + l, LayerNorm.builder().axis(2).build()));
      attentions.add(addChildBlock("attn" + l, ScaledDotProductAttentionBlock.builder()
          .setEmbeddingSize(hidden).setHeadCount(heads).optAttentionProbsDropoutProb(0f).build()));
      feedForwardNorms.add(addChildBlock("ffNorm" + l, LayerNorm.builder().axis(2).build()));
      feedForwardIn.add(addChildBlock("ffIn" + l, Linear.builder().setUnits(2L * hidden).build()));
      feedForwardOut.add(addChildBlock("ffOut" + l, Linear.builder().setUnits(hidden).build()));
    }
    outNorm = addChildBlock("outNorm", LayerNorm.builder().axis(2).build());
    staticOut = addChildBlock("staticOut", Linear.builder().setUnits(codecWidth).build());
    summaryOut = addChildBlock("summaryOut", Linear.builder().setUnits(summaryWidth).build());
    seriesOut = addChildBlock("seriesOut", Linear.builder().setUnits(2L * variables).build());
  }

  /** Tokens in the sequence: static, summaries, steps. */
  private int tokens() {
    return 1 + SUMMARY_TOKENS + steps;
  }

  /** The shapes of the three inputs for a batch size. */
  Shape[] inputShapes(long batch) {
    return new Shape[] {new Shape(batch, steps, 6L * variables),
        new Shape(batch, 3L * (codecWidth + summaryWidth)), new Shape(batch, STEP_EMBEDDING)};
  }

  /** The network's inputs for a batch, from the flat arrays of {@link TrajectoryDiffusion}. */
  NDList inputs(NDManager manager, int rows, float[] series, float[] stat, float[] stepEmb) {
    Shape[] shapes = inputShapes(rows);
    return new NDList(manager.create(series, shapes[0]), manager.create(stat, shapes[1]),
        manager.create(stepEmb, shapes[2]));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray series = inputs.get(0);
    NDArray stat = inputs.get(1);
    NDArray stepEmb = inputs.get(2);
    NDManager m = series.getManager();
    NDArray e = stepIn.forward(ps, new NDList(stepEmb), training).singletonOrThrow();
    e = stepOut.forward(ps, new NDList(Scalars.silu(e)), training).singletonOrThrow();
    int width = codecWidth + summaryWidth;
    // The three channels of the static input, each [codec entries, summaries].
    NDList codecParts = new NDList();
    NDList summaryParts = new NDList();
    for (int c = 0; c < 3; c++) {
      codecParts.add(stat.get(":, " + c * width + ":" + (c * width + codecWidth)));
      summaryParts.add(stat.get(":, " + (c * width + codecWidth) + ":" + (c + 1) * width));
    }
    NDArray s = staticIn.forward(ps, new NDList(NDArrays.concat(codecParts, 1)), training)
        .singletonOrThrow().add(e).expandDims(1);
    NDArray u = summaryIn.forward(ps, new NDList(NDArrays.concat(summaryParts, 1)), training)
        .singletonOrThrow().reshape(-1, SUMMARY_TOKENS, hidden).add(e.expandDims(1));
    NDArray x = seriesIn.forward(ps, new NDList(series), training).singletonOrThrow()
        .add(e.expandDims(1));
    NDArray pos = m.create(positions, new Shape(1, tokens(), hidden));
    NDArray h = NDArrays.concat(new NDList(s, u, x), 1).add(pos);
    for (int l = 0; l < attentions.size(); l++) {
      NDArray a = attentionNorms.get(l).forward(ps, new NDList(h), training).singletonOrThrow();
      a = attentions.get(l).forward(ps, new NDList(a), training).singletonOrThrow();
      h = h.add(a);
      NDArray f = feedForwardNorms.get(l).forward(ps, new NDList(h), training).singletonOrThrow();
      f = feedForwardIn.get(l).forward(ps, new NDList(f), training).singletonOrThrow();
      f = feedForwardOut.get(l).forward(ps, new NDList(Activation.gelu(f)), training)
          .singletonOrThrow();
      h = h.add(f);
    }
    h = outNorm.forward(ps, new NDList(h), training).singletonOrThrow();
    NDArray staticV = staticOut.forward(ps, new NDList(h.get(":, 0, :")), training)
        .singletonOrThrow();
    NDArray summaryV = summaryOut.forward(ps,
        new NDList(h.get(":, 1:" + (1 + SUMMARY_TOKENS) + ", :").reshape(-1,
            (long) SUMMARY_TOKENS * hidden)), training).singletonOrThrow();
    NDArray seriesV = seriesOut.forward(ps,
        new NDList(h.get(":, " + (1 + SUMMARY_TOKENS) + ":, :")), training).singletonOrThrow();
    return new NDList(staticV.concat(summaryV, 1), seriesV);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {new Shape(b, codecWidth + summaryWidth),
        new Shape(b, steps, 2L * variables)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    stepIn.initialize(manager, dataType, new Shape(b, STEP_EMBEDDING));
    stepOut.initialize(manager, dataType, new Shape(b, hidden));
    seriesIn.initialize(manager, dataType, inputShapes[0]);
    staticIn.initialize(manager, dataType, new Shape(b, 3L * codecWidth));
    summaryIn.initialize(manager, dataType, new Shape(b, 3L * summaryWidth));
    Shape tokens = new Shape(b, tokens(), hidden);
    for (int l = 0; l < attentions.size(); l++) {
      attentionNorms.get(l).initialize(manager, dataType, tokens);
      attentions.get(l).initialize(manager, dataType, tokens);
      feedForwardNorms.get(l).initialize(manager, dataType, tokens);
      feedForwardIn.get(l).initialize(manager, dataType, tokens);
      feedForwardOut.get(l).initialize(manager, dataType, new Shape(b, tokens(), 2L * hidden));
    }
    outNorm.initialize(manager, dataType, tokens);
    staticOut.initialize(manager, dataType, new Shape(b, hidden));
    summaryOut.initialize(manager, dataType, new Shape(b, (long) SUMMARY_TOKENS * hidden));
    seriesOut.initialize(manager, dataType, new Shape(b, steps, hidden));
  }

  /** Fixed sinusoidal position codes, row-major (rows x width). */
  static float[] sinusoids(int rows, int width) {
    float[] out = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < width; i += 2) {
        double freq = Math.exp(-Math.log(10_000.0) * i / width);
        out[r * width + i] = (float) Math.sin(r * freq);
        if (i + 1 < width) {
          out[r * width + i + 1] = (float) Math.cos(r * freq);
        }
      }
    }
    return out;
  }

  /** The sinusoidal embedding of a diffusion step. */
  static void stepEmbedding(int step, float[] out, int offset) {
    int half = STEP_EMBEDDING / 2;
    for (int i = 0; i < half; i++) {
      double freq = Math.exp(-Math.log(10_000.0) * i / half);
      out[offset + i] = (float) Math.sin(step * freq);
      out[offset + half + i] = (float) Math.cos(step * freq);
    }
  }
}
