package org.synthehr.core.longitudinal;

import java.util.Arrays;
import java.util.List;

/**
 * Puts irregular measurements onto a {@link TimeGrid}: each (patient, step, variable) cell combines
 * the measurements that fall into it with the variable's {@link Aggregation}; cells without any stay
 * NaN (not observed). Memory is two floats per cell.
 */
public final class GridAccumulator {
  private final TimeGrid grid;
  private final Aggregation[] aggregation;
  private final int patients;
  private final int k;
  private final float[] value;
  private final float[] aux;
  private final double[] lastMinute;

  /**
   * @param grid the grid
   * @param variables the variables (their aggregations are used)
   * @param patients number of patients
   */
  public GridAccumulator(TimeGrid grid, List<VariableSpec> variables, int patients) {
    this.grid = grid;
    this.patients = patients;
    this.k = variables.size();
    this.aggregation = variables.stream().map(VariableSpec::aggregation).toArray(Aggregation[]::new);
    long cells = (long) patients * grid.steps() * k;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("grid of " + cells + " cells is too large for memory;"
          + " use fewer steps, fewer variables or fewer patients");
    }
    this.value = new float[(int) cells];
    this.aux = new float[(int) cells];
    Arrays.fill(value, Float.NaN);
    this.lastMinute = new double[patients];
    Arrays.fill(lastMinute, Double.NaN);
  }

  /**
   * Adds one measurement.
   *
   * @return false when its time lies outside the window (the measurement is not used)
   */
  public boolean add(int patient, double minutes, int variable, double v) {
    int t = grid.stepOf(minutes);
    if (t < 0) {
      return false;
    }
    int i = (patient * grid.steps() + t) * k + variable;
    float x = (float) v;
    if (Float.isNaN(value[i])) {
      value[i] = x;
      aux[i] = aggregation[variable] == Aggregation.MEAN ? 1f : (float) minutes;
    } else {
      switch (aggregation[variable]) {
        case MEAN -> {
          value[i] += x;
          aux[i] += 1f;
        }
        case SUM -> value[i] += x;
        case MIN -> value[i] = Math.min(value[i], x);
        case MAX -> value[i] = Math.max(value[i], x);
        case LAST -> {
          if (minutes >= aux[i]) {
            value[i] = x;
            aux[i] = (float) minutes;
          }
        }
        case FIRST -> {
          if (minutes < aux[i]) {
            value[i] = x;
            aux[i] = (float) minutes;
          }
        }
      }
    }
    if (Double.isNaN(lastMinute[patient]) || minutes > lastMinute[patient]) {
      lastMinute[patient] = minutes;
    }
    return true;
  }

  /** The grid values (patients x steps x variables, NaN = not observed). */
  public float[] values() {
    float[] out = value.clone();
    for (int i = 0; i < out.length; i++) {
      int var = i % k;
      if (aggregation[var] == Aggregation.MEAN && !Float.isNaN(out[i])) {
        out[i] /= aux[i];
      }
    }
    return out;
  }

  /**
   * The end of each record: right after its last measurement when that lies at least
   * {@code endGapMinutes} before the window's end, otherwise the whole window; a patient without
   * measurements spans the whole window.
   */
  public int[] ends(int endGapMinutes) {
    int[] ends = new int[patients];
    long window = grid.windowMinutes();
    for (int p = 0; p < patients; p++) {
      double last = lastMinute[p];
      if (Double.isNaN(last) || window - last < endGapMinutes) {
        ends[p] = grid.steps();
      } else {
        ends[p] = grid.stepOf(last) + 1;
      }
    }
    return ends;
  }

  /** Number of patients with at least one measurement in the window. */
  public int patientsWithData() {
    int c = 0;
    for (double m : lastMinute) {
      if (!Double.isNaN(m)) {
        c++;
      }
    }
    return c;
  }
}
