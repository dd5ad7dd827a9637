package org.synthehr.spark.jobs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.io.AtomicOutput;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;
import org.synthehr.spark.privacy.DisclosureControls;

/** validate → split → train, into {@code output.dir} with {@code model/}. */
public final class TrainJob {
  private static final int STEPS = 3;

  private TrainJob() {}

  /** Trains and returns the output directory. */
  public static Path run(SparkSession spark, JobConfigLoader.Loaded loaded, boolean overwrite,
      boolean resume, Console console) {
    JobConfig config = loaded.config();
    Path target = Path.of(config.output().dir());
    try (AtomicOutput out = AtomicOutput.begin(target, overwrite)) {
      PreparedData data = PreparedData.prepare(spark, config, console, 1, STEPS);
      try {
        Provenance provenance = Training.provenance(config, loaded.resolvedYaml(), spark.version());
        console.step(3, STEPS, "train " + config.model().kind());
        Map<String, Object> figures = new LinkedHashMap<>();
        Table trainOn = DisclosureControls.beforeTraining(config, data.training(), figures,
            console);
        try (FittedSynthesizer model = Training.train(config, trainOn,
            out.dir().resolve("model"), Checkpoints.dirFor(target), resume, provenance, console)) {
          figures.put("training_rows", data.trainingRows());
          figures.put("holdout_rows", data.holdoutRows());
          figures.put("seconds", console.elapsed());
          RunFiles.write(out.dir(), "train", loaded, data.ingested().schema().schema(), provenance,
              figures);
        }
        out.commit();
        Checkpoints.clear(target);
        console.line("Wrote " + out.target() + "/model");
        return out.target();
      } finally {
        data.ingested().text().unpersist();
      }
    }
  }
}
