package org.synthehr.spark.longitudinal;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.table.TableBuilder;
import org.synthehr.evaluator.longitudinal.TwinScores;

/**
 * {@code synth twins --score}: the twins scored against what the histories hold after the cut,
 * with the same figures as the pipeline's twins of holdout patients (coverage of the 80% band,
 * CRPS against carrying the last value forward, outcome AUC).
 */
final class TwinScoring {
  private static final double LEVEL = 0.8;

  private TwinScoring() {}

  /** The figures, from the twins the tasks returned whole. */
  static List<MetricResult> score(Dataset<Row> rows, CohortSchema schema, Cohort patients,
      List<HistoryBlock> blocks) {
    List<String> order = new ArrayList<>();
    blocks.forEach(b -> order.addAll(List.of(b.ids())));
    Map<String, Integer> at = new HashMap<>();
    for (int p = 0; p < patients.size(); p++) {
      at.put(patients.id(p), p);
    }
    Cohort real = patients.take(order.stream().mapToInt(at::get).toArray());
    int samples = blocks.get(0).samples();
    int n = real.size();
    int cells = schema.steps() * schema.variableCount();
    String[][][] statics = new String[samples][n][];
    float[][] values = new float[samples][n * cells];
    int[][] ends = new int[samples][n];
    for (Row r : rows.filter(col("kind").equalTo(TwinSampler.TWIN)).select("twin.*")
        .collectAsList()) {
      int p = (int) r.getLong(0);
      int s = r.getInt(1);
      ends[s][p] = r.getInt(2);
      List<String> st = r.getList(3);
      statics[s][p] = st.toArray(String[]::new);
      List<Float> v = r.getList(4);
      for (int i = 0; i < cells; i++) {
        Float x = v.get(i);
        values[s][p * cells + i] = x == null ? Float.NaN : x;
      }
    }
    List<Cohort> twins = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      TableBuilder b = new TableBuilder(schema.statics(), "twins");
      for (int p = 0; p < n; p++) {
        b.addRow(statics[s][p], p + 1L);
      }
      twins.add(new Cohort(schema, real.ids(), b.build(), values[s], ends[s]));
    }
    HistoryBlock first = blocks.get(0);
    return TwinScores.score(real, twins, first.cut(), first.horizon(), LEVEL);
  }
}
