package org.synthehr.generator.longitudinal;

import java.util.ArrayList;
import java.util.List;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.Table;

/**
 * Joins a known history and a sampled future into one twin: values before the cut and every static
 * attribute except the label come from the real record, unchanged; values from the cut on, the
 * label and the record's end come from the sample.
 */
final class TwinMerge {
  private TwinMerge() {}

  static Cohort merge(Cohort patients, Cohort future, int cut, String label) {
    int steps = patients.steps();
    int k = patients.variables();
    float[] v = future.values();
    for (int p = 0; p < patients.size(); p++) {
      for (int t = 0; t < cut; t++) {
        for (int j = 0; j < k; j++) {
          v[(p * steps + t) * k + j] = t < patients.end(p) ? patients.value(p, t, j) : Float.NaN;
        }
      }
    }
    List<Column> cols = new ArrayList<>();
    Table real = patients.statics();
    for (int c = 0; c < real.columnCount(); c++) {
      String name = real.schema().columns().get(c).name();
      cols.add(name.equals(label) ? future.statics().column(name) : real.column(c));
    }
    Table statics = new Table(real.schema(), cols);
    return new Cohort(patients.schema(), patients.ids(), statics, v, future.ends());
  }
}
