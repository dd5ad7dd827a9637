package org.synthehr.generator.longitudinal;

import java.util.ArrayList;
import java.util.List;

/** Joins variables into panels that share one value (an onset hour, a charting count). */
final class PanelJoin {
  private PanelJoin() {}

  /** How often two variables go together in the training cohort. */
  interface PairShare {
    double of(int k, int j);
  }

  /** Whether a wanted value may join a panel whose first member wants {@code first}. */
  interface Reach {
    boolean within(int first, int wanted);
  }

  /**
   * Joins variables into panels that share one value. Taken in the order of their wanted values
   * (a stable sort), each variable not fixed joins the panel within reach whose members' mean
   * share with it is highest, if {@code u} falls below that share, or begins a panel of its own;
   * each panel then takes the wanted value of its middle member (the median), so no direction is
   * favoured. One draw for all of a patient's joins: stays that keep one panel together tend to
   * keep all of them together, and one draw per patient comes much closer than a draw per variable
   * to the real share of stays beginning all 10 routine labs in one hour
   * (measurements: docs/longitudinal.md, 'Design measurements').
   *
   * @return per variable its value: the panel's, or its wanted value if fixed
   */
  static int[] join(int[] wanted, boolean[] fixed, double u, PairShare together,
      Reach reach) {
    int n = wanted.length;
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(wanted[a], wanted[b]));
    List<List<Integer>> panels = new ArrayList<>();
    for (int k : order) {
      if (fixed[k]) {
        continue;
      }
      int best = -1;
      double bestShare = 0;
      for (int c = 0; c < panels.size(); c++) {
        List<Integer> members = panels.get(c);
        if (!reach.within(wanted[members.get(0)], wanted[k])) {
          continue;
        }
        double share = 0;
        for (int j : members) {
          share += together.of(k, j) / members.size();
        }
        if (share > bestShare) {
          best = c;
          bestShare = share;
        }
      }
      if (best < 0 || u >= bestShare) {
        best = panels.size();
        panels.add(new ArrayList<>());
      }
      panels.get(best).add(k);
    }
    int[] out = wanted.clone();
    for (List<Integer> members : panels) {
      // Members joined in the order of their wanted values: the middle one holds the median.
      int value = wanted[members.get(members.size() / 2)];
      for (int k : members) {
        out[k] = value;
      }
    }
    return out;
  }
}
