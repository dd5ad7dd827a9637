package org.synthehr.spark.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Serializable;
import org.synthehr.core.io.Json;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.core.table.TableBuilder;
import org.synthehr.generator.ctgan.DpCtganKind;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.privacy.attack.LocalShadowTrainer;
import org.synthehr.privacy.attack.ShadowPlan;

/**
 * What one shadow-training Spark task needs, in a form Spark can ship: the attacker's pool as text
 * cells with its schema, and the generator configuration as JSON. It is broadcast once; each task
 * rebuilds the pool, trains one shadow and returns its sample as text cells. The rows are the
 * attacker's reference data, held in memory by the tasks and never written anywhere.
 *
 * @param schemaJson the pool's schema
 * @param cells the pool's rows as text (empty string = missing)
 * @param modelConfigJson the generator configuration under attack
 */
record ShadowTask(String schemaJson, String[][] cells, String modelConfigJson)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static ShadowTask of(Table pool, ModelConfig model) {
    return new ShadowTask(Json.toString(pool.schema()), cells(pool), Json.toString(model));
  }

  /** Trains the shadow of one plan and samples it (the body of a task; also callable locally). */
  String[][] run(int[] trainingRows, int sampleRows, long seed) {
    try {
      TableSchema schema = Json.mapper().readValue(schemaJson, TableSchema.class);
      ModelConfig config = Json.mapper().readValue(modelConfigJson, ModelConfig.class);
      if (config.kind().equals(DpCtganKind.ID) && config.batchSize() >= trainingRows.length) {
        // A shadow trains on a fraction of the attacker's pool, often fewer rows than one batch;
        // differentially private training refuses that (a row must join a batch with probability
        // batch / rows < 1), so the shadow takes half its rows per step instead.
        config = config.withBatchSize(Math.max(1, trainingRows.length / 2));
      }
      Table pool = table(schema, cells, "shadow pool");
      Table sample = LocalShadowTrainer.run(ModelKinds.create(config), pool,
          new ShadowPlan(trainingRows, sampleRows, seed));
      return cells(sample);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a shadow task's schema or config", e);
    }
  }

  static String[][] cells(Table t) {
    String[][] out = new String[t.rowCount()][t.columnCount()];
    for (int r = 0; r < out.length; r++) {
      for (int c = 0; c < out[r].length; c++) {
        out[r][c] = t.format(r, c);
      }
    }
    return out;
  }

  static Table table(TableSchema schema, String[][] cells, String source) {
    TableBuilder b = new TableBuilder(schema, source);
    for (int r = 0; r < cells.length; r++) {
      b.addRow(cells[r], r + 1L);
    }
    return b.build();
  }
}
