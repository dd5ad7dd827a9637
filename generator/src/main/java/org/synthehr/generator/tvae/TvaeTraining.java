package org.synthehr.generator.tvae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.synthehr.generator.codec.ModeSpecificCodec;
import org.synthehr.generator.codec.OutputSpan;
import org.synthehr.generator.codec.SpanActivation;
import org.synthehr.generator.deep.AdamOptimizer;
import org.synthehr.generator.deep.AlignedArrays;
import org.synthehr.generator.deep.EpochTrainer;
import org.synthehr.generator.deep.InputBuffers;
import org.synthehr.generator.deep.JvmNoise;
import org.synthehr.generator.deep.ParameterState;
import org.synthehr.generator.deep.Scalars;
import org.synthehr.generator.deep.SeededInit;
import org.synthehr.generator.deep.SpanSoftmax;
import org.synthehr.generator.deep.StepTimer;

/**
 * One TVAE training run (the reference's loss): Gaussian reconstruction with a learned standard
 * deviation on scalar positions, cross-entropy on one-hot spans, times the loss factor, plus the KL
 * divergence of the latent; Adam with L2; the standard deviations clamped to [0.01, 1] after each
 * step. Rows are shuffled each epoch and taken in batches (the last one may be smaller). All
 * one-hot spans are scored at once ({@link SpanSoftmax}), so a step costs a fixed handful of native
 * operations whatever the number of columns.
 */
final class TvaeTraining implements EpochTrainer, AutoCloseable {
  private final TvaeOptions options;
  private final float[] data;
  private final int rows;
  private final int batch;
  private final int width;
  private final int embedding;
  private final NDManager trainManager;
  private final TvaeNetworks.Encoder encoder;
  private final TvaeNetworks.Decoder decoder;
  private final ParameterStore encoderStore;
  private final ParameterStore decoderStore;
  private final AdamOptimizer optimizer;
  private final SpanSoftmax oneHots;
  private final float[] scalarMask;
  private final NDArray scalarMaskArray;
  private final NDArray otherMaskArray;
  private final InputBuffers inputs = new InputBuffers();
  private final StepTimer timer = new StepTimer("batch", "forward", "backward", "optimiser");

  TvaeTraining(TvaeOptions options, ModeSpecificCodec codec, float[] data, int rows, int batch,
      NDManager decoderManager, SplittableRandom init) {
    this.options = options;
    this.data = data;
    this.rows = rows;
    this.batch = Math.min(batch, rows);
    this.width = codec.width();
    this.embedding = options.embeddingDim();
    this.trainManager = decoderManager.newSubManager();
    this.encoder = new TvaeNetworks.Encoder(width, options.compressDims(), embedding);
    encoder.initialize(trainManager, DataType.FLOAT32, new Shape(this.batch, width));
    SeededInit.linearLayers(encoder, init.split());
    this.decoder = new TvaeNetworks.Decoder(embedding, options.decompressDims(), width);
    decoder.initialize(decoderManager, DataType.FLOAT32, new Shape(this.batch, embedding));
    SeededInit.linearLayers(decoder, init.split());
    this.encoderStore = new ParameterStore(trainManager, false);
    this.decoderStore = new ParameterStore(decoderManager, false);
    this.optimizer = new AdamOptimizer(trainManager, List.of(encoder, decoder),
        (float) options.learningRate(), 0.9f, 0.999f, (float) options.l2scale());
    List<OutputSpan> spans = codec.spans().stream()
        .filter(sp -> sp.activation() == SpanActivation.SOFTMAX).toList();
    this.oneHots = new SpanSoftmax(trainManager, width, spans);
    this.scalarMask = new float[width];
    for (OutputSpan sp : codec.spans()) {
      if (sp.activation() == SpanActivation.TANH) {
        scalarMask[sp.offset()] = 1f;
      }
    }
    this.scalarMaskArray = AlignedArrays.create(trainManager, scalarMask, new Shape(width));
    this.otherMaskArray = scalarMaskArray.neg().add(1f);
  }

  TvaeNetworks.Decoder decoder() {
    return decoder;
  }

  @Override
  public long rowsPerEpoch() {
    return rows;
  }

  @Override
  public String profile() {
    return timer.describe();
  }

  @Override
  public Map<String, Double> runEpoch(int epoch, SplittableRandom random) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double reconstruction = 0;
    double kl = 0;
    int steps = 0;
    for (int start = 0; start < rows; start += batch) {
      int b = Math.min(batch, rows - start);
      float[] losses = step(order, start, b, random);
      reconstruction += losses[0];
      kl += losses[1];
      steps++;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("reconstruction", reconstruction / steps);
    out.put("kl", kl / steps);
    out.put("loss", (reconstruction + kl) / steps);
    return out;
  }

  private float[] step(int[] order, int start, int b, SplittableRandom random) {
    timer.start();
    // The encoded rows, split into their scalar part (0 elsewhere) and one-hot part (0 elsewhere).
    float[] x = new float[b * width];
    float[] scalars = new float[b * width];
    float[] targets = new float[b * width];
    for (int i = 0; i < b; i++) {
      int row = order[start + i];
      System.arraycopy(data, row * width, x, i * width, width);
      for (int j = 0; j < width; j++) {
        float v = data[row * width + j];
        if (scalarMask[j] != 0f) {
          scalars[i * width + j] = v;
        } else {
          targets[i * width + j] = v;
        }
      }
    }
    float[] eps = JvmNoise.normal(random, b * embedding);
    float reconstruction;
    float kl;
    try (NDManager m = trainManager.newSubManager()) {
      NDArray input = inputs.upload(m, 0, x, x.length, new Shape(b, width));
      NDArray noise = inputs.upload(m, 1, eps, eps.length, new Shape(b, embedding));
      NDArray scalarTarget = inputs.upload(m, 2, scalars, scalars.length, new Shape(b, width));
      NDArray oneHotTarget = inputs.upload(m, 3, targets, targets.length, new Shape(b, width));
      NDArray mask = scalarMaskArray;
      timer.lap(0);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDList latent = encoder.forward(encoderStore, new NDList(input), true);
        NDArray mu = latent.get(0);
        NDArray logVar = latent.get(1);
        NDArray z = noise.mul(Scalars.mul(logVar, 0.5).exp()).add(mu);
        NDArray rec = decoder.forward(decoderStore, new NDList(z), true).singletonOrThrow();
        // Scalars: Gaussian log-likelihood with the learned standard deviation (as the reference).
        // The learned standard deviation at scalar positions, 1 elsewhere (where it adds nothing).
        NDArray sigmaAtScalars = mask.mul(decoder.sigma());
        sigmaAtScalars.attach(m);
        NDArray sigma = sigmaAtScalars.add(otherMaskArray);
        NDArray diff = scalarTarget.sub(rec.tanh().mul(mask));
        NDArray sum = diff.square().div(Scalars.mul(sigma.square(), 2.0)).sum()
            .add(Scalars.mul(sigma.log().sum(), b));
        // One-hot spans: cross-entropy, all spans at once.
        if (oneHots.spans() > 0) {
          sum = sum.add(oneHots.logSumExp(rec).sum().sub(rec.mul(oneHotTarget).sum()));
        }
        NDArray rloss = Scalars.mul(sum, options.lossFactor() / b);
        NDArray kld = Scalars.mul(logVar.add(1f).sub(mu.square()).sub(logVar.exp()).sum(), -0.5 / b);
        NDArray loss = rloss.add(kld);
        timer.lap(1);
        collector.backward(loss);
        reconstruction = rloss.getFloat();
        kl = kld.getFloat();
        timer.lap(2);
      }
      optimizer.step();
      clampSigma();
      timer.lap(3);
    }
    return new float[] {reconstruction, kl};
  }

  /** The reference clamps the decoder's standard deviations to [0.01, 1] after every step. */
  private void clampSigma() {
    NDArray sigma = decoder.sigma();
    float[] v = sigma.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.max(0.01f, Math.min(1f, v[i]));
    }
    AlignedArrays.write(sigma, v);
  }

  @Override
  public void saveState(DataOutputStream out) throws IOException {
    ParameterState.save(encoder, out);
    ParameterState.save(decoder, out);
    optimizer.save(out);
  }

  @Override
  public void loadState(DataInputStream in) throws IOException {
    ParameterState.load(encoder, in);
    ParameterState.load(decoder, in);
    optimizer.load(in);
  }

  @Override
  public void close() {
    optimizer.close();
    trainManager.close();
  }
}
