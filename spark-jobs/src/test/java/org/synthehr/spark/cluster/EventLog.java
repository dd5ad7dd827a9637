package org.synthehr.spark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One application's Spark event log (JSON lines, uncompressed), as written with
 * {@code spark.eventLog.enabled=true}: either a single file {@code app-...} or, Spark 4's default
 * rolling layout, a directory {@code eventlog_v2_app-...} of {@code events_N_app-...} files.
 */
public final class EventLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path location;
  private final List<JsonNode> events;

  private EventLog(Path location, List<JsonNode> events) {
    this.location = location;
    this.events = events;
  }

  /** The applications logged in {@code dir}, oldest first (by their start event). */
  public static List<EventLog> all(Path dir) throws IOException {
    List<EventLog> logs = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return logs;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path e : entries.sorted().toList()) {
        String name = e.getFileName().toString();
        if (name.startsWith(".") || name.endsWith(".crc")) {
          continue;
        }
        List<Path> parts = new ArrayList<>();
        if (Files.isDirectory(e) && name.startsWith("eventlog_v2_")) {
          try (Stream<Path> files = Files.list(e)) {
            files.filter(f -> f.getFileName().toString().startsWith("events_"))
                .sorted(Comparator.comparingInt(EventLog::rollingIndex)).forEach(parts::add);
          }
        } else if (Files.isRegularFile(e)) {
          parts.add(e);
        }
        if (!parts.isEmpty()) {
          logs.add(new EventLog(e, parse(parts)));
        }
      }
    }
    logs.sort(Comparator.comparingLong(EventLog::startTime));
    return logs;
  }

  /** The one application logged in {@code dir} whose id is {@code appId}. */
  public static EventLog of(Path dir, String appId) throws IOException {
    return all(dir).stream().filter(l -> appId.equals(l.appId())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no event log of " + appId + " in " + dir));
  }

  private static int rollingIndex(Path f) {
    String[] parts = f.getFileName().toString().split("_");
    try {
      return Integer.parseInt(parts[1]);
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static List<JsonNode> parse(List<Path> files) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (Path f : files) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          events.add(JSON.readTree(line));
        } catch (IOException e) {
          // The last line of a log still being written may be cut short.
        }
      }
    }
    return events;
  }

  /** The file or directory read. */
  public Path location() {
    return location;
  }

  /** All events, in order. */
  public List<JsonNode> events() {
    return events;
  }

  /** The events of one type, e.g. {@code SparkListenerTaskEnd}. */
  public List<JsonNode> events(String type) {
    return events.stream().filter(e -> type.equals(e.path("Event").asText())).toList();
  }

  /** The application id ({@code app-...}), from the start event. */
  public String appId() {
    return events("SparkListenerApplicationStart").stream().findFirst()
        .map(e -> e.path("App ID").asText()).orElse("");
  }

  /** The application name. */
  public String appName() {
    return events("SparkListenerApplicationStart").stream().findFirst()
        .map(e -> e.path("App Name").asText()).orElse("");
  }

  private long startTime() {
    return events("SparkListenerApplicationStart").stream().findFirst()
        .map(e -> e.path("Timestamp").asLong()).orElse(Long.MAX_VALUE);
  }

  /** Whether the application ended (its log is complete). */
  public boolean ended() {
    return !events("SparkListenerApplicationEnd").isEmpty();
  }

  /** Executors added: id to their {@code Executor Info} (Host, Total Cores, Resources, ...). */
  public Map<String, JsonNode> executorsAdded() {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (JsonNode e : events("SparkListenerExecutorAdded")) {
      m.put(e.path("Executor ID").asText(), e.path("Executor Info"));
    }
    return m;
  }

  /** Ids of the executors removed, with the reason Spark gives. */
  public Map<String, String> executorsRemoved() {
    Map<String, String> m = new LinkedHashMap<>();
    for (JsonNode e : events("SparkListenerExecutorRemoved")) {
      m.put(e.path("Executor ID").asText(), e.path("Removed Reason").asText());
    }
    return m;
  }

  /** The GPU addresses an executor was given ({@code Resources.gpu.addresses}). */
  public List<String> gpuAddresses(String executorId) {
    JsonNode info = executorsAdded().get(executorId);
    List<String> out = new ArrayList<>();
    if (info != null) {
      info.path("Resources").path("gpu").path("addresses").forEach(a -> out.add(a.asText()));
    }
    return out;
  }

  /** Finished tasks per executor id (the driver's, if any, under "driver"). */
  public Map<String, Integer> tasksPerExecutor() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (JsonNode e : events("SparkListenerTaskEnd")) {
      m.merge(e.path("Task Info").path("Executor ID").asText(), 1, Integer::sum);
    }
    return m;
  }

  /** Executor ids (not "driver") that finished at least one task successfully. */
  public Set<String> executorsWithSuccessfulTasks() {
    Set<String> ids = new TreeSet<>();
    for (JsonNode e : events("SparkListenerTaskEnd")) {
      String id = e.path("Task Info").path("Executor ID").asText();
      boolean ok = "Success".equals(e.path("Task End Reason").path("Reason").asText());
      if (ok && !id.isEmpty() && !"driver".equals(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** Number of failed tasks (any end reason other than Success). */
  public long failedTasks() {
    return events("SparkListenerTaskEnd").stream()
        .filter(e -> !"Success".equals(e.path("Task End Reason").path("Reason").asText())).count();
  }

  /**
   * The stages whose name mentions {@code where} (Spark names a stage after the call site, e.g.
   * "collect at TrainingStage.java:86"), as their {@code Stage Info}.
   */
  public List<JsonNode> stagesAt(String where) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : events("SparkListenerStageSubmitted")) {
      if (e.path("Stage Info").path("Stage Name").asText().contains(where)) {
        out.add(e.path("Stage Info"));
      }
    }
    return out;
  }

  /** The task resource requests of a resource profile (e.g. {cpus: 1.0, gpu: 1.0}). */
  public Map<String, Double> taskResources(int profileId) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (JsonNode e : events("SparkListenerResourceProfileAdded")) {
      if (e.path("Resource Profile Id").asInt() == profileId) {
        e.path("Task Resource Requests").forEach(r -> out.put(r.path("Resource Name").asText(),
            r.path("Amount").asDouble()));
      }
    }
    return out;
  }

  /** The end events of a stage's tasks (every attempt). */
  public List<JsonNode> taskEnds(int stageId) {
    return events("SparkListenerTaskEnd").stream()
        .filter(e -> e.path("Stage ID").asInt() == stageId).toList();
  }

  /** Reads a JSON file written by the job (e.g. report.json), for assertions. */
  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "EventLog[" + appId() + " '" + appName() + "', " + events.size() + " events, executors "
        + executorsAdded().keySet() + ", tasks " + tasksPerExecutor() + ", at " + location + "]";
  }
}
