package org.synthehr.generator.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.io.Json;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.PlausibilityRules;
import org.synthehr.core.schema.ColumnSpec;
import org.synthehr.core.table.CategoricalColumn;
import org.synthehr.core.table.Column;
import org.synthehr.core.table.NumericColumn;
import org.synthehr.core.testing.LongitudinalTestData;
import org.synthehr.generator.TrainingContext;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.generator.longitudinal.SampledCohort;
import org.synthehr.generator.longitudinal.TrajectoryKinds;
import org.synthehr.generator.longitudinal.TwinForecast;
import org.synthehr.generator.longitudinal.TwinRequest;
import org.synthehr.generator.model.ModelConfig;

/**
 * The contract every trajectory model passes: determinism by seed, save -> load -> same cohorts and
 * twins, output that conforms to the training schema and the plausibility rules, observation masks
 * kept (neither everything nor nothing charted; digital twins keep the history exactly), and no
 * training trajectory or patient id in the saved artefact. A model's test class extends this and
 * supplies a small, fast config.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TrajectorySynthesizerContract {
  /** Patients of the contract cohort. */
  protected static final int PATIENTS = 80;
  /** Grid steps of the contract cohort (4-hour steps over 48 hours). */
  protected static final int STEPS = 12;

  protected Cohort training;
  protected FittedTrajectorySynthesizer model;

  /** A config that trains in a few seconds on the contract cohort. */
  protected abstract ModelConfig config();

  /** Largest allowed difference of a variable's observation rate, training vs synthetic. */
  protected double observationRateTolerance() {
    return 0.3;
  }

  @BeforeAll
  void fit() {
    training = LongitudinalTestData.small(PATIENTS, STEPS);
    model = TrajectoryKinds.create(config()).fit(training, TrainingContext.of(11));
  }

  @AfterAll
  void release() {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void sameSeedSameCohortOtherSeedOtherCohort() {
    Cohort a = model.sampleCohort(25, 5).cohort();
    Cohort b = model.sampleCohort(25, 5).cohort();
    Cohort c = model.sampleCohort(25, 6).cohort();
    assertEquals(cells(a), cells(b), "same seed must give the same cohort");
    assertFalse(cells(a).equals(cells(c)), "another seed must give another cohort");
  }

  @Test
  void savedAndLoadedModelSamplesTheSameCohortsAndTwins(@TempDir Path dir) {
    model.save(dir.resolve("model"));
    try (FittedTrajectorySynthesizer loaded = TrajectoryKinds.load(dir.resolve("model"))) {
      assertEquals(model.kind(), loaded.kind());
      assertEquals(model.schema(), loaded.schema());
      assertEquals(cells(model.sampleCohort(15, 3).cohort()),
          cells(loaded.sampleCohort(15, 3).cohort()));
      TwinRequest req = new TwinRequest(training.head(4), 6, 4, 2, 9);
      assertEquals(cells(model.sampleTwins(req).samples().get(1)),
          cells(loaded.sampleTwins(req).samples().get(1)));
    }
  }

  @Test
  void outputConformsToTheSchemaAndThePlausibilityRules() {
    SampledCohort sampled = model.sampleCohort(120, 9);
    Cohort s = sampled.cohort();
    assertEquals(120, s.size());
    assertEquals(training.schema(), s.schema());
    Set<String> realIds = Set.of(training.ids());
    for (int p = 0; p < s.size(); p++) {
      assertFalse(realIds.contains(s.id(p)), "a real patient id was emitted");
    }
    for (ColumnSpec spec : s.schema().statics().columns()) {
      Column real = training.statics().column(spec.name());
      Column syn = s.statics().column(spec.name());
      if (syn instanceof CategoricalColumn c) {
        Set<String> allowed = new HashSet<>(((CategoricalColumn) real).dictionary());
        for (int p = 0; p < c.size(); p++) {
          assertTrue(c.isMissing(p) || allowed.contains(c.value(p)), spec.name() + " invented "
              + c.value(p));
        }
      } else {
        double[] obs = ((NumericColumn) real).observed();
        double min = java.util.Arrays.stream(obs).min().orElseThrow();
        double max = java.util.Arrays.stream(obs).max().orElseThrow();
        NumericColumn n = (NumericColumn) syn;
        for (int p = 0; p < n.size(); p++) {
          assertTrue(n.isMissing(p) || (n.get(p) >= min && n.get(p) <= max), spec.name() + " "
              + n.get(p) + " outside [" + min + ", " + max + "]");
        }
      }
    }
    PlausibilityRules rules = model.rules();
    assertEquals(0, rules.check(s).outOfBounds() + rules.check(s).afterEnd()
        + rules.check(s).tooFrequent(), rules.check(s).describe());
    assertEquals(s.size(), sampled.rawViolations().patients());
  }

  @Test
  void observationMasksArePreserved() {
    Cohort s = model.sampleCohort(200, 13).cohort();
    long observed = s.observationCount();
    long cells = (long) s.size() * s.steps() * s.variables();
    assertTrue(observed > 0 && observed < cells, "masks collapsed: " + observed + " of " + cells);
    for (int k = 0; k < s.variables(); k++) {
      double real = rate(training, k);
      double syn = rate(s, k);
      assertTrue(Math.abs(real - syn) <= observationRateTolerance(), String.format(Locale.ROOT,
          "%s observed in %.3f of steps, real %.3f", s.schema().variables().get(k).name(), syn,
          real));
    }
  }

  @Test
  void twinsKeepTheHistoryAndForecastTheFuture() {
    Cohort patients = training.head(6);
    int cut = 6;
    TwinRequest req = new TwinRequest(patients, cut, 4, 4, 21);
    TwinForecast f = model.sampleTwins(req);
    assertEquals(4, f.samples().size());
    assertEquals(cells(f.samples().get(2)), cells(model.sampleTwins(req).samples().get(2)),
        "twins are deterministic in the seed");
    boolean differ = false;
    for (Cohort twin : f.samples()) {
      assertArrayEquals(patients.ids(), twin.ids());
      for (int p = 0; p < patients.size(); p++) {
        assertTrue(twin.end(p) >= Math.min(cut, patients.end(p)));
        for (String col : patients.schema().statics().names()) {
          if (!col.equals(patients.schema().label())) {
            assertEquals(patients.statics().format(p, patients.statics().schema().indexOf(col)),
                twin.statics().format(p, twin.statics().schema().indexOf(col)),
                "baseline attribute " + col + " changed");
          }
        }
        for (int t = 0; t < cut; t++) {
          for (int k = 0; k < patients.variables(); k++) {
            float real = t < patients.end(p) ? patients.value(p, t, k) : Float.NaN;
            assertEquals(real, twin.value(p, t, k), 0f, "history changed at step " + t);
          }
        }
        for (int t = cut; t < patients.steps(); t++) {
          for (int k = 0; k < patients.variables(); k++) {
            differ |= !same(twin.value(p, t, k), f.samples().get(0).value(p, t, k));
          }
        }
      }
    }
    assertTrue(differ, "all sampled futures are identical");
  }

  @Test
  void twinsOfAnotherCohortShapeAreRefused() {
    Cohort other = LongitudinalTestData.small(5, 6);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> model.sampleTwins(new TwinRequest(other, 2, 2, 1, 1)));
    assertTrue(e.getMessage().contains("steps") || e.getMessage().contains("schema"),
        e.getMessage());
  }

  @Test
  void artefactHoldsNoTrainingTrajectoriesOrIds(@TempDir Path dir) throws IOException {
    model.save(dir.resolve("m"));
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir.resolve("m"))) {
      files = s.filter(Files::isRegularFile).toList();
    }
    StringBuilder text = new StringBuilder();
    List<Double> textNumbers = new ArrayList<>();
    for (Path f : files) {
      if (f.getFileName().toString().endsWith(".json")) {
        String t = Files.readString(f);
        text.append(t);
        numbers(Json.mapper().readTree(t), textNumbers);
      }
    }
    for (String id : training.ids()) {
      assertFalse(text.toString().contains("\"" + id + "\""), "patient id " + id + " in artefact");
    }
    Set<String> windows = zigzagWindows(training);
    assertTrue(windows.size() > 50, "the check needs training windows, got " + windows.size());
    int found = 0;
    for (int i = 0; i + 3 <= textNumbers.size(); i++) {
      found += windows.contains(key(textNumbers.get(i).floatValue(),
          textNumbers.get(i + 1).floatValue(), textNumbers.get(i + 2).floatValue())) ? 1 : 0;
    }
    for (Path f : files) {
      if (f.getFileName().toString().endsWith(".json")) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(f);
      for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        for (int i = 0; i + 12 <= bytes.length; i++) {
          found += windows.contains(key(buf.getFloat(i), buf.getFloat(i + 4),
              buf.getFloat(i + 8))) ? 1 : 0;
        }
      }
    }
    assertEquals(0, found, "runs of a training trajectory's values found in the artefact");
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  /**
   * The numbers of a JSON document in order: number nodes, and strings that are a number. Digits
   * inside other strings are not values: a file's sha256 in the manifest once gave the run 6, 7, 6,
   * which a training patient's GCS also has.
   */
  private static void numbers(JsonNode node, List<Double> out) {
    if (node.isNumber()) {
      out.add(node.doubleValue());
    } else if (node.isTextual() && NUMBER.matcher(node.textValue()).matches()) {
      out.add(Double.parseDouble(node.textValue()));
    }
    for (JsonNode child : node) {
      numbers(child, out);
    }
  }

  /**
   * Every run of three consecutive observed values of one variable of one training patient that
   * goes up then down (or down then up): sorted summaries such as quantile knots cannot hold one,
   * a stored trajectory would.
   */
  private static Set<String> zigzagWindows(Cohort c) {
    Set<String> out = new HashSet<>();
    for (int p = 0; p < c.size(); p++) {
      for (int k = 0; k < c.variables(); k++) {
        for (int t = 0; t + 2 < c.steps(); t++) {
          float a = c.value(p, t, k);
          float b = c.value(p, t + 1, k);
          float d = c.value(p, t + 2, k);
          if (Float.isNaN(a) || Float.isNaN(b) || Float.isNaN(d)) {
            continue;
          }
          if ((a < b && b > d) || (a > b && b < d)) {
            out.add(key(a, b, d));
          }
        }
      }
    }
    return out;
  }

  private static String key(float a, float b, float c) {
    return Float.floatToIntBits(a) + ":" + Float.floatToIntBits(b) + ":" + Float.floatToIntBits(c);
  }

  /** Observed share of steps of variable k. */
  protected static double rate(Cohort c, int k) {
    long o = 0;
    for (int p = 0; p < c.size(); p++) {
      for (int t = 0; t < c.steps(); t++) {
        o += c.observed(p, t, k) ? 1 : 0;
      }
    }
    return (double) o / c.size() / c.steps();
  }

  /** Every value, static cell and end of a cohort as text (for equality). */
  protected static List<String> cells(Cohort c) {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < c.size(); p++) {
      StringBuilder sb = new StringBuilder().append(c.id(p)).append('|').append(c.end(p));
      for (int i = 0; i < c.statics().columnCount(); i++) {
        sb.append('|').append(c.statics().format(p, i));
      }
      for (int t = 0; t < c.steps(); t++) {
        for (int k = 0; k < c.variables(); k++) {
          sb.append(',').append(c.value(p, t, k));
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static boolean same(float a, float b) {
    return Float.isNaN(a) ? Float.isNaN(b) : a == b;
  }
}
