package org.synthehr.evaluator.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;

/**
 * Everything fixed before counting: the cells of each modelled column, the pairs, and the fairness
 * subgroups, all taken from the real (training) table. Serializable, so a Spark job broadcasts it and
 * counts any table with it; the counts then compare cell by cell.
 */
public final class StatisticsPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<ColumnPlan> columns;
  private final int[] pairA;
  private final int[] pairB;
  private final List<SubgroupPlan> subgroups;
  private final List<String> missingTokensGlobal;
  private final List<List<String>> missingTokens;
  private final List<String> units;

  private StatisticsPlan(List<ColumnPlan> columns, List<SubgroupPlan> subgroups,
      List<String> missingTokensGlobal, List<List<String>> missingTokens, List<String> units) {
    this.units = new ArrayList<>(units);
    this.columns = List.copyOf(columns);
    this.subgroups = List.copyOf(subgroups);
    this.missingTokensGlobal = List.copyOf(missingTokensGlobal);
    this.missingTokens = List.copyOf(missingTokens);
    int n = columns.size();
    this.pairA = new int[n * (n - 1) / 2];
    this.pairB = new int[pairA.length];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        pairA[p] = i;
        pairB[p++] = j;
      }
    }
  }

  /**
   * The plan of a real table's modelled columns.
   *
   * @param real the real (training) table
   * @param maxCuts most cut points per numeric column (use {@link NumericPlan#DEFAULT_MAX_CUTS}; a
   *     huge value makes KS and Wasserstein exact for any data)
   * @param subgroupColumns columns to report subgroups of (fairness)
   * @param minSubgroupRows real rows a category needs to be a subgroup
   */
  public static StatisticsPlan fromReal(Table real, int maxCuts, List<String> subgroupColumns,
      long minSubgroupRows) {
    TableSchema schema = real.schema().modelled();
    List<ColumnPlan> plans = new ArrayList<>();
    List<List<String>> tokens = new ArrayList<>();
    List<String> units = new ArrayList<>();
    for (ColumnSpec spec : schema.columns()) {
      units.add(spec.unit());
      if (real.column(spec.name()) instanceof NumericColumn n) {
        plans.add(NumericPlan.fromValues(spec.name(), spec.kind(), n.observed(), maxCuts));
      } else {
        CategoricalColumn c = real.categorical(spec.name());
        plans.add(new CategoricalPlan(spec.name(), spec.kind(), c.dictionary(), c.counts()));
      }
      tokens.add(spec.missingValues());
    }
    List<SubgroupPlan> groups = new ArrayList<>();
    for (String name : subgroupColumns) {
      int index = schema.indexOf(name);
      if (index < 0) {
        throw new InvalidConfigException("evaluate.fairness.columns lists '" + name + "', which is"
            + " not a modelled column of the real data. Fix: use one of " + String.join(", ",
                schema.names()) + ".");
      }
      ColumnPlan plan = plans.get(index);
      if (plan instanceof CategoricalPlan cp) {
        groups.add(SubgroupPlan.categorical(cp, index, real.categorical(name).counts(),
            minSubgroupRows));
      } else {
        groups.add(SubgroupPlan.numeric(name, index, real.numeric(name).observed()));
      }
    }
    return new StatisticsPlan(plans, groups, real.schema().missingValues(), tokens, units);
  }

  /** The modelled columns, in schema order. */
  public List<ColumnPlan> columns() {
    return columns;
  }

  /** Column names in order. */
  public List<String> names() {
    return columns.stream().map(ColumnPlan::name).toList();
  }

  /** The plan of column i. */
  public ColumnPlan column(int i) {
    return columns.get(i);
  }

  /** Position of a column by name, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Number of pairs. */
  public int pairCount() {
    return pairA.length;
  }

  /** The two column positions of pair p (first before second). */
  public int[] pair(int p) {
    return new int[] {pairA[p], pairB[p]};
  }

  /** The first column of pair p. */
  public int pairA(int p) {
    return pairA[p];
  }

  /** The second column of pair p. */
  public int pairB(int p) {
    return pairB[p];
  }

  /** The pair of columns i &lt; j. */
  public int pairIndex(int i, int j) {
    int n = columns.size();
    return i * n - i * (i + 1) / 2 + (j - i - 1);
  }

  /** Fairness subgroups. */
  public List<SubgroupPlan> subgroups() {
    return subgroups;
  }

  /** The unit column i's real values are written with (e.g. "mg/dL"), or null. */
  public String unit(int i) {
    return units.get(i);
  }

  /** Whether a raw text value of column i means "missing" (blank or a schema missing token). */
  public boolean isMissingToken(int i, String raw) {
    String t = raw.trim();
    return t.isEmpty() || missingTokensGlobal.contains(t) || missingTokens.get(i).contains(t);
  }
}
