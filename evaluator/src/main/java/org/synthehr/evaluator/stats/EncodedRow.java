package org.synthehr.evaluator.stats;

import java.util.Arrays;

/**
 * One row in plan terms, reused from row to row: a value per numeric column (NaN when missing), a
 * plan code per discrete column, and the raw text of invented categories and unreadable numbers.
 */
public final class EncodedRow {
  final double[] values;
  final int[] codes;
  final String[] raw;
  final boolean[] invalid;

  /** A row for a plan. */
  public EncodedRow(StatisticsPlan plan) {
    int n = plan.columns().size();
    values = new double[n];
    codes = new int[n];
    raw = new String[n];
    invalid = new boolean[n];
    clear();
  }

  /** Resets every column to missing. */
  public void clear() {
    Arrays.fill(values, Double.NaN);
    Arrays.fill(codes, CategoricalPlan.MISSING);
    Arrays.fill(raw, null);
    Arrays.fill(invalid, false);
  }

  /** Sets a numeric column (NaN = missing). */
  public void setValue(int col, double v) {
    values[col] = v;
    invalid[col] = false;
  }

  /** Marks a numeric column's cell as not a number. */
  public void setInvalid(int col, String text) {
    values[col] = Double.NaN;
    invalid[col] = true;
    raw[col] = text;
  }

  /** Sets a discrete column by plan code; {@code text} is kept for invented values. */
  public void setCode(int col, int code, String text) {
    codes[col] = code;
    raw[col] = code == CategoricalPlan.INVENTED ? text : null;
  }

  /** The value of numeric column col. */
  public double value(int col) {
    return values[col];
  }

  /** The plan code of discrete column col. */
  public int code(int col) {
    return codes[col];
  }
}
