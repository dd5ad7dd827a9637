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
    List<TableBuilder> statics = new ArrayList<>();
    float[][] values = new float[samples][n * cells];
    int[][] ends = new int[samples][n];
    List<List<Row>> bySample = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      statics.add(new TableBuilder(schema.statics(), "twins"));
      bySample.add(new ArrayList<>());
    }
    for (Row r : rows.filter(col("kind").equalTo(TwinSampler.TWIN)).select("twin.*")
        .orderBy("sample", "ordinal").collectAsList()) {
      bySample.get(r.getInt(1)).add(r);
    }
    List<Cohort> twins = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      for (Row r : bySample.get(s)) {
        int p = (int) r.getLong(0);
        ends[s][p] = r.getInt(2);
        LongitudinalStages.gridRow(r.getList(3), r.getList(4), statics.get(s), values[s], p,
            p + 1L);
      }
      twins.add(new Cohort(schema, real.ids(), statics.get(s).build(), values[s], ends[s]));
    }
    HistoryBlock first = blocks.get(0);
    return TwinScores.score(real, twins, first.cut(), first.horizon(), LEVEL);
  }
}
