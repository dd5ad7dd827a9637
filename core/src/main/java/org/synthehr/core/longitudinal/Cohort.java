package org.synthehr.core.longitudinal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.synthehr.core.table.Table;

/**
 * Patients with static attributes and gridded time series: the unit trajectory generators and
 * metrics consume. Each patient has one row of static attributes, a value for every (step, variable)
 * cell of the grid, NaN where nothing was measured (the observation mask is "not NaN", so irregular
 * sampling and never-measured variables are kept, not imputed), and the end of the record: steps
 * {@code [0, end)} lie within the stay; nothing is charted after death or discharge.
 *
 * <p>Identifiers travel beside the data ({@link #id}) and are never modelled. Immutable.
 */
public final class Cohort {
  private final CohortSchema schema;
  private final String[] ids;
  private final Table statics;
  private final float[] values;
  private final int[] ends;

  /**
   * Checks shapes and takes ownership of the arrays.
   *
   * @param schema what the cohort holds
   * @param ids patient identifiers, one per patient (real ids for real cohorts, generated for
   *     synthetic ones)
   * @param statics static attributes, one row per patient, columns as {@code schema.statics()}
   * @param values {@code patients x steps x variables} values in row-major order, NaN = not observed
   * @param ends per patient the number of steps the record covers, in [1, steps]
   */
  public Cohort(CohortSchema schema, String[] ids, Table statics, float[] values, int[] ends) {
    this.schema = Objects.requireNonNull(schema);
    this.ids = ids;
    this.statics = statics;
    this.values = values;
    this.ends = ends;
    int n = ids.length;
    if (statics.rowCount() != n || ends.length != n) {
      throw new IllegalArgumentException("cohort of " + n + " ids has " + statics.rowCount()
          + " static rows and " + ends.length + " ends");
    }
    if (!statics.schema().names().equals(schema.statics().names())) {
      throw new IllegalArgumentException("static columns " + statics.schema().names()
          + " differ from the schema's " + schema.statics().names());
    }
    long cells = (long) n * schema.steps() * schema.variableCount();
    if (values.length != cells) {
      throw new IllegalArgumentException("expected " + cells + " values, got " + values.length);
    }
    for (int p = 0; p < n; p++) {
      if (ends[p] < 1 || ends[p] > schema.steps()) {
        throw new IllegalArgumentException("end " + ends[p] + " of patient " + p
            + " outside [1, " + schema.steps() + "]");
      }
    }
  }

  public CohortSchema schema() {
    return schema;
  }

  /** Number of patients. */
  public int size() {
    return ids.length;
  }

  /** Number of grid steps. */
  public int steps() {
    return schema.steps();
  }

  /** Number of variables. */
  public int variables() {
    return schema.variableCount();
  }

  /** The identifier of patient p. */
  public String id(int p) {
    return ids[p];
  }

  /** A copy of the identifiers. */
  public String[] ids() {
    return ids.clone();
  }

  /** Static attributes, one row per patient. */
  public Table statics() {
    return statics;
  }

  /** The value of variable k at step t of patient p, NaN when not observed. */
  public float value(int p, int t, int k) {
    return values[index(p, t, k)];
  }

  /** Whether variable k was observed at step t of patient p. */
  public boolean observed(int p, int t, int k) {
    return !Float.isNaN(values[index(p, t, k)]);
  }

  /** Number of steps patient p's record covers (1..steps). */
  public int end(int p) {
    return ends[p];
  }

  /** A copy of all values (patients x steps x variables, NaN = not observed). */
  public float[] values() {
    return values.clone();
  }

  /** A copy of the record ends. */
  public int[] ends() {
    return ends.clone();
  }

  /** Number of observed cells. */
  public long observationCount() {
    long c = 0;
    for (float v : values) {
      if (!Float.isNaN(v)) {
        c++;
      }
    }
    return c;
  }

  /** The patients at these positions, in this order. */
  public Cohort take(int[] rows) {
    int tk = steps() * variables();
    float[] v = new float[rows.length * tk];
    String[] id = new String[rows.length];
    int[] e = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(values, rows[i] * tk, v, i * tk, tk);
      id[i] = ids[rows[i]];
      e[i] = ends[rows[i]];
    }
    return new Cohort(schema, id, statics.take(rows), v, e);
  }

  /** The first n patients (or all). */
  public Cohort head(int n) {
    int m = Math.min(n, size());
    int[] rows = new int[m];
    for (int i = 0; i < m; i++) {
      rows[i] = i;
    }
    return take(rows);
  }

  /** The same patients under other identifiers. */
  public Cohort withIds(String[] newIds) {
    return new Cohort(schema, newIds.clone(), statics, values, ends);
  }

  /**
   * The records as known at step {@code cut}: values from the cut on are hidden and each record
   * ends at the cut at the latest. This is what a digital twin may condition on.
   */
  public Cohort truncate(int cut) {
    if (cut < 1 || cut > steps()) {
      throw new IllegalArgumentException("cut " + cut + " outside [1, " + steps() + "]");
    }
    float[] v = values.clone();
    int tk = steps() * variables();
    for (int p = 0; p < size(); p++) {
      Arrays.fill(v, p * tk + cut * variables(), (p + 1) * tk, Float.NaN);
    }
    int[] e = ends.clone();
    for (int p = 0; p < e.length; p++) {
      e[p] = Math.min(e[p], cut);
    }
    return new Cohort(schema, ids, statics, v, e);
  }

  /** Stacks cohorts with the same schema (static dictionaries unified as in Table.concat). */
  public static Cohort concat(List<Cohort> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    CohortSchema schema = parts.get(0).schema();
    int n = parts.stream().mapToInt(Cohort::size).sum();
    int tk = schema.steps() * schema.variableCount();
    float[] v = new float[n * tk];
    String[] id = new String[n];
    int[] e = new int[n];
    List<Table> tables = new ArrayList<>();
    int at = 0;
    for (Cohort c : parts) {
      if (!c.schema().equals(schema)) {
        throw new IllegalArgumentException("cannot concatenate cohorts with different schemas");
      }
      System.arraycopy(c.values, 0, v, at * tk, c.values.length);
      System.arraycopy(c.ids, 0, id, at, c.size());
      System.arraycopy(c.ends, 0, e, at, c.size());
      tables.add(c.statics);
      at += c.size();
    }
    return new Cohort(schema, id, Table.concat(tables), v, e);
  }

  private int index(int p, int t, int k) {
    return (p * schema.steps() + t) * schema.variableCount() + k;
  }
}
