package org.synthehr.generator.diffusion;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.generator.codec.ColumnEncoding;
import org.synthehr.generator.codec.SampleConditions;

/**
 * How TabDDPM meets a request's discrete conditions by construction rather than by rejection: a
 * condition on the label restricts the label draw (the network is told the label), a condition on
 * another discrete column fixes that block's class for inpainting. Where a condition allows several
 * categories, each row draws one of them in proportion to its training frequency. Numeric ranges
 * are left to rejection.
 */
final class ConditionPlan {
  private final double[] labelWeights;
  private final double[][] blockWeights;
  private final boolean hasRanges;

  private ConditionPlan(double[] labelWeights, double[][] blockWeights, boolean hasRanges) {
    this.labelWeights = labelWeights;
    this.blockWeights = blockWeights;
    this.hasRanges = hasRanges;
  }

  /** The plan for checked conditions. */
  static ConditionPlan of(SampleConditions conditions, DiffusionCodec codec, TableSchema schema,
      int rangeCount) {
    double[] label = codec.labelFrequencies();
    List<DiffusionCodec.Block> blocks = codec.blocks();
    double[][] fixed = new double[blocks.size()][];
    for (SampleConditions.Discrete c : conditions.discrete()) {
      String column = schema.columns().get(c.column()).name();
      if (column.equals(codec.label())) {
        label = restrict(codec.labelEncoding(), c.positions());
        continue;
      }
      for (int b = 0; b < blocks.size(); b++) {
        DiffusionCodec.Block block = blocks.get(b);
        if (!block.isMissingIndicator() && block.column().equals(column)) {
          fixed[b] = restrict(codec.categorical().get(block.categoricalIndex()), c.positions());
        }
      }
    }
    return new ConditionPlan(label, fixed, rangeCount > 0);
  }

  /** The training frequencies of the allowed classes, zero elsewhere. */
  private static double[] restrict(ColumnEncoding.Categorical enc, int[] positions) {
    double[] all = enc.positionFrequencies();
    double[] out = new double[all.length];
    for (int p : positions) {
      // A category seen in training always has a positive frequency; guard anyway.
      out[p] = Math.max(all[p], 1e-12);
    }
    return out;
  }

  /** Whether numeric ranges remain, to be met by rejection. */
  boolean needsRejection() {
    return hasRanges;
  }

  /** Draws every row's label and fixed classes. */
  ReverseProcess.Targets targets(int rows, SplittableRandom random) {
    int[] labels = null;
    if (labelWeights.length > 0) {
      labels = new int[rows];
      for (int r = 0; r < rows; r++) {
        labels[r] = draw(labelWeights, random);
      }
    }
    int[] fixed = null;
    int nb = blockWeights.length;
    for (int b = 0; b < nb; b++) {
      if (blockWeights[b] == null) {
        continue;
      }
      if (fixed == null) {
        fixed = new int[rows * nb];
        Arrays.fill(fixed, -1);
      }
      for (int r = 0; r < rows; r++) {
        fixed[r * nb + b] = draw(blockWeights[b], random);
      }
    }
    return new ReverseProcess.Targets(labels, fixed);
  }

  private static int draw(double[] weights, SplittableRandom random) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    double acc = 0;
    int last = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        acc += weights[i];
        last = i;
        if (u < acc) {
          return i;
        }
      }
    }
    return last;
  }
}
