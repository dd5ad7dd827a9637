package org.synthehr.evaluator.stats;

import java.io.Serializable;
import java.util.List;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.table.Table;

/**
 * The sufficient statistics of one table under a {@link StatisticsPlan}: per column, per pair and per
 * fairness subgroup. Built row by row ({@link #add}) and merged exactly ({@link #merge}), so the same
 * figures come from an in-memory {@link Table} ({@link #of}) or from partitions of a Spark dataset;
 * every fidelity metric is a function of these and the plan.
 */
public final class TableStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private long rows;
  private final ColumnStatistics[] columns;
  private final PairStatistics[] pairs;
  private final long[][] groupRows;
  private final ColumnStatistics[][][] groupColumns;
  private transient int[] cells;
  private transient int[] pairCodes;
  private transient int[] rankCells;

  private TableStatistics(StatisticsPlan plan) {
    List<ColumnPlan> cols = plan.columns();
    columns = new ColumnStatistics[cols.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = cols.get(i).emptyStatistics();
    }
    pairs = new PairStatistics[plan.pairCount()];
    for (int p = 0; p < pairs.length; p++) {
      int[] ab = plan.pair(p);
      pairs[p] = new PairStatistics(cols.get(ab[0]), cols.get(ab[1]));
    }
    List<SubgroupPlan> groups = plan.subgroups();
    groupRows = new long[groups.size()][];
    groupColumns = new ColumnStatistics[groups.size()][][];
    for (int s = 0; s < groups.size(); s++) {
      int g = groups.get(s).size();
      groupRows[s] = new long[g];
      groupColumns[s] = new ColumnStatistics[g][cols.size()];
      for (int k = 0; k < g; k++) {
        for (int i = 0; i < cols.size(); i++) {
          groupColumns[s][k][i] = cols.get(i).emptyStatistics();
        }
      }
    }
  }

  /** Empty statistics for a plan. */
  public static TableStatistics empty(StatisticsPlan plan) {
    return new TableStatistics(plan);
  }

  /** The statistics of an in-memory table (columns matched to the plan by name). */
  public static TableStatistics of(Table table, StatisticsPlan plan) {
    TableStatistics stats = new TableStatistics(plan);
    int n = plan.columns().size();
    Column[] cols = new Column[n];
    int[][] remap = new int[n][];
    for (int i = 0; i < n; i++) {
      ColumnPlan cp = plan.column(i);
      cols[i] = table.column(cp.name());
      if (cp instanceof CategoricalPlan cat) {
        List<String> dict = ((CategoricalColumn) cols[i]).dictionary();
        remap[i] = dict.stream().mapToInt(cat::code).toArray();
      }
    }
    EncodedRow row = new EncodedRow(plan);
    for (int r = 0; r < table.rowCount(); r++) {
      for (int i = 0; i < n; i++) {
        if (cols[i] instanceof NumericColumn num) {
          row.setValue(i, num.get(r));
        } else {
          CategoricalColumn c = (CategoricalColumn) cols[i];
          int code = c.code(r);
          row.setCode(i, code < 0 ? CategoricalPlan.MISSING : remap[i][code],
              code < 0 ? null : c.dictionary().get(code));
        }
      }
      stats.add(plan, row);
    }
    return stats;
  }

  /** Counts one row. */
  public void add(StatisticsPlan plan, EncodedRow row) {
    int n = columns.length;
    if (cells == null) {
      cells = new int[n];
      pairCodes = new int[n];
      rankCells = new int[n];
    }
    rows++;
    for (int i = 0; i < n; i++) {
      ColumnPlan cp = plan.column(i);
      if (cp instanceof NumericPlan np) {
        double v = row.values[i];
        NumericStatistics s = (NumericStatistics) columns[i];
        if (row.invalid[i]) {
          s.addInvalid(row.raw[i]);
          cells[i] = -1;
        } else if (Double.isNaN(v)) {
          s.addMissing();
          cells[i] = -1;
        } else {
          cells[i] = np.cell(v);
          rankCells[i] = np.rankCell(v);
          s.add(cells[i], v);
        }
        pairCodes[i] = np.pairCode(v);
      } else {
        CategoricalPlan cat = (CategoricalPlan) cp;
        int code = row.codes[i];
        CategoricalStatistics s = (CategoricalStatistics) columns[i];
        if (code == CategoricalPlan.INVENTED) {
          s.addInvented(row.raw[i]);
        } else {
          s.add(code);
        }
        pairCodes[i] = cat.pairCode(code);
      }
    }
    for (int p = 0; p < pairs.length; p++) {
      addPair(plan, pairs[p], plan.pairA(p), plan.pairB(p), row);
    }
    for (int s = 0; s < groupRows.length; s++) {
      SubgroupPlan sp = plan.subgroups().get(s);
      int c = sp.columnIndex();
      int g = sp.isNumeric() ? sp.groupOfValue(row.values[c]) : sp.groupOfCode(row.codes[c]);
      if (g >= 0) {
        groupRows[s][g]++;
        addColumns(plan, groupColumns[s][g], row);
      }
    }
  }

  private void addPair(StatisticsPlan plan, PairStatistics ps, int a, int b, EncodedRow row) {
    ps.addJoint(pairCodes[a], pairCodes[b]);
    switch (ps.kind()) {
      case NUMERIC -> {
        if (cells[a] >= 0 && cells[b] >= 0) {
          ps.addNumeric(row.values[a], row.values[b], rankCells[a], rankCells[b]);
        }
      }
      case MIXED -> {
        boolean aIsCat = plan.column(a) instanceof CategoricalPlan;
        int cat = aIsCat ? a : b;
        int num = aIsCat ? b : a;
        if (cells[num] >= 0 && row.codes[cat] != CategoricalPlan.MISSING) {
          ps.addMixed(pairCodes[cat], row.values[num]);
        }
      }
      default -> { }
    }
  }

  private void addColumns(StatisticsPlan plan, ColumnStatistics[] target, EncodedRow row) {
    for (int i = 0; i < target.length; i++) {
      if (plan.column(i) instanceof NumericPlan) {
        NumericStatistics s = (NumericStatistics) target[i];
        if (cells[i] >= 0) {
          s.add(cells[i], row.values[i]);
        } else {
          s.addMissing();
        }
      } else {
        CategoricalStatistics s = (CategoricalStatistics) target[i];
        if (row.codes[i] == CategoricalPlan.INVENTED) {
          s.addInvented(row.raw[i]);
        } else {
          s.add(row.codes[i]);
        }
      }
    }
  }

  /** Adds another partial of the same plan into this one and returns this. */
  public TableStatistics merge(TableStatistics o) {
    rows += o.rows;
    for (int i = 0; i < columns.length; i++) {
      columns[i].merge(o.columns[i]);
    }
    for (int p = 0; p < pairs.length; p++) {
      pairs[p].merge(o.pairs[p]);
    }
    for (int s = 0; s < groupRows.length; s++) {
      for (int g = 0; g < groupRows[s].length; g++) {
        groupRows[s][g] += o.groupRows[s][g];
        for (int i = 0; i < columns.length; i++) {
          groupColumns[s][g][i].merge(o.groupColumns[s][g][i]);
        }
      }
    }
    return this;
  }

  /** Rows counted. */
  public long rows() {
    return rows;
  }

  /** Statistics of column i. */
  public ColumnStatistics column(int i) {
    return columns[i];
  }

  /** Statistics of pair p (see {@link StatisticsPlan#pair}). */
  public PairStatistics pair(int p) {
    return pairs[p];
  }

  /** Rows in group g of subgroup column s. */
  public long groupRows(int s, int g) {
    return groupRows[s][g];
  }

  /** Statistics of column i within group g of subgroup column s. */
  public ColumnStatistics groupColumn(int s, int g, int i) {
    return groupColumns[s][g][i];
  }
}
