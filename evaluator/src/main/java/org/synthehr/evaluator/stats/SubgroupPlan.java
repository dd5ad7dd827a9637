package org.synthehr.evaluator.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The subgroups of one column for fairness figures: the real categories with at least a minimum
 * number of real rows (rarer ones are not reported on their own), or for a numeric column its real
 * quartile bands. Every table assigns rows to groups by the same rule.
 */
public final class SubgroupPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final int columnIndex;
  private final List<String> labels;
  private final int[] groupOfCode;
  private final double[] edges;

  private SubgroupPlan(String column, int columnIndex, List<String> labels, int[] groupOfCode,
      double[] edges) {
    this.column = column;
    this.columnIndex = columnIndex;
    this.labels = List.copyOf(labels);
    this.groupOfCode = groupOfCode;
    this.edges = edges;
  }

  /** Groups of a discrete column: categories with at least {@code minRows} real rows. */
  public static SubgroupPlan categorical(CategoricalPlan plan, int columnIndex, long[] realCounts,
      long minRows) {
    int[] group = new int[plan.dictionary().size()];
    Arrays.fill(group, -1);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < group.length; i++) {
      if (realCounts[i] >= Math.max(1, minRows)) {
        group[i] = labels.size();
        labels.add(plan.dictionary().get(i));
      }
    }
    return new SubgroupPlan(plan.name(), columnIndex, labels, group, null);
  }

  /** Groups of a numeric column: bands between its real quartiles (fewer when quartiles tie). */
  public static SubgroupPlan numeric(String name, int columnIndex, double[] observed) {
    double[] sorted = observed.clone();
    Arrays.sort(sorted);
    List<Double> cuts = new ArrayList<>();
    for (int q = 0; q <= 4 && sorted.length > 0; q++) {
      double v = sorted[(int) Math.round(q * (sorted.length - 1) / 4.0)];
      if (cuts.isEmpty() || v > cuts.get(cuts.size() - 1)) {
        cuts.add(v);
      }
    }
    if (cuts.size() == 1) {
      cuts.add(cuts.get(0));
    }
    double[] edges = cuts.stream().mapToDouble(Double::doubleValue).toArray();
    List<String> labels = new ArrayList<>();
    for (int g = 0; g + 1 < edges.length; g++) {
      boolean last = g + 2 == edges.length;
      labels.add(String.format(Locale.ROOT, "[%s, %s%s", format(edges[g]), format(edges[g + 1]),
          last ? "]" : ")"));
    }
    return new SubgroupPlan(name, columnIndex, labels, null, edges);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  /** The column the groups are of. */
  public String column() {
    return column;
  }

  /** The column's position in the plan. */
  public int columnIndex() {
    return columnIndex;
  }

  /** Group labels, indexed by group. */
  public List<String> labels() {
    return labels;
  }

  /** Number of groups. */
  public int size() {
    return labels.size();
  }

  /** The group of a category code, -1 when it is in no reported group. */
  public int groupOfCode(int code) {
    return code < 0 ? -1 : groupOfCode[code];
  }

  /** The group of a numeric value, -1 when missing. */
  public int groupOfValue(double v) {
    if (Double.isNaN(v)) {
      return -1;
    }
    for (int g = 1; g + 1 < edges.length; g++) {
      if (v < edges[g]) {
        return g - 1;
      }
    }
    return edges.length - 2;
  }

  /** Whether the groups are bands of a numeric column. */
  public boolean isNumeric() {
    return edges != null;
  }
}
