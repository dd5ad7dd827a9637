package org.synthehr.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.error.SynthException;

/**
 * Loads typed, immutable configs (records) from YAML. Keys are snake_case; unknown keys and values of
 * the wrong type are rejected with a message that names the file and the dotted key. Defaults come
 * from a YAML tree merged under the user's file; {@code key.path=value} overrides are applied on top
 * (values are parsed as YAML, so numbers, booleans and lists work).
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));

  private ConfigLoader() {}

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    // No findAndRegisterModules(): a config must bind the same way with or without Spark's
    // jackson-module-scala on the classpath (see Json).
  }

  /** The YAML mapper with the config conventions (snake_case, strict). */
  public static ObjectMapper yamlMapper() {
    return YAML;
  }

  /** Loads a file with overrides and no defaults. */
  public static <T> T load(Path file, Class<T> type, List<String> overrides) {
    return load(file, type, overrides, null);
  }

  /**
   * Loads a file.
   *
   * @param file the YAML file
   * @param type the config record
   * @param overrides {@code dotted.key=value} assignments applied after the file
   * @param defaults a tree merged under the file, or null
   */
  public static <T> T load(Path file, Class<T> type, List<String> overrides, JsonNode defaults) {
    ObjectNode tree = resolveTree(file, overrides, defaults);
    return bind(tree, type, file.toString());
  }

  /** The merged tree (defaults, then file, then overrides), before binding. */
  public static ObjectNode resolveTree(Path file, List<String> overrides, JsonNode defaults) {
    ObjectNode tree = defaults == null ? JsonNodeFactory.instance.objectNode()
        : (ObjectNode) defaults.deepCopy();
    merge(tree, readTree(file));
    for (String assignment : overrides) {
      applyOverride(tree, assignment);
    }
    return tree;
  }

  /** Reads a YAML file to a tree; an empty file is an empty mapping. */
  public static ObjectNode readTree(Path file) {
    try {
      String text = Files.readString(file);
      JsonNode node = text.isBlank() ? JsonNodeFactory.instance.objectNode() : YAML.readTree(text);
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        throw new InvalidConfigException(file + ": expected a YAML mapping of keys to values at the"
            + " top level. Fix: see the examples in configs/.");
      }
      return (ObjectNode) node;
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException("Config file " + file + " does not exist. Fix: check the path"
          + " (examples are in configs/).");
    } catch (JsonProcessingException e) {
      throw new InvalidConfigException(file + ": not valid YAML" + at(e.getLocation()) + ": "
          + e.getOriginalMessage() + ". Fix: correct the syntax (indentation, colons, quotes).");
    } catch (IOException e) {
      throw new InvalidConfigException("Cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a YAML resource from the classpath (for built-in defaults). */
  public static ObjectNode readResource(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + resource, e);
    }
  }

  /** Applies one {@code dotted.key=value} assignment, creating intermediate mappings. */
  public static void applyOverride(ObjectNode root, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new InvalidConfigException("--set expects key=value (e.g. --set model.epochs=50), got '"
          + assignment + "'.");
    }
    String key = assignment.substring(0, eq).trim();
    String raw = assignment.substring(eq + 1);
    JsonNode value;
    try {
      value = raw.isEmpty() ? NullNode.instance : YAML.readTree(raw);
      if (value == null || value.isMissingNode()) {
        value = NullNode.instance;
      }
    } catch (JsonProcessingException e) {
      value = JsonNodeFactory.instance.textNode(raw);
    }
    String[] parts = key.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || !child.isObject()) {
        if (child != null && !child.isNull()) {
          throw new InvalidConfigException("--set " + key + ": '" + String.join(".",
              java.util.Arrays.copyOf(parts, i + 1)) + "' is a value, not a section.");
        }
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
  }

  /** Deep-merges {@code overlay} into {@code base}: mappings merge, everything else replaces. */
  public static void merge(ObjectNode base, JsonNode overlay) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      JsonNode existing = base.get(e.getKey());
      if (existing != null && existing.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) existing, e.getValue());
      } else {
        base.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** Binds a tree to a record type; errors name the source and the dotted key. */
  public static <T> T bind(JsonNode tree, Class<T> type, String source) {
    try {
      return YAML.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      String path = path(e);
      String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
      throw new InvalidConfigException(source + ": unknown key '" + path + "'. Known keys"
          + (parent.isEmpty() ? "" : " under '" + parent + "'") + ": " + known
          + ". Fix: correct the spelling or remove the key (see README, 'Config reference').");
    } catch (InvalidFormatException e) {
      throw new InvalidConfigException(source + ": key '" + path(e) + "' expects " + describe(
          e.getTargetType()) + ", got '" + e.getValue() + "'. Fix: correct the value.");
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      String detail = cause instanceof SynthException ? cause.getMessage() : String.valueOf(
          cause == null ? e.getOriginalMessage() : cause.getMessage());
      throw new InvalidConfigException(source + ": key '" + path(e) + "': " + detail);
    } catch (MismatchedInputException e) {
      JsonNode given = valueAt(tree, e);
      if (given == null || given.isNull()) {
        throw new InvalidConfigException(source + ": key '" + path(e) + "' is missing; it expects "
            + describe(e.getTargetType()) + ". Fix: add it (see README, 'Config reference').");
      }
      throw new InvalidConfigException(source + ": key '" + path(e) + "' expects " + describe(
          e.getTargetType()) + ", got '" + text(given) + "'. Fix: correct the value (see README,"
          + " 'Config reference').");
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SynthException se) {
        throw new InvalidConfigException(source + ": key '" + path(e) + "': " + se.getMessage());
      }
      throw new InvalidConfigException(source + ": key '" + path(e) + "': " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new InvalidConfigException(source + ": " + e.getOriginalMessage());
    }
  }

  /** Writes a config record (or tree) as YAML text. */
  public static String toYaml(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config as YAML", e);
    }
  }

  private static JsonNode valueAt(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (node == null) {
        return null;
      }
      if (ref.getFieldName() != null) {
        node = node.get(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        node = node.get(ref.getIndex());
      }
    }
    return node;
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.length() > 0 ? "." : "").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another type of value";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list (e.g. [a, b])";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
          .map(s -> s.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
    }
    if (type.isRecord() || Map.class.isAssignableFrom(type)) {
      return "a section of keys";
    }
    return "a " + type.getSimpleName();
  }

  private static String at(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 0 ? ""
        : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }
}
