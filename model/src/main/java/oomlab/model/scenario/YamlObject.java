package oomlab.model.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A YAML mapping being validated: knows its file and its field path, so every problem becomes a
 * one-line {@link ScenarioException} naming the exact field.
 */
final class YamlObject {
  private final String file;
  private final String path;
  private final JsonNode node;

  private YamlObject(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /** Wraps {@code node}, which must be a mapping; {@code path} is the field it sits at ("" for the top). */
  static YamlObject of(String file, String path, JsonNode node) throws ScenarioException {
    if (node == null || !node.isObject()) {
      throw new ScenarioException(file, path.isEmpty() ? "(top)" : path,
          "expected a mapping, found " + describe(node));
    }
    return new YamlObject(file, path, node);
  }

  String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ScenarioException error(String key, String problem) {
    return new ScenarioException(file, field(key), problem);
  }

  /** Every key not in {@code known} is an error: a typo must not be silently ignored. */
  void rejectUnknownKeys(Set<String> known) throws ScenarioException {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!known.contains(e.getKey())) {
        throw error(e.getKey(), "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  JsonNode raw(String key) {
    return node.get(key);
  }

  String requiredString(String key) throws ScenarioException {
    if (!has(key)) throw error(key, "missing");
    return string(key);
  }

  Optional<String> optionalString(String key) throws ScenarioException {
    return has(key) ? Optional.of(string(key)) : Optional.empty();
  }

  private String string(String key) throws ScenarioException {
    JsonNode v = node.get(key);
    if (!v.isValueNode() || v.isBoolean()) throw error(key, "expected a string, found " + describe(v));
    return v.asText();
  }

  /**
   * The string at {@code key} turned into a value by {@code parser}; the parser's
   * {@link IllegalArgumentException} message becomes the field's problem.
   */
  <T> Optional<T> optionalParsed(String key, Function<String, T> parser) throws ScenarioException {
    if (!has(key)) return Optional.empty();
    return Optional.of(parsed(key, string(key), parser));
  }

  /** {@code text} (part of the value at {@code key}) parsed, a failure reported at {@code key}. */
  <T> T parsed(String key, String text, Function<String, T> parser) throws ScenarioException {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  boolean optionalBoolean(String key, boolean dflt) throws ScenarioException {
    if (!has(key)) return dflt;
    JsonNode v = node.get(key);
    if (!v.isBoolean()) throw error(key, "expected true or false, found " + describe(v));
    return v.booleanValue();
  }

  int optionalInt(String key, int dflt, int min, int max) throws ScenarioException {
    if (!has(key)) return dflt;
    JsonNode v = node.get(key);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw error(key, "expected an integer, found " + describe(v));
    int i = v.intValue();
    if (i < min || i > max) throw error(key, i + " is out of range [" + min + ", " + max + "]");
    return i;
  }

  /** A size in bytes within [min, max]; a YAML integer is bytes, a string goes through {@link Size#parse}. */
  OptionalLong optionalSize(String key, long min) throws ScenarioException {
    if (!has(key)) return OptionalLong.empty();
    JsonNode v = node.get(key);
    long bytes;
    if (v.isIntegralNumber()) {
      if (!v.canConvertToLong()) throw error(key, "\"" + v.asText() + "\" is too large (at most 1024G)");
      bytes = v.longValue();
      if (bytes < 0) throw error(key, "\"" + v.asText() + "\" is not a size (bytes, or K/M/G suffix)");
      if (bytes > Size.MAX) throw error(key, "\"" + v.asText() + "\" is too large (at most 1024G)");
    } else if (v.isTextual()) {
      try {
        bytes = Size.parse(v.textValue());
      } catch (IllegalArgumentException e) {
        throw error(key, e.getMessage());
      }
    } else {
      throw error(key, "\"" + v.asText() + "\" is not a size (bytes, or K/M/G suffix)");
    }
    if (bytes < min) throw error(key, Size.format(bytes) + " is too small (at least " + Size.format(min) + ")");
    return OptionalLong.of(bytes);
  }

  /** The mapping at {@code key}, in file order (Jackson keeps YAML key order). */
  Map<String, JsonNode> requiredMapping(String key) throws ScenarioException {
    if (!has(key)) throw error(key, "missing");
    JsonNode v = node.get(key);
    if (!v.isObject()) throw error(key, "expected a mapping, found " + describe(v));
    java.util.LinkedHashMap<String, JsonNode> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) out.put(e.getKey(), e.getValue());
    return out;
  }

  /** The sequence at {@code key}, empty if absent. */
  List<JsonNode> optionalList(String key) throws ScenarioException {
    if (!has(key)) return List.of();
    JsonNode v = node.get(key);
    if (!v.isArray()) throw error(key, "expected a list, found " + describe(v));
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  static String describe(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) return "nothing";
    if (v.isObject()) return "a mapping";
    if (v.isArray()) return "a list";
    // Only true and false are booleans (YAML 1.2, YamlTree): yes, no, on, off stay strings.
    if (v.isBoolean()) return "the boolean " + v.asText();
    return "\"" + v.asText() + "\"";
  }
}
