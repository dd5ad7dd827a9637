package org.synthehr.generator.longitudinal;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.SequenceSummaries;
import org.synthehr.core.stats.Auc;

/**
 * A small network that tells real patients from the model's own samples by their whole-window
 * summaries ({@link SequenceSummaries}: statics, label, record end and per-variable count, first
 * hour, mean, spread, extremes, first and last value). Trained with the two classes weighted
 * equally, its logit estimates the log ratio of the real to the synthetic density at a patient;
 * sampling draws several candidates per patient and keeps one with probability rising with that
 * ratio (sampling-importance resampling, as discriminator rejection sampling does for GANs, Azadi
 * et al. 2019), which moves the sampled cohort towards the real one where the generator and its
 * calibration leave it off: in stays as a whole, which no single summary showed.
 *
 * <p>What is kept are network weights and each feature's mean and spread over the training cohort:
 * aggregates, never a patient's row. Each of {@link #MEMBERS} networks is trained on a random 80%
 * of both sides and keeps the weights of the epoch with the lowest loss on the other 20%, so it
 * does not learn individual training patients; their logits are averaged.
 */
final class RealismCritic implements AutoCloseable {
  static final String PARAMETERS = "realism.params";
  static final String SETTINGS = "realism.json";
  private static final int HIDDEN = 128;
  private static final int MOST_EPOCHS = 200;
  private static final int PATIENCE = 15;
  /**
   * Networks trained on different splits whose logits are averaged: each stops after a few
   * epochs, and one network's ratio is noisy.
   */
  static final int MEMBERS = 5;
  private static final int BATCH = 256;
  /** Standardised features are clipped here: a few extreme stays should not dominate a unit. */
  private static final double CLIP = 6;
  /** Logits are clipped here before they weigh candidates. */
  private static final double MOST_LOGIT = 10;

  /**
   * What is saved besides the weights.
   *
   * @param features feature names, to check the features are read the same way on load
   * @param mean per feature, its mean over the real training patients
   * @param scale per feature, its standard deviation there (1 where constant)
   * @param epochs per member, the epoch whose weights were kept
   * @param validationLoss per member, its class-weighted cross-entropy on its held-out fifth
   * @param validationAuc the members' mean AUC telling their held-out real from synthetic
   *     patients
   * @param balance the training cohort's deciles of the features, by which new patients are
   *     chosen among their candidates together ({@link MarginalBalance}); null in critics saved
   *     before it existed, whose candidates are drawn per patient by the ratio alone
   */
  record Settings(List<String> features, double[] mean, double[] scale, int[] epochs,
      double[] validationLoss, double validationAuc, MarginalBalance balance) {
    Settings {
      features = List.copyOf(features);
    }
  }

  private final SequenceSummaries summaries;
  private final Settings settings;
  private final byte[] parameters;
  private NDManager manager;
  private List<Block> nets;

  RealismCritic(SequenceSummaries summaries, Settings settings, byte[] parameters) {
    if (!summaries.names().equals(settings.features())) {
      throw new InvalidInputException(Problem.ofInput(SETTINGS, "names features that do not"
          + " match the model's schema", "train the model again with this version"));
    }
    this.summaries = summaries;
    this.settings = settings;
    this.parameters = parameters;
  }

  Settings settings() {
    return settings;
  }

  byte[] parameters() {
    return parameters;
  }

  /**
   * Trains a critic.
   *
   * @param real the training cohort
   * @param synthetic patients the model sampled (with its calibration)
   * @param summaries the features
   * @param rnd the stream of the split, initial weights and batch order
   */
  static RealismCritic fit(Cohort real, Cohort synthetic, SequenceSummaries summaries,
      Device device, SplittableRandom rnd) {
    double[][] xr = summaries.features(real);
    double[][] xs = summaries.features(synthetic);
    int width = summaries.names().size();
    double[] mean = new double[width];
    double[] scale = new double[width];
    for (int j = 0; j < width; j++) {
      double sum = 0;
      double squares = 0;
      for (double[] row : xr) {
        sum += row[j];
        squares += row[j] * row[j];
      }
      mean[j] = sum / xr.length;
      double sd = Math.sqrt(Math.max(0, squares / xr.length - mean[j] * mean[j]));
      scale[j] = sd > 1e-9 ? sd : 1;
    }
    int n = xr.length + xs.length;
    float[] x = new float[n * width];
    float[] y = new float[n];
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      boolean isReal = i < xr.length;
      standardise(isReal ? xr[i] : xs[i - xr.length], mean, scale, x, i * width);
      y[i] = isReal ? 1 : 0;
      // Each class weighs half of the total, so the logit is the density ratio's log.
      w[i] = (float) (n / 2.0 / (isReal ? xr.length : xs.length));
    }
    List<Member> members = new ArrayList<>();
    for (int m = 0; m < MEMBERS; m++) {
      members.add(member(x, y, w, width, device, rnd));
    }
    int[] epochs = members.stream().mapToInt(Member::epoch).toArray();
    double[] losses = members.stream().mapToDouble(Member::loss).toArray();
    double auc = members.stream().mapToDouble(Member::auc).average().orElse(0.5);
    return new RealismCritic(summaries, new Settings(summaries.names(), mean, scale, epochs,
        losses, auc, MarginalBalance.of(xr)), pack(members.stream().map(Member::parameters).toList()));
  }

  /** One trained network of the ensemble, with how it did on its held-out fifth. */
  private record Member(byte[] parameters, int epoch, double loss, double auc) {}

  /**
   * Trains one network on a random 80% of the patients, keeping the weights of the epoch with
   * the lowest loss on the other 20%.
   */
  private static Member member(float[] x, float[] y, float[] w, int width, Device device,
      SplittableRandom rnd) {
    int n = y.length;
    int[] order = TrajectoryDiffusionSynthesizer.permutation(n, rnd);
    int validation = Math.max(2, n / 5);
    int[] held = Arrays.copyOfRange(order, 0, validation);
    int[] train = Arrays.copyOfRange(order, validation, n);
    Block block = network();
    try (Model model = Model.newInstance("realism-critic", device, "PyTorch")) {
      model.setBlock(block);
      Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f))
          .optWeightDecays(1e-4f).build();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam)
          .optDevices(new Device[] {device});
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(new Shape(BATCH, width));
        SeededInit.apply(block, rnd);
        byte[] best = ParameterBytes.save(block);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= MOST_EPOCHS && epoch - bestEpoch <= PATIENCE; epoch++) {
          int[] shuffled = TrajectoryDiffusionSynthesizer.permutation(train.length, rnd);
          for (int from = 0; from < train.length; from += BATCH) {
            int rows = Math.min(BATCH, train.length - from);
            int[] idx = new int[rows];
            for (int r = 0; r < rows; r++) {
              idx[r] = train[shuffled[from + r]];
            }
            step(trainer, x, y, w, idx, width);
          }
          double loss = heldOutLoss(trainer.getManager(), block, x, y, w, held, width, null);
          if (loss < bestLoss - 1e-4) {
            bestLoss = loss;
            bestEpoch = epoch;
            best = ParameterBytes.save(block);
          }
        }
        ParameterBytes.assign(block, ParameterBytes.values(network(), new Shape[] {
            new Shape(1, width)}, best, "realism critic"));
        double[] logits = new double[held.length];
        heldOutLoss(trainer.getManager(), block, x, y, w, held, width, logits);
        boolean[] truth = new boolean[held.length];
        for (int i = 0; i < held.length; i++) {
          truth[i] = y[held[i]] > 0;
        }
        return new Member(best, bestEpoch, bestLoss, Auc.of(truth, logits));
      }
    }
  }

  /** The members' parameter images in one file: a count, then each length and image. */
  private static byte[] pack(List<byte[]> images) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(images.size());
      for (byte[] image : images) {
        out.writeInt(image.length);
        out.write(image);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the realism critic", e);
    }
    return bytes.toByteArray();
  }

  private static List<byte[]> unpack(byte[] packed) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
      int count = in.readInt();
      List<byte[]> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        out.add(in.readNBytes(in.readInt()));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(Problem.ofInput(PARAMETERS, "is not a realism critic's"
          + " parameters (" + e.getMessage() + ")", "train the model again with this version"));
    }
  }

  /** Two hidden layers of {@link #HIDDEN} units and one logit. */
  private static Block network() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(HIDDEN).build()).add(Activation.reluBlock())
        .add(Linear.builder().setUnits(HIDDEN).build()).add(Activation.reluBlock())
        .add(Linear.builder().setUnits(1).build());
  }

  private static void standardise(double[] row, double[] mean, double[] scale, float[] out,
      int offset) {
    for (int j = 0; j < row.length; j++) {
      double z = (row[j] - mean[j]) / scale[j];
      out[offset + j] = (float) Math.max(-CLIP, Math.min(CLIP, z));
    }
  }

  private static float[] rows(float[] x, int[] idx, int width) {
    float[] out = new float[idx.length * width];
    for (int r = 0; r < idx.length; r++) {
      System.arraycopy(x, idx[r] * width, out, r * width, width);
    }
    return out;
  }

  private static float[] pick(float[] v, int[] idx) {
    float[] out = new float[idx.length];
    for (int r = 0; r < idx.length; r++) {
      out[r] = v[idx[r]];
    }
    return out;
  }

  private static void step(Trainer trainer, float[] x, float[] y, float[] w, int[] idx,
      int width) {
    try (NDManager sub = trainer.getManager().newSubManager()) {
      NDArray in = sub.create(rows(x, idx, width), new Shape(idx.length, width));
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDArray logit = trainer.forward(new NDList(in)).singletonOrThrow().reshape(-1);
        gc.backward(crossEntropy(sub, logit, pick(y, idx), pick(w, idx)));
      }
      trainer.step();
    }
  }

  /** Class-weighted binary cross-entropy of logits: softplus(z) - y z, weighted. */
  private static NDArray crossEntropy(NDManager m, NDArray logit, float[] y, float[] w) {
    NDArray weights = m.create(w);
    NDArray each = Activation.softPlus(logit).sub(logit.mul(m.create(y)));
    return each.mul(weights).sum().div(weights.sum());
  }

  /** The held-out loss; fills {@code logits} if given. */
  private static double heldOutLoss(NDManager manager, Block block, float[] x, float[] y,
      float[] w, int[] held, int width, double[] logits) {
    try (NDManager sub = manager.newSubManager()) {
      NDArray in = sub.create(rows(x, held, width), new Shape(held.length, width));
      NDArray logit = block.forward(new ParameterStore(sub, false), new NDList(in), false)
          .singletonOrThrow().reshape(-1);
      if (logits != null) {
        float[] v = logit.toFloatArray();
        for (int i = 0; i < v.length; i++) {
          logits[i] = v[i];
        }
      }
      return crossEntropy(sub, logit, pick(y, held), pick(w, held)).getFloat();
    }
  }

  /** The features the critic reads, one row per patient. */
  double[][] features(Cohort cohort) {
    return summaries.features(cohort);
  }

  /**
   * Per patient (a row of {@link #features}), the critic's logit (the members' mean): the log of
   * how much likelier real than synthetic the patient is.
   */
  synchronized double[] logRatios(double[][] f) {
    int width = settings.features().size();
    if (nets == null) {
      OfflinePyTorch.enforce();
      manager = NDManager.newBaseManager("PyTorch");
      nets = new ArrayList<>();
      for (byte[] image : unpack(parameters)) {
        Block net = network();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, width));
        ParameterBytes.load(net, manager, image, PARAMETERS);
        nets.add(net);
      }
    }
    double[] out = new double[f.length];
    if (f.length == 0) {
      return out;
    }
    float[] x = new float[f.length * width];
    for (int i = 0; i < f.length; i++) {
      standardise(f[i], settings.mean(), settings.scale(), x, i * width);
    }
    try (NDManager sub = manager.newSubManager()) {
      NDArray in = sub.create(x, new Shape(f.length, width));
      for (Block net : nets) {
        float[] v = net.forward(new ParameterStore(sub, false), new NDList(in), false)
            .singletonOrThrow().toFloatArray();
        for (int i = 0; i < v.length; i++) {
          out[i] += v[i] / nets.size();
        }
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(-MOST_LOGIT, Math.min(MOST_LOGIT, out[i]));
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
      manager = null;
      nets = null;
    }
  }
}
