package org.synthehr.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.table.Table;
import org.synthehr.evaluator.fidelity.QualityScore;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;

/** Gaussian copula on the full diabetes130: fit time, sampling rows/s, quality, peak memory. */
final class CopulaBenchmark implements Benchmark {
  @Override
  public String name() {
    return "copula";
  }

  @Override
  public String description() {
    return "Gaussian copula on full diabetes130 (../shared/datasets): fit, sample 100k, quality";
  }

  @Override
  public void run(String[] args) {
    String data = args.length > 0 ? args[0] : "../shared/datasets/diabetes130/diabetic_data.csv";
    InputConfig input = new InputConfig(data, "configs/diabetes130.schema.yaml", List.of(),
        List.of(), null, null);
    long t0 = System.nanoTime();
    Table real = DatasetLoader.load(input).table();
    double load = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    try (FittedSynthesizer model = ModelKinds.create(ModelConfig.of("copula"))
        .fit(real, TrainingContext.of(42))) {
      double fit = (System.nanoTime() - t1) / 1e9;
      long t2 = System.nanoTime();
      Table syn = model.sample(SampleRequest.of(100_000, 7));
      double sample = (System.nanoTime() - t2) / 1e9;
      QualityScore.Result q = QualityScore.score(real.modelled(), syn);
      BenchRecord.append("Gaussian copula, full diabetes130", "bin/bench copula", List.of(
          "| rows | load CSV s | fit s | sample 100k s | rows/s | quality | shape | trend | peak RSS MB |",
          "|---|---|---|---|---|---|---|---|---|",
          String.format(Locale.ROOT, "| %,d | %.2f | %.2f | %.2f | %,.0f | %.3f | %.3f | %.3f | %.0f |",
              real.rowCount(), load, fit, sample, 100_000 / sample, q.overall(), q.shape(),
              q.trend(), BenchRecord.peakRssMb())));
    }
  }
}
