package org.synthehr.core.longitudinal;

import java.util.Arrays;

/**
 * Measurements in memory as primitive arrays (patient, time, variable, value), about 24 bytes each,
 * so that times given as dates can be made relative to each patient's first event before gridding.
 */
final class EventBuffer {
  private int[] patient = new int[1 << 12];
  private double[] time = new double[1 << 12];
  private int[] variable = new int[1 << 12];
  private double[] value = new double[1 << 12];
  private int size;

  void add(int p, double t, int k, double v) {
    if (size == patient.length) {
      int n = size * 2;
      patient = Arrays.copyOf(patient, n);
      time = Arrays.copyOf(time, n);
      variable = Arrays.copyOf(variable, n);
      value = Arrays.copyOf(value, n);
    }
    patient[size] = p;
    time[size] = t;
    variable[size] = k;
    value[size] = v;
    size++;
  }

  int size() {
    return size;
  }

  int patient(int i) {
    return patient[i];
  }

  double time(int i) {
    return time[i];
  }

  int variable(int i) {
    return variable[i];
  }

  double value(int i) {
    return value[i];
  }

  /** Renumbers variables (e.g. after sorting their names). */
  void remapVariables(int[] map) {
    for (int i = 0; i < size; i++) {
      variable[i] = map[variable[i]];
    }
  }

  /** Makes times relative to each patient's earliest time (for times given as dates). */
  void relativeToFirst(int patients) {
    double[] first = new double[patients];
    Arrays.fill(first, Double.POSITIVE_INFINITY);
    for (int i = 0; i < size; i++) {
      first[patient[i]] = Math.min(first[patient[i]], time[i]);
    }
    for (int i = 0; i < size; i++) {
      time[i] -= first[patient[i]];
    }
  }
}
