package org.synthehr.spark.training;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.sql.Row;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.HadoopConf;
import org.synthehr.spark.ingest.SparkTables;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.privacy.DisclosureControls;

/**
 * The training of the main model, as the body of one Spark task: the task gets the training rows
 * as its partition (they never pass through the driver), applies the disclosure controls, trains
 * on the device Spark gave it, and writes the model to the run's filesystem, where the driver and
 * the sampling tasks load it from. Checkpoints go to the shared filesystem as they are written;
 * a retried task (its executor was lost) resumes from the last one.
 *
 * <p>What it depends on is all in its fields (the resolved config, the schema, the paths), so the
 * model is the same whichever executor trains it and however often it is retried.
 */
public final class TrainingTask implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  /** Figures the task returns: seconds spent training. */
  public static final String SECONDS = "training_seconds";

  private final String resolvedYaml;
  private final String schemaJson;
  private final String source;
  private final long maxRows;
  private final String modelDir;
  private final String checkpointDir;
  private final boolean resume;
  private final String provenanceJson;
  private final boolean quiet;
  private final HadoopConf hadoop;

  /**
   * @param resolvedYaml the run's resolved config
   * @param schema the input schema (the rows come as text cells in its order)
   * @param source the input's name, for messages
   * @param maxRows rows to train on at most (the first in canonical order)
   * @param modelDir where the model goes (any filesystem; replaced)
   * @param checkpointDir the run's checkpoints on the shared filesystem
   * @param resume continue from the last checkpoint there (a retried task always does)
   * @param quiet print no progress
   */
  public TrainingTask(String resolvedYaml, TableSchema schema, String source, long maxRows,
      Path modelDir, Path checkpointDir, boolean resume, Provenance provenance, boolean quiet,
      HadoopConf hadoop) {
    this.resolvedYaml = resolvedYaml;
    this.schemaJson = Json.toString(schema);
    this.source = source;
    this.maxRows = maxRows;
    this.modelDir = modelDir.toString();
    this.checkpointDir = checkpointDir.toString();
    this.resume = resume;
    this.provenanceJson = Json.toString(provenance);
    this.quiet = quiet;
    this.hadoop = hadoop;
  }

  /** Trains on the rows of this task's partition and returns the figures of the training. */
  public Map<String, Long> run(Iterator<Row> rows) throws IOException {
    JobConfig config = JobConfigLoader.fromResolved(resolvedYaml);
    TableSchema schema = Json.mapper().readValue(schemaJson, TableSchema.class);
    Provenance provenance = Json.mapper().readValue(provenanceJson, Provenance.class);
    FileStore store = hadoop.store();
    Console console = quiet ? Console.silent() : Console.stderr();
    Table training = SparkTables.table(rows, schema, source, maxRows);
    Map<String, Object> figures = new LinkedHashMap<>();
    Table trainOn = DisclosureControls.beforeTraining(config, training, figures, console);
    ModelConfig model = onTaskDevice(config.model());
    try (TaskWorkspace workspace = TaskWorkspace.open(store, checkpointDir, resume, console)) {
      long start = System.nanoTime();
      FittedSynthesizer fitted;
      try {
        fitted = ModelKinds.create(model).fit(trainOn,
            workspace.context(config.seeds().child("train"), console));
      } catch (InvalidConfigException e) {
        if (model.device().equals(config.model().device())) {
          throw e;
        }
        // The device came from Spark's resource scheduling: say so, or the user looks for a
        // mistake in a config that only says "gpu".
        throw new InvalidConfigException("Spark gave this training task the GPU address "
            + model.device().substring(4) + " on executor "
            + org.apache.spark.SparkEnv.get().executorId() + ", and PyTorch there refused it: "
            + e.getMessage());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      try (fitted) {
        workspace.publish(fitted::save, provenance, modelDir);
        console.detail(String.format(Locale.ROOT, "%s trained on %,d rows x %d columns in %s%s",
            fitted.kind(), trainOn.rowCount(), fitted.schema().columns().size(),
            Console.duration(seconds), model.device().equals(config.model().device()) ? ""
                : " on " + model.device()));
      }
      Map<String, Long> out = new LinkedHashMap<>();
      figures.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
      out.put(SECONDS, Math.round(seconds));
      return out;
    }
  }

  /**
   * The model config with the device this task was given: with {@code model.device: gpu} and a
   * training stage that asked for one GPU per task, Spark assigns each task a GPU address, and the
   * model must train on exactly that device (not on GPU 0, which another task may hold).
   */
  static ModelConfig onTaskDevice(ModelConfig model) {
    TaskContext task = TaskContext.get();
    if (task == null || !model.device().toLowerCase(Locale.ROOT).startsWith("gpu")) {
      return model;
    }
    ResourceInformation gpu = task.resourcesJMap().get("gpu");
    if (gpu == null || gpu.addresses().length == 0) {
      return model; // local mode: no resource scheduling, the config's device stands
    }
    String address = gpu.addresses()[0];
    try {
      Integer.parseInt(address);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException("Spark gave this training task the GPU address '" + address
          + "', which is not a CUDA device index. Fix: make the GPU discovery script"
          + " (spark.executor.resource.gpu.discoveryScript) print CUDA indices such as \"0\".");
    }
    return model.withDevice("gpu:" + address);
  }
}
