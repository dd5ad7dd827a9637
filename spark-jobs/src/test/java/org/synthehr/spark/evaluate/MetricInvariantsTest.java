package org.synthehr.spark.evaluate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.core.table.Table;
import org.synthehr.core.testing.TestData;
import org.synthehr.evaluator.Evaluator;
import org.synthehr.evaluator.config.EvaluationSettings;
import org.synthehr.privacy.PrivacyAssessment;
import org.synthehr.privacy.PrivacyConfig;
import org.synthehr.privacy.PrivacyMetrics;
import org.synthehr.privacy.attack.LocalShadowTrainer;
import org.synthehr.privacy.attack.ShadowPlan;
import org.synthehr.privacy.attack.ShadowTrainer;
import org.synthehr.privacy.encode.DistanceSpace;
import org.synthehr.privacy.testing.CopyingSynthesizer;
import org.synthehr.spark.config.JobConfig;
import org.synthehr.spark.config.JobConfigLoader;

/**
 * The invariants every figure must keep, on every table of the corpus (each loaded with its
 * inferred schema, as a new user's table would be), split by patient into three disjoint real
 * parts: training, holdout, and a third part standing in for the synthetic data.
 *
 * <ul>
 *   <li>Real data scored as if it were synthetic looks real: the detection AUC's interval holds
 *       0.5, each TSTR/TRTR interval holds 1, every membership-attack AUC's interval holds 0.5,
 *       and shape and trend are within noise of the holdout baseline.
 *   <li>A generator that copies its training rows is flagged by every attack.
 * </ul>
 *
 * These are the tests a value-spelling artefact (detection 1.0, TSTR 0.5) cannot pass. The bench
 * ({@code bin/bench corpus}) runs the same on whole tables.
 */
class MetricInvariantsTest {
  /**
   * Rows per part: 500 in CI (intervals of useful width, seconds per table); whole tables with
   * {@code -Dinvariants.part_rows=1000000}, and the whole extracts of {@code bin/corpus-extract
   * --whole DIR} with {@code -Dinvariants.whole=DIR} (see docs/evaluation.md).
   */
  private static final int PART_ROWS = Integer.getInteger("invariants.part_rows", 500);
  private static final String WHOLE = System.getProperty("invariants.whole");
  /** A deviation no 95% interval shows by chance across the corpus (family-wise 5%). */
  private static final double FAMILY_WISE_Z = 3.6;
  /** Every interval check: the metric and how far its interval lies from the truth (z). */
  private record Check(String metric, double z) {}

  private static final List<Check> CHECKS = java.util.Collections.synchronizedList(
      new ArrayList<>());

  static Stream<Path> corpus() throws IOException {
    Path root = TestData.repoRoot();
    List<Path> configs = new ArrayList<>(List.of(root.resolve("configs/diabetes130-sample.yaml")));
    Path dir = root.resolve("configs/corpus");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(configs::add);
      }
    }
    return configs.stream();
  }

  /** The three parts of a corpus table, split by patient where the table has a patient column. */
  record Parts(JobConfig config, Table training, Table holdout, Table asSynthetic) {}

  static Parts parts(Path configFile) {
    Path root = TestData.repoRoot();
    JobConfig raw = JobConfigLoader.load(configFile, List.of()).config();
    Path input = root.resolve(raw.input().path());
    if (WHOLE != null && Files.exists(Path.of(WHOLE, input.getFileName().toString()))) {
      input = Path.of(WHOLE, input.getFileName().toString());
    }
    JobConfig config = JobConfigLoader.load(configFile, List.of(
        "input.path=" + input,
        "input.schema=" + (raw.input().schema() == null ? "null"
            : root.resolve(raw.input().schema()).toString()))).config();
    Table table = DatasetLoader.load(config.input()).table();
    String key = table.schema().entityKey();
    SplittableRandom rnd = new SplittableRandom(11);
    List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    long salt = rnd.nextLong();
    // Rows in a seeded random order: files are often sorted (by id, date or study), and the parts
    // are capped, so file order would give each part another stretch of the file.
    int[] order = java.util.stream.IntStream.range(0, table.rowCount()).toArray();
    for (int i = order.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int r : order) {
      String patient = key == null ? Integer.toString(r) : table.format(r, table.schema()
          .indexOf(key));
      int part = (int) Math.floorMod(Seeds.mix(Seeds.fnv1a(patient) ^ salt), 3L);
      if (parts.get(part).size() < PART_ROWS) {
        parts.get(part).add(r);
      }
    }
    // Modelled columns plus the patient column, as the pipeline gives the evaluator its samples.
    List<String> keep = new ArrayList<>(table.modelled().schema().names());
    if (key != null) {
      keep.add(key);
    }
    Table modelled = table.select(keep);
    Table[] out = new Table[3];
    for (int p = 0; p < 3; p++) {
      out[p] = modelled.take(parts.get(p).stream().mapToInt(Integer::intValue).toArray());
    }
    // The stand-in for a generator's output keeps its patient column: detection and alpha/beta
    // then take one row per patient on every side, as a generator's rows have no twins.
    return new Parts(config, out[0], out[1], out[2]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void realDataScoredAsIfSyntheticLooksReal(Path configFile) {
    Parts p = parts(configFile);
    String name = configFile.getFileName().toString();
    EvaluationSettings settings = p.config().evaluate().settings();
    Evaluator.Outcome outcome = Evaluator.evaluate(Evaluator.inMemory(p.training(), p.holdout(),
        p.asSynthetic(), settings), settings, Seeds.of(5), line -> { });
    Map<String, MetricResult> m = byId(outcome.metrics());
    List<String> broken = new ArrayList<>();
    holds(name, broken, m.get("fidelity.detection.auc"), 0.5);
    m.values().stream().filter(r -> r.id().matches("utility\\.[a-z]+\\.ratio\\.auc"))
        .forEach(r -> holds(name, broken, r, 1.0));
    for (String q : List.of("fidelity.quality.shape", "fidelity.quality.trend")) {
      MetricResult r = m.get(q);
      if (r != null && r.baseline() != null && Math.abs(r.value() - r.baseline()) > 0.03) {
        broken.add(String.format(Locale.ROOT, "%s %.3f against baseline %.3f", q, r.value(),
            r.baseline()));
      }
    }
    List<MetricResult> privacy = PrivacyAssessment.attacks(p.training(), p.holdout(),
        p.asSynthetic(), attacks(p.config()), freshRealRows(), Seeds.of(6), line -> { });
    privacy.stream().filter(r -> r.id().matches("privacy\\.mia\\.[a-z_]+\\.auc"))
        .forEach(r -> holds(name, broken, r, 0.5));
    privacy.stream().filter(r -> r.id().endsWith(".risk")).forEach(r -> holds(name, broken, r, 0.0));
    assertTrue(broken.isEmpty(), name + ": real data scored as synthetic looks fake: " + broken);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void aCopierIsFlaggedByEveryAttack(Path configFile) {
    Parts p = parts(configFile);
    String name = configFile.getFileName().toString();
    List<MetricResult> all = new ArrayList<>(PrivacyMetrics.compute(
        DistanceSpace.fit(p.training(), p.holdout()), p.training(), p.holdout(), p.training(),
        2000, 10000, 0.5, 3));
    all.addAll(PrivacyAssessment.attacks(p.training(), p.holdout(), p.training(),
        attacks(p.config()), new LocalShadowTrainer(CopyingSynthesizer::new, null),
        Seeds.of(6), line -> { }));
    Map<String, MetricResult> m = byId(all);
    List<String> missed = new ArrayList<>();
    for (MetricResult r : all) {
      boolean attack = r.id().matches("privacy\\.mia\\.[a-z_]+\\.auc") || r.id().endsWith(".risk");
      double floor = r.id().endsWith(".risk") ? 0.0 : 0.5;
      if (attack && !(r.interval() != null && r.interval().low() > floor)) {
        missed.add(describe(r));
      }
    }
    for (String id : List.of("privacy.mia.distance.auc", "privacy.mia.density_ratio.auc",
        "privacy.mia.shadow_model.auc", "privacy.singling_out.risk")) {
      if (!m.containsKey(id)) {
        missed.add(id + " was not computed");
      }
    }
    if (m.get("privacy.exact_match.rate").value() < 0.9) {
      missed.add(describe(m.get("privacy.exact_match.rate")));
    }
    assertTrue(missed.isEmpty(), name + ": a copier was not caught by " + missed);
  }

  /** The attacks sized for parts of 500 rows in CI; as configured on whole tables. */
  private static PrivacyConfig.Attacks attacks(JobConfig config) {
    PrivacyConfig.Attacks a = config.privacy().attacks();
    if (PART_ROWS > 500) {
      return a; // whole tables: the attacks as a pipeline runs them
    }
    return new PrivacyConfig.Attacks(true, 200, 250, 500, 4, 100, 200, a.densityBandwidth(),
        a.quasiIdentifiers(), a.secrets(), a.numericTolerance(), 300, a.singlingOutColumns(),
        a.nearMatchDistance(), 100);
  }

  /**
   * The shadows of a "generator" that emits other patients' real rows: each shadow's sample is
   * drawn from the pool rows outside its own training rows.
   */
  private static ShadowTrainer freshRealRows() {
    return (pool, plans) -> {
      List<Table> out = new ArrayList<>();
      for (ShadowPlan plan : plans) {
        java.util.Set<Integer> in = new java.util.HashSet<>();
        for (int r : plan.trainingRows()) {
          in.add(r);
        }
        List<Integer> outside = new ArrayList<>();
        for (int r = 0; r < pool.rowCount(); r++) {
          if (!in.contains(r)) {
            outside.add(r);
          }
        }
        SplittableRandom rnd = new SplittableRandom(plan.seed());
        int[] rows = new int[plan.sampleRows()];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = outside.get(rnd.nextInt(outside.size()));
        }
        out.add(pool.take(rows));
      }
      return out;
    };
  }

  /**
   * Checks that a figure's interval is consistent with {@code value}. With some 150 intervals over
   * the corpus, a few 95% intervals exclude the truth by chance; so each check allows a deviation up
   * to a family-wise 5% across the corpus (z 3.6, Bonferroni), and {@link #intervalsAreCalibrated}
   * checks that the share of plain 95% exclusions stays near 5%.
   */
  private static void holds(String table, List<String> broken, MetricResult r,
      double value) {
    if (r == null || r.interval() == null) {
      broken.add((r == null ? "a metric" : r.id()) + " expected at " + value
          + " was not computed with an interval");
      return;
    }
    double z = zScore(r, value);
    CHECKS.add(new Check(table + " " + describe(r), z));
    if (z > FAMILY_WISE_Z) {
      broken.add(String.format(Locale.ROOT, "%s excludes %s far beyond chance (z %.1f)",
          describe(r), value, z));
    }
  }

  /** How many 95% half-widths the value lies beyond the estimate, scaled to a normal z. */
  static double zScore(MetricResult r, double value) {
    double half = value < r.value() ? r.value() - r.interval().low()
        : r.interval().high() - r.value();
    if (Math.abs(value - r.value()) < 1e-12) {
      return 0;
    }
    return half <= 0 ? Double.POSITIVE_INFINITY : 1.96 * Math.abs(value - r.value()) / half;
  }

  @AfterAll
  static void intervalsAreCalibrated() {
    List<String> excludedChecks = CHECKS.stream().filter(c -> c.z() > 1.96)
        .map(c -> String.format(Locale.ROOT, "%s (z %.1f)", c.metric(), c.z())).toList();
    long excluded = excludedChecks.size();
    int k = CHECKS.size();
    double bound = 0.05 * k + 3.1 * Math.sqrt(k * 0.05 * 0.95);
    System.out.printf(Locale.ROOT, "metric invariants: %d of %d 95%% intervals exclude the truth"
        + " (at most %.1f expected at the 99.9th percentile): %s%n", excluded, k, bound,
        excludedChecks);
    assertTrue(excluded <= bound, excluded + " of " + k + " intervals exclude the value real"
        + " data must have: more than chance allows, so the intervals are too narrow");
  }

  private static String describe(MetricResult r) {
    return r.interval() == null ? String.format(Locale.ROOT, "%s %.3f", r.id(), r.value())
        : String.format(Locale.ROOT, "%s %.3f [%.3f, %.3f]", r.id(), r.value(),
            r.interval().low(), r.interval().high());
  }

  private static Map<String, MetricResult> byId(List<MetricResult> metrics) {
    Map<String, MetricResult> out = new HashMap<>();
    metrics.forEach(r -> out.put(r.id(), r));
    return out;
  }
}
