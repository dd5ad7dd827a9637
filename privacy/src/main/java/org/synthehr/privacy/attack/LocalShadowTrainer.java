package org.synthehr.privacy.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.TrainingListener;

/** Runs shadow trainings one after another in this JVM. */
public final class LocalShadowTrainer implements ShadowTrainer {
  private final Supplier<Synthesizer> synthesizer;
  private final TrainingListener listener;

  /**
   * @param synthesizer the generator configuration under attack (a fresh synthesizer per shadow)
   * @param listener progress (one message per shadow)
   */
  public LocalShadowTrainer(Supplier<Synthesizer> synthesizer, TrainingListener listener) {
    this.synthesizer = synthesizer;
    this.listener = listener == null ? TrainingListener.silent() : listener;
  }

  @Override
  public List<Table> trainAndSample(Table pool, List<ShadowPlan> plans) {
    List<Table> out = new ArrayList<>(plans.size());
    for (int i = 0; i < plans.size(); i++) {
      out.add(run(synthesizer.get(), pool, plans.get(i)));
      listener.message(String.format(java.util.Locale.ROOT, "shadow model %d/%d trained",
          i + 1, plans.size()));
    }
    return out;
  }

  /** One shadow: fit on the plan's rows, sample its rows (what a Spark task runs too). */
  public static Table run(Synthesizer synthesizer, Table pool, ShadowPlan plan) {
    Seeds seeds = Seeds.of(plan.seed());
    try (FittedSynthesizer model = synthesizer.fit(pool.take(plan.trainingRows()),
        new TrainingContext(seeds.child("train"), TrainingListener.silent(), null, false))) {
      return model.sample(SampleRequest.of(plan.sampleRows(), seeds.seed("sample")));
    }
  }
}
