package org.synthehr.spark.jobs;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.spark.config.JobConfig;

/** Trains the configured model on the driver and saves it with its provenance. */
public final class Training {
  private Training() {}

  /**
   * Fits and saves.
   *
   * @param training the training table (identifiers are dropped by the model)
   * @param modelDir a new directory for the model
   * @param checkpointDir where checkpoints go (kept across runs for --resume), or null
   */
  public static FittedSynthesizer train(JobConfig config, Table training, Path modelDir,
      Path checkpointDir, boolean resume, Provenance provenance, Console console) {
    Synthesizer synthesizer = ModelKinds.create(config.model());
    long start = System.nanoTime();
    FittedSynthesizer model = synthesizer.fit(training, new TrainingContext(
        config.seeds().child("train"), console, checkpointDir, resume));
    model.save(modelDir);
    Json.write(modelDir.resolve("provenance.json"), provenance);
    console.detail(String.format(Locale.ROOT, "%s trained on %,d rows x %d columns in %s",
        model.kind(), training.rowCount(), model.schema().columns().size(),
        Console.duration((System.nanoTime() - start) / 1e9)));
    return model;
  }

  /** Provenance of a run. */
  public static Provenance provenance(JobConfig config, String resolvedYaml, String sparkVersion) {
    Path input = Path.of(config.input().path());
    return Provenance.capture(config.seed(), resolvedYaml,
        Map.of(config.input().path(), Provenance.fingerprint(input)),
        Map.of("spark", sparkVersion, "synthehr", Provenance.currentVersion()));
  }
}
