package org.synthehr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.result.Interval;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.TrainingListener;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelKinds;
import org.synthehr.privacy.PrivacyAssessment;
import org.synthehr.privacy.PrivacyConfig;
import org.synthehr.privacy.PrivacyMetrics;
import org.synthehr.privacy.attack.LocalShadowTrainer;
import org.synthehr.privacy.disclosure.RareCategories;
import org.synthehr.privacy.disclosure.TrainingRowHashes;
import org.synthehr.privacy.encode.DistanceSpace;

/**
 * The privacy figures of a Gaussian copula release of the full diabetes130, computed as the
 * pipeline does (rare-category control, copy removal, distances, every attack with the default
 * sizes) but in one JVM: split by patient (20% held out), train on the rest, sample as many rows as
 * training.
 */
final class PrivacyBenchmark implements Benchmark {
  @Override
  public String name() {
    return "privacy";
  }

  @Override
  public String description() {
    return "privacy figures (DCR, MIA AUC/TPR, inference risks) of a copula on full diabetes130";
  }

  @Override
  public void run(String[] args) throws Exception {
    String data = args.length > 0 ? args[0] : "../shared/datasets/diabetes130/diabetic_data.csv";
    String loadBefore = DistancesBenchmark.loadAverage();
    long t0 = System.nanoTime();
    Table all = DatasetLoader.load(new InputConfig(data, "configs/diabetes130.schema.yaml",
        List.of(), List.of(), null, null)).table();
    Table[] split = splitByPatient(all, 0.2, 42);
    Table training = split[0];
    Table holdout = split[1];
    PrivacyConfig config = PrivacyConfig.DEFAULTS;
    RareCategories.Result controlled = RareCategories.apply(training, config.controls());
    Seeds seeds = Seeds.of(42);
    Table synthetic;
    long copies;
    try (FittedSynthesizer model = ModelKinds.create(ModelConfig.of("copula"))
        .fit(controlled.table(), new TrainingContext(seeds.child("train"), null, null, false))) {
      Table drawn = model.sample(SampleRequest.of(training.rowCount(), seeds.seed("sample")));
      TrainingRowHashes.Filtered f = TrainingRowHashes.of(training).removeCopies(drawn);
      synthetic = f.kept();
      copies = f.removed();
    }
    double prep = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "train %,d, holdout %,d, synthetic %,d rows (%d copies"
        + " removed, %d rare categories controlled) in %.1fs%n", training.rowCount(),
        holdout.rowCount(), synthetic.rowCount(), copies, controlled.categoriesAffected(), prep);
    long t1 = System.nanoTime();
    List<MetricResult> dist = PrivacyMetrics.compute(DistanceSpace.fit(training, holdout), training,
        holdout, synthetic, 20_000, 20_000, config.attacks().nearMatchDistance(),
        seeds.seed("privacy.dcr"));
    double distSeconds = (System.nanoTime() - t1) / 1e9;
    long t2 = System.nanoTime();
    List<MetricResult> attacks = PrivacyAssessment.attacks(training, holdout, synthetic,
        config.attacks(), new LocalShadowTrainer(() -> ModelKinds.create(ModelConfig.of("copula")),
            TrainingListener.silent()), seeds.child("privacy"), System.out::println);
    double attackSeconds = (System.nanoTime() - t2) / 1e9;

    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Copula (default options), trained on %,d encounters"
        + " (80%% of patients), holdout %,d; %,d synthetic rows after removing %d exact copies;"
        + " %d rare categories merged/suppressed before training. Attack targets: %d members +"
        + " %d non-members; attacker reference %,d holdout rows; %,d synthetic rows.",
        training.rowCount(), holdout.rowCount(), synthetic.rowCount(), copies,
        controlled.categoriesAffected(), config.attacks().targets(), config.attacks().targets(),
        config.attacks().referenceRows(), config.attacks().syntheticRows()));
    lines.add("");
    lines.add("| membership attack | AUC [95% CI] | TPR @ 1% FPR [CI] | TPR @ 0.1% FPR [CI] |");
    lines.add("|---|---|---|---|");
    for (String a : List.of("distance", "density_ratio", "shadow_model")) {
      lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", a,
          cell(attacks, "privacy.mia." + a + ".auc"),
          cell(attacks, "privacy.mia." + a + ".tpr_at_fpr_1pct"),
          cell(attacks, "privacy.mia." + a + ".tpr_at_fpr_0_1pct")));
    }
    lines.add("");
    lines.add("| figure | value | baseline / interval |");
    lines.add("|---|---|---|");
    for (MetricResult m : dist) {
      lines.add(String.format(Locale.ROOT, "| %s | %.4f | %s |", m.id(), m.value(),
          m.baseline() == null ? "" : String.format(Locale.ROOT, "holdout %.4f", m.baseline())));
    }
    for (MetricResult m : attacks) {
      if (m.id().endsWith(".risk")) {
        lines.add(String.format(Locale.ROOT, "| %s | %.4f | %s (attack %.3f, control %.3f) |",
            m.id(), m.value(), ci(m.interval()), (Double) m.details().get("attack_rate"),
            (Double) m.details().get("control_rate")));
      }
    }
    lines.add("");
    lines.add(String.format(Locale.ROOT, "Seconds: load+split+train+sample %.1f, distances %.1f,"
        + " attacks %.1f (8 shadow copulas run in this JVM; the pipeline runs them as Spark"
        + " tasks). Peak RSS %.0f MB. Load average before: %s.", prep, distSeconds,
        attackSeconds, BenchRecord.peakRssMb(), loadBefore));
    BenchRecord.append("Privacy of a copula release, full diabetes130", "bin/bench privacy",
        lines);
  }

  private static String cell(List<MetricResult> ms, String id) {
    return ms.stream().filter(m -> m.id().equals(id)).findFirst()
        .map(m -> String.format(Locale.ROOT, "%.3f %s", m.value(), ci(m.interval())))
        .orElse("n/a");
  }

  private static String ci(Interval i) {
    return i == null ? "" : String.format(Locale.ROOT, "[%.3f, %.3f]", i.low(), i.high());
  }

  /** Training and holdout by a seeded hash of patient_nbr (all of a patient's rows on one side). */
  private static Table[] splitByPatient(Table all, double holdout, long seed) {
    var patients = all.strings("patient_nbr");
    List<Integer> train = new ArrayList<>();
    List<Integer> hold = new ArrayList<>();
    for (int r = 0; r < all.rowCount(); r++) {
      long h = Seeds.mix(Seeds.fnv1a(patients.get(r)) ^ seed);
      double u = (h >>> 11) * 0x1.0p-53;
      (u < holdout ? hold : train).add(r);
    }
    return new Table[] {all.take(train.stream().mapToInt(Integer::intValue).toArray()),
        all.take(hold.stream().mapToInt(Integer::intValue).toArray())};
  }
}
