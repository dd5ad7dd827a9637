package org.synthehr.generator.longitudinal;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The training cohort's deciles of each whole-window summary the realism critic reads, and the
 * choice of new patients among their candidates that keeps those deciles filled as in training.
 *
 * <p>Weighing each patient's candidates on its own (sampling-importance resampling) leaves many
 * small shifts of single summaries, each too small for the critic's ratio to move, and more
 * candidates per patient hardly help. Choosing the kept patients of a whole batch together does
 * better: a greedy choice, one patient at a time, of the candidate whose summaries fall in the
 * deciles most short of their training share so far (herding, Welling 2009, on decile
 * indicators) plus {@link #CRITIC_WEIGHT} times the critic's log ratio, so that the joint
 * structure the critic sees is kept too. The deciles of the kept patients then match training to
 * within sampling noise, and the discriminative score falls below that of importance resampling
 * from the same candidates, the more so with more candidates
 * (measurements: docs/longitudinal.md, 'Design measurements').
 *
 * <p>What is kept are decile edges and shares per summary: aggregates of the training cohort, as
 * the calibration's quantiles are, never a patient's row.
 *
 * @param edges per summary, the distinct inner decile edges of the training cohort; a value falls
 *     in the first bin whose edge it does not exceed, or in the last
 * @param shares per summary, the training cohort's share in each of its {@code edges.length + 1}
 *     bins
 */
record MarginalBalance(double[][] edges, double[][] shares) {

  /** Bins per summary. */
  static final int BINS = 10;

  /**
   * Weight of the critic's log ratio against the decile deficits, summed over the summaries (351
   * on physionet2012-a). Between 8 and 16 the discriminative score moved within its noise, and
   * neither the deciles alone (0) nor heavier weights (32, 64) did better; 12 sits in the middle
   * of that flat range (measurements: docs/longitudinal.md, 'Design measurements').
   */
  static final double CRITIC_WEIGHT = 12;

  /** The deciles of {@code real} (one row of summaries per patient). */
  static MarginalBalance of(double[][] real) {
    if (real.length == 0) {
      throw new IllegalArgumentException("no real patients to balance against");
    }
    int width = real[0].length;
    double[][] edges = new double[width][];
    double[][] shares = new double[width][];
    double[] column = new double[real.length];
    for (int j = 0; j < width; j++) {
      for (int i = 0; i < real.length; i++) {
        column[i] = real[i][j];
      }
      Arrays.sort(column);
      // Tied deciles (a point mass such as "never charted") collapse into one bin.
      TreeSet<Double> distinct = new TreeSet<>();
      for (int b = 1; b < BINS; b++) {
        distinct.add(column[(int) ((long) b * (column.length - 1) / BINS)]);
      }
      edges[j] = distinct.stream().mapToDouble(Double::doubleValue).toArray();
      shares[j] = new double[edges[j].length + 1];
      for (double v : column) {
        shares[j][bin(v, edges[j])] += 1.0 / real.length;
      }
    }
    return new MarginalBalance(edges, shares);
  }

  static int bin(double value, double[] edges) {
    int b = 0;
    while (b < edges.length && value > edges[b]) {
      b++;
    }
    return b;
  }

  /** A running count of the chosen patients' bins, started empty for each cohort sampled. */
  Tally tally() {
    return new Tally();
  }

  /** Counts of the patients chosen so far, per summary and bin. */
  final class Tally {
    private final double[][] counts = new double[shares.length][];
    private int chosen;

    private Tally() {
      for (int j = 0; j < shares.length; j++) {
        counts[j] = new double[shares[j].length];
      }
    }

    /**
     * Chooses {@code slots} of the candidates (rows of summaries, with the critic's log ratios),
     * each the one whose bins are most short of their training share given those chosen before
     * (in this and earlier calls), plus {@link #CRITIC_WEIGHT} times its log ratio; ties go to
     * the earlier candidate.
     *
     * @return the chosen candidates' indices, ascending
     */
    int[] choose(double[][] candidates, double[] logRatio, int slots) {
      if (slots > candidates.length) {
        throw new IllegalArgumentException(slots + " slots but " + candidates.length
            + " candidates");
      }
      int width = shares.length;
      int[][] bins = new int[candidates.length][width];
      for (int c = 0; c < candidates.length; c++) {
        for (int j = 0; j < width; j++) {
          bins[c][j] = bin(candidates[c][j], edges[j]);
        }
      }
      boolean[] taken = new boolean[candidates.length];
      int[] out = new int[slots];
      for (int s = 0; s < slots; s++) {
        double best = Double.NEGATIVE_INFINITY;
        int pick = -1;
        for (int c = 0; c < candidates.length; c++) {
          if (taken[c]) {
            continue;
          }
          double score = CRITIC_WEIGHT * logRatio[c];
          int[] b = bins[c];
          for (int j = 0; j < width; j++) {
            score += (chosen + 1) * shares[j][b[j]] - counts[j][b[j]];
          }
          if (score > best) {
            best = score;
            pick = c;
          }
        }
        taken[pick] = true;
        out[s] = pick;
        chosen++;
        for (int j = 0; j < width; j++) {
          counts[j][bins[pick][j]] += 1;
        }
      }
      Arrays.sort(out);
      return out;
    }
  }
}
