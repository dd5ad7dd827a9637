package org.synthehr.spark.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.spark.fs.FileStore;

/**
 * What a kept run's work depends on, so that {@code --resume} never mixes the work of two different
 * runs: every resolved config value by dotted key, plus a fingerprint of each file the config names
 * (the input, its schema, a holdout file, a release policy), split in two parts.
 *
 * <p>{@code upstream} is what the split, the model and the synthetic rows depend on: it must match
 * exactly to resume. {@code evaluation} ({@code evaluate.*} except the holdout file,
 * {@code privacy.attacks.*}, {@code release.*}) only shapes the report, so it may change between the
 * failed run and the resume: that is how a user fixes an evaluation setting without retraining, and
 * the evaluation is then redone. {@code spark.*} (where to run) and {@code output.dir} (the same
 * directory by construction) are left out.
 *
 * @param upstream config values and file fingerprints the kept model and samples depend on
 * @param evaluation config values and file fingerprints only the report depends on
 */
record RunFingerprint(Map<String, String> upstream, Map<String, String> evaluation) {
  private static final List<String> FILE_KEYS = List.of("input.path", "input.schema",
      "evaluate.holdout", "release.policy");

  RunFingerprint {
    upstream = Map.copyOf(upstream);
    evaluation = Map.copyOf(evaluation);
  }

  /** The fingerprint of a resolved config (as saved in config.resolved.yaml). */
  static RunFingerprint of(String resolvedYaml, FileStore store) {
    Map<String, String> flat = new TreeMap<>();
    try {
      flatten("", ConfigLoader.yamlMapper().readTree(resolvedYaml), flat);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the resolved config is not YAML", e);
    }
    for (String key : FILE_KEYS) {
      String path = flat.get(key);
      if (path != null && !path.equals("null")) {
        // The same path may hold other data by now: the bytes count, not the name.
        org.apache.hadoop.fs.Path p = store.resolve(path.replaceAll("^\"|\"$", ""));
        flat.put("file:" + key, store.exists(p) ? store.fingerprint(p) : "missing");
      }
    }
    Map<String, String> upstream = new TreeMap<>();
    Map<String, String> evaluation = new TreeMap<>();
    flat.forEach((k, v) -> {
      String key = k.startsWith("file:") ? k.substring(5) : k;
      if (key.startsWith("spark.") || key.equals("output.dir")) {
        return;
      }
      boolean evaluationOnly = key.startsWith("evaluate.") && !key.equals("evaluate.holdout")
          || key.startsWith("privacy.attacks.") || key.startsWith("release.");
      (evaluationOnly ? evaluation : upstream).put(k, v);
    });
    return new RunFingerprint(upstream, evaluation);
  }

  /** The keys whose values differ between two maps, sorted; "file:" keys name changed files. */
  static List<String> changed(Map<String, String> before, Map<String, String> now) {
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(now.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      if (!String.valueOf(before.get(k)).equals(String.valueOf(now.get(k)))) {
        out.add(k.startsWith("file:") ? "the contents of " + k.substring(5) : k);
      }
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject() && node.size() > 0) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else {
      out.put(prefix, node.isTextual() ? node.textValue() : node.toString());
    }
  }
}
