package org.synthehr.spark.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.error.OutputExistsException;
import org.synthehr.core.io.FileTrees;
import org.synthehr.core.io.Json;
import org.synthehr.core.result.MetricResult;
import org.synthehr.core.result.Report;
import org.synthehr.core.schema.SchemaFile;
import org.synthehr.evaluator.report.HtmlReport;
import org.synthehr.privacy.policy.ReleaseCheck;
import org.synthehr.privacy.policy.ReleasePolicy;
import org.synthehr.privacy.release.BundleManifest;
import org.synthehr.privacy.release.CardNotes;
import org.synthehr.privacy.release.DataCard;
import org.synthehr.privacy.release.DataCardBuilder;
import org.synthehr.privacy.release.DataCardPage;

/**
 * {@code synth release prepare}: turns a finished run (tabular or longitudinal) into a release
 * bundle. The bundle is built in a directory beside the destination and renamed into place, so it
 * either does not exist or is complete; the run directory is only read.
 */
public final class ReleasePreparer {
  private static final String POLICY_FILE = "policy.yaml";

  private ReleasePreparer() {}

  /**
   * What to prepare.
   *
   * @param run the finished run's directory
   * @param out the bundle directory to create
   * @param policy a policy file, or null for the run's own {@code release.policy}
   * @param notes the steward's card notes, or null
   * @param includeModel whether the trained model goes into the bundle
   * @param overwrite whether an existing bundle may be replaced
   */
  public record Request(Path run, Path out, Path policy, Path notes, boolean includeModel,
      boolean overwrite) {}

  /**
   * The prepared bundle.
   *
   * @param bundle where it is
   * @param card its data card
   * @param files how many files the manifest lists
   */
  public record Result(Path bundle, DataCard card, int files) {}

  /** Prepares the bundle. */
  public static Result prepare(Request req, Instant now) {
    Path run = req.run().toAbsolutePath().normalize();
    checkFinished(run);
    Path out = req.out().toAbsolutePath().normalize();
    if (out.startsWith(run) || run.startsWith(out)) {
      throw new InvalidConfigException("--out " + req.out() + " and RUN_DIR " + req.run()
          + " overlap; put the bundle in its own directory.");
    }
    if (Files.exists(out) && !req.overwrite()) {
      throw new OutputExistsException(out);
    }
    JsonNode runJson = Json.readTree(run.resolve("run.json"));
    boolean longitudinal = "longitudinal".equals(runJson.path("kind").asText());
    JsonNode config = ConfigLoader.readTree(run.resolve("config.resolved.yaml"));
    Path policyFile = policyFile(req.policy(), config);
    ReleasePolicy policy = policyFile == null ? null : ReleasePolicy.load(policyFile);
    Report original = Json.read(run.resolve("report.json"), Report.class);
    ReleaseCheck.Outcome outcome = policy == null ? null
        : ReleaseCheck.apply(policy, withoutPolicy(original));
    Report report = outcome == null ? withoutPolicy(original) : outcome.report();
    List<DataCard.Table> tables = longitudinal
        ? ReleasedTables.longitudinal(run.resolve("synthetic"),
            Json.readTree(run.resolve("model").resolve("schema.json")))
        : ReleasedTables.tabular(run.resolve("synthetic"),
            SchemaFile.load(run.resolve("schema.yaml")).columns());
    CardNotes notes = req.notes() == null ? CardNotes.NONE : CardNotes.load(req.notes());
    DataCard card = DataCardBuilder.build(new DataCardBuilder.Inputs(longitudinal
        ? "longitudinal" : "tabular", report, runJson, config, outcome, notes, tables,
        req.includeModel(), epochsTrained(run.resolve("model")), now));

    Path stage = out.resolveSibling("." + out.getFileName() + ".preparing-"
        + UUID.randomUUID().toString().substring(0, 8));
    try {
      Files.createDirectories(stage);
      copyTree(run.resolve("synthetic"), stage.resolve("synthetic"));
      for (String f : List.of("run.json", "config.resolved.yaml", "schema.yaml")) {
        if (Files.isRegularFile(run.resolve(f))) {
          Files.copy(run.resolve(f), stage.resolve(f));
        }
      }
      if (policyFile != null) {
        Files.copy(policyFile, stage.resolve(POLICY_FILE));
      }
      if (report.equals(original)) {
        Files.copy(run.resolve("report.json"), stage.resolve("report.json"));
        Files.copy(run.resolve("report.html"), stage.resolve("report.html"));
      } else {
        Json.write(stage.resolve("report.json"), report);
        // The longitudinal page needs the cohorts it charts, which a bundle does not hold: it keeps
        // the run's page, and the policy's rows are in report.json and on the data card.
        if (longitudinal) {
          Files.copy(run.resolve("report.html"), stage.resolve("report.html"));
        } else {
          Files.writeString(stage.resolve("report.html"), HtmlReport.standard().render(report),
              StandardCharsets.UTF_8);
        }
      }
      if (req.includeModel()) {
        copyTree(run.resolve("model"), stage.resolve("model"));
      }
      Json.write(stage.resolve(DataCard.FILE), card);
      BundleManifest manifest = BundleManifest.of(stage);
      String manifestHash = manifest.write(stage);
      Files.writeString(stage.resolve(DataCardPage.FILE), DataCardPage.render(card, List.of(),
          manifestHash), StandardCharsets.UTF_8);
      if (Files.exists(out)) {
        FileTrees.deleteRecursively(out);
      }
      Files.move(stage, out, StandardCopyOption.ATOMIC_MOVE);
      return new Result(out, card, manifest.files().size());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the bundle in " + out, e);
    } finally {
      FileTrees.deleteRecursively(stage);
    }
  }

  /** Epochs in the model's loss history; null for a model fitted without epochs. */
  private static Integer epochsTrained(Path model) {
    Path history = model.resolve("loss_history.json");
    if (!Files.isRegularFile(history)) {
      return null;
    }
    JsonNode epochs = Json.readTree(history).path("epochs");
    return epochs.isArray() ? epochs.size() : null;
  }

  private static void checkFinished(Path run) {
    if (!Files.isDirectory(run)) {
      Path partial = run.resolveSibling(run.getFileName() + ".partial");
      throw new InvalidConfigException("RUN_DIR " + run + " does not exist" + (Files.isDirectory(
          partial) ? "; " + partial + " is an unfinished run (finish it with --resume first)"
          : "") + ". Fix: give the output.dir of a finished 'synth pipeline' run.");
    }
    for (String f : List.of("_SUCCESS", "run.json", "report.json", "report.html",
        "config.resolved.yaml")) {
      if (!Files.isRegularFile(run.resolve(f))) {
        throw new InvalidConfigException("RUN_DIR " + run + " is not a finished pipeline run: it"
            + " has no " + f + ". Fix: give the output.dir of a 'synth pipeline' run that"
            + " completed (it writes _SUCCESS last).");
      }
    }
    if (!Files.isDirectory(run.resolve("synthetic"))) {
      throw new InvalidConfigException("RUN_DIR " + run + " has no synthetic/ directory: there"
          + " is nothing to release.");
    }
  }

  /** The policy: the --policy file, else the run's release.policy (resolved from here). */
  private static Path policyFile(Path given, JsonNode config) {
    if (given != null) {
      if (!Files.isRegularFile(given)) {
        throw new InvalidConfigException("--policy " + given + " does not exist. Fix: give a"
            + " release policy file (see configs/release-policy.yaml).");
      }
      return given;
    }
    JsonNode p = config.path("release").path("policy");
    if (p.isMissingNode() || p.isNull() || p.asText().isBlank()) {
      return null;
    }
    Path file = Path.of(p.asText());
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException("the run's release.policy " + p.asText() + " is not found"
          + " from " + Path.of("").toAbsolutePath() + ". Fix: pass it with --policy FILE.");
    }
    return file;
  }

  /** The report with any earlier policy's rows, annotations and summary keys removed. */
  static Report withoutPolicy(Report report) {
    List<MetricResult> metrics = new ArrayList<>();
    for (MetricResult m : report.metrics()) {
      if ("policy".equals(m.group())) {
        continue;
      }
      metrics.add(m.threshold() == null && m.passed() == null ? m
          : new MetricResult(m.id(), m.group(), m.value(), m.interval(), m.direction(),
              m.baseline(), null, null, m.description(), m.details()));
    }
    Map<String, Object> summary = new LinkedHashMap<>(report.summary());
    summary.keySet().removeIf(k -> k.startsWith("release_policy"));
    return new Report(report.title(), summary, metrics, report.provenance());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String name = p.getFileName().toString();
        // Hadoop's .crc side files are a local checksum cache, not data; the manifest replaces them.
        if (name.startsWith(".") && !p.equals(from)) {
          continue;
        }
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
