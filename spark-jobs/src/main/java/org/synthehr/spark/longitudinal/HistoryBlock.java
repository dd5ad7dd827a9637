package org.synthehr.spark.longitudinal;

import java.io.Serializable;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.table.TableBuilder;

/**
 * A block of patient histories sent to one Spark task for their digital twins: plain arrays, so it
 * serialises without the cohort classes, rebuilt on the model's schema in the task. Blocks are cut
 * from the patients sorted by cut and id, so a block, its seed and its person ids do not depend on
 * how Spark partitions the work.
 *
 * @param firstOrdinal the ordinal of the block's first patient among all patients (0-based)
 * @param cut first step of the future
 * @param horizon future steps
 * @param samples twins per patient
 * @param seed the block's seed
 * @param ids the patients' ids, as the user gave them
 * @param statics per patient, the static attributes in the model's column order (null = missing)
 * @param values the grid values, patient-major as in {@link Cohort#values()}
 * @param ends the last step of each record as read
 * @param keepTwins whether the task also returns every twin whole, for scoring on the driver
 */
record HistoryBlock(long firstOrdinal, int cut, int horizon, int samples, long seed, String[] ids,
    String[][] statics, float[] values, int[] ends, boolean keepTwins) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The block of patients {@code rows} of a cohort already on the model's schema. */
  static HistoryBlock of(Cohort c, int[] rows, long firstOrdinal, int cut, int horizon,
      int samples, long seed, boolean keepTwins) {
    Cohort part = c.take(rows);
    return new HistoryBlock(firstOrdinal, cut, horizon, samples, seed, part.ids(), cells(part),
        part.values(), part.ends(), keepTwins);
  }

  /** Text cells of a cohort's static attributes (null = missing), row by row. */
  static String[][] cells(Cohort c) {
    String[][] out = new String[c.size()][c.statics().columnCount()];
    for (int p = 0; p < c.size(); p++) {
      for (int i = 0; i < out[p].length; i++) {
        out[p][i] = c.statics().column(i).isMissing(p) ? null : c.statics().format(p, i);
      }
    }
    return out;
  }

  /** The histories as a cohort on the model's schema. */
  Cohort cohort(CohortSchema schema) {
    TableBuilder b = new TableBuilder(schema.statics(), "patient histories");
    for (int p = 0; p < ids.length; p++) {
      b.addRow(statics[p], p + 1L);
    }
    return new Cohort(schema, ids, b.build(), values, ends);
  }
}
