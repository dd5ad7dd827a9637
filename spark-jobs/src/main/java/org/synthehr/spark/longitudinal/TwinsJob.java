package org.synthehr.spark.longitudinal;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.core.longitudinal.CohortInputConfig;
import org.synthehr.core.longitudinal.CohortReader;
import org.synthehr.core.longitudinal.CohortSchema;
import org.synthehr.core.longitudinal.HistoryScreen;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.seed.Seeds;
import org.synthehr.evaluator.longitudinal.TwinsPage;
import org.synthehr.generator.longitudinal.FittedTrajectorySynthesizer;
import org.synthehr.spark.fs.AtomicDir;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.HadoopConf;
import org.synthehr.spark.jobs.Console;
import org.synthehr.spark.sampling.DistributedSampler.ModelLocation;
import org.synthehr.spark.sampling.ModelBundle;

/**
 * {@code synth twins}: possible futures of the user's own patients from a trained longitudinal
 * model. Histories are screened patient by patient (a patient that does not fit is set aside with
 * the reason; the others still run), cut where the user says, cut into blocks by (cut, id) and drawn
 * across Spark tasks; the output is OMOP-shaped Parquet of the futures, a page of fan charts and a
 * record of the patients set aside.
 */
public final class TwinsJob {
  private static final int STEPS = 4;

  private TwinsJob() {}

  /**
   * What to forecast.
   *
   * @param model the trained model's directory
   * @param histories the histories: a directory laid out like the config's input, or one file
   * @param cutHours where every history ends, in hours from the start of the record; null for
   *     {@code cutColumn} or each patient's last measurement
   * @param cutColumn a static-file column holding each patient's cut in hours, or null
   * @param samples futures per patient
   * @param horizon future steps (null: to the end of the model's window)
   * @param out the output directory
   * @param overwrite whether an existing output may be replaced
   * @param score whether the histories run past the cut and the twins are scored against it
   */
  public record Options(String model, java.nio.file.Path histories, Double cutHours,
      String cutColumn, int samples, Integer horizon, String out, boolean overwrite,
      boolean score) {
    public Options {
      if (score && cutHours == null) {
        throw new org.synthehr.core.error.InvalidConfigException("--score needs --cut HOURS: the"
            + " twins are scored against what the histories hold after one cut for everyone.");
      }
    }
  }

  /**
   * What was written.
   *
   * @param output the output directory
   * @param patients patients forecast
   * @param setAside patients set aside, with their problems
   * @param measurements future measurements written
   */
  public record Result(String output, int patients, Map<String, List<String>> setAside,
      long measurements) {}

  /** Runs the job. */
  public static Result run(SparkSession spark, LongitudinalConfigLoader.Loaded loaded,
      Options o, Console console) {
    LongitudinalJobConfig config = loaded.config();
    FileStore store = FileStore.of(spark.sparkContext().hadoopConfiguration());
    Path modelDir = store.resolve(o.model());
    Path target = store.resolve(o.out());
    try (FittedTrajectorySynthesizer model = ModelBundle.loadTrajectory(store, modelDir)) {
      CohortSchema schema = model.schema();
      CohortInputConfig input = HistoryFiles.of(config.input(), o.histories());
      console.step(1, STEPS, "screen the histories in " + o.histories() + " against the "
          + model.kind() + " model");
      HistoryScreen.Result screen = HistoryScreen.screen(input, schema);
      Map<String, List<String>> setAside = new TreeMap<>(screen.problems());
      if (!screen.ignored().isEmpty()) {
        console.detail(screen.ignored().size() + " variable(s) outside the config's variables file"
            + " left out, as in training: " + String.join(", ", screen.ignored()));
      }
      Cohort read = CohortReader.readKnown(input, config.grid(), screen::fits,
          schema.statics()).cohort();
      Cohort patients = TwinCuts.onModelSchema(read, schema, o.histories().toString());
      TwinCuts cuts = TwinCuts.of(patients, input, o, schema.grid());
      cuts.problems().forEach((id, p) -> setAside.computeIfAbsent(id, k -> new ArrayList<>())
          .add(p));
      setAside.forEach((id, ps) -> console.detail("set aside patient " + id + ": "
          + String.join("; ", ps)));
      // A block holds as many twins as a sampling block holds patients, so a few patients with
      // many futures still spread over the cores; it depends on the config only, never on Spark.
      int perBlock = Math.max(1, config.sample().blockPatients() / o.samples());
      List<HistoryBlock> blocks = cuts.blocks(patients, perBlock, o.samples(),
          Seeds.of(config.seed()).child("twins"), o.score());
      int forecast = blocks.stream().mapToInt(b -> b.ids().length).sum();
      if (forecast == 0) {
        List<Problem> problems = new ArrayList<>();
        setAside.forEach((id, ps) -> problems.add(Problem.ofInput(o.histories() + ": patient "
            + id, String.join("; ", ps), "give histories that fit the model (its variables,"
            + " its " + schema.grid().windowMinutes() / 60 + "-hour window, a cut inside it)")));
        if (problems.isEmpty()) {
          problems.add(Problem.ofInput(o.histories().toString(), "holds no patient",
              "give the patients' static file and measurements"));
        }
        throw new InvalidInputException(problems);
      }
      console.detail(String.format(Locale.ROOT, "%,d patients to forecast, %,d set aside;"
          + " %d futures each, in %,d blocks", forecast, setAside.size(), o.samples(),
          blocks.size()));
      try (AtomicDir out = AtomicDir.begin(store, target, o.overwrite())) {
        console.step(2, STEPS, "draw " + o.samples() + " futures per patient across Spark tasks");
        long t0 = System.nanoTime();
        Dataset<Row> rows = TwinSampler.sample(spark, new ModelLocation(modelDir.toString(),
            new HadoopConf(store.conf())), blocks, config.sample().partitions()).cache();
        write(rows, TwinSampler.PERSON, new Path(out.dir(), "person"));
        write(rows, TwinSampler.MEASUREMENT, new Path(out.dir(), "measurement"));
        long measurements = spark.read().parquet(new Path(out.dir(), "measurement").toString())
            .count();
        console.detail(String.format(Locale.ROOT, "%,d future measurements of %,d twins in %s",
            measurements, (long) forecast * o.samples(), Console.duration(
                (System.nanoTime() - t0) / 1e9)));
        List<MetricResult> scores = o.score() ? TwinScoring.score(rows, schema, patients, blocks)
            : List.of();
        scores.forEach(m -> console.detail(String.format(Locale.ROOT, "%-18s %.4f%s", m.id(),
            m.value(), m.baseline() == null ? "" : String.format(Locale.ROOT, " (baseline %.4f)",
                m.baseline()))));
        console.step(3, STEPS, "fan charts");
        TwinsPage.Input page = pageInput(rows, schema, cuts, setAside, o, model.kind(), scores);
        rows.unpersist();
        store.writeString(new Path(out.dir(), "twins.html"), TwinsPage.html(page));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("command", "twins");
        record.put("config_file", loaded.file().toString());
        record.put("model", o.model());
        record.put("histories", o.histories().toString());
        record.put("seed", config.seed());
        record.put("samples", o.samples());
        record.put("patients", forecast);
        record.put("set_aside", setAside);
        record.put("future_measurements", measurements);
        if (!scores.isEmpty()) {
          Map<String, Object> byId = new LinkedHashMap<>();
          scores.forEach(m -> byId.put(m.id(), m));
          record.put("scores", byId);
        }
        store.writeJson(new Path(out.dir(), "twins.json"), record);
        out.commit();
        console.step(4, STEPS, "wrote " + FileStore.display(target) + " (person/, measurement/,"
            + " twins.html, twins.json)");
        return new Result(FileStore.display(target), forecast, setAside, measurements);
      }
    }
  }

  private static void write(Dataset<Row> rows, String kind, Path dir) {
    rows.filter(col("kind").equalTo(kind)).select(kind + ".*").write().mode(SaveMode.ErrorIfExists)
        .parquet(dir.toString());
  }

  private static TwinsPage.Input pageInput(Dataset<Row> rows, CohortSchema schema, TwinCuts cuts,
      Map<String, List<String>> setAside, Options o, String modelKind,
      List<MetricResult> scores) {
    Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
    for (Row r : rows.filter(col("kind").equalTo(TwinSampler.PERSON))
        .select("person.person_source_value", "person.outcome").collectAsList()) {
      String value = r.isNullAt(1) ? "(unknown)" : r.getString(1);
      outcomes.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(value, 1,
          Integer::sum);
    }
    Map<String, Map<String, List<TwinsPage.Point>>> fans = new TreeMap<>();
    List<Row> fanRows = rows.filter(col("kind").equalTo(TwinSampler.FAN))
        .filter(col("fan.person_source_value").isin(outcomes.keySet().stream()
            .limit(TwinsPage.MAX_PATIENTS).toArray()))
        .select("fan.*").collectAsList();
    for (Row r : fanRows) {
      fans.computeIfAbsent(r.getString(0), k -> new HashMap<>())
          .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
          .add(new TwinsPage.Point(r.getInt(2), r.isNullAt(3) ? null : (double) r.getFloat(3),
              r.isNullAt(4) ? null : new double[] {r.getDouble(4), r.getDouble(5), r.getDouble(6),
                  r.getDouble(7), r.getDouble(8)}, r.isNullAt(9) ? 0 : r.getDouble(9)));
    }
    fans.values().forEach(m -> m.values().forEach(l -> l.sort(Comparator.comparingInt(
        TwinsPage.Point::step))));
    String positive = null;
    if (schema.label() != null) {
      List<String> categories = schema.statics().column(schema.label()).categories();
      positive = categories == null || categories.isEmpty() ? null
          : categories.get(categories.size() - 1);
    }
    return new TwinsPage.Input(modelKind, schema.label(), positive, schema.grid().stepMinutes(),
        schema.steps(), o.samples(), schema.variableNames(), cuts.cutSteps(), outcomes, fans,
        setAside, scores);
  }
}
