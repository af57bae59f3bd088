package oomlab.agent.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code trace.jsonl} back into {@link TraceEvent}s. A line that is not a known event is an
 * {@link IOException} naming the file, the line number and the problem. A last line without its
 * newline is the torn tail of an agent that died mid-write: it is dropped, the prefix is kept.
 */
public final class TraceReader {
  private TraceReader() {}

  public static List<TraceEvent> read(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file));
  }

  /** Parses the text of a trace; {@code name} is how messages call it. */
  public static List<TraceEvent> parse(String name, String text) throws IOException {
    List<TraceEvent> events = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    // The element after the last '\n' is "" for a complete file, or a torn line: skip it either way.
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].isBlank()) continue;
      try {
        events.add(parseLine(lines[i]));
      } catch (IllegalArgumentException e) {
        throw new IOException(name + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(events);
  }

  /** One line to its event; {@link IllegalArgumentException} with a one-line problem otherwise. */
  public static TraceEvent parseLine(String line) {
    JsonNode node;
    try {
      node = TraceJson.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) throw new IllegalArgumentException("not a JSON object");
    JsonNode type = object.remove("type");
    if (type == null || !type.isTextual()) throw new IllegalArgumentException("no \"type\"");
    Class<? extends TraceEvent> c = TraceJson.BY_TYPE.get(type.textValue());
    if (c == null) {
      throw new IllegalArgumentException("unknown event type \"" + type.textValue() + "\" (known: "
          + String.join(", ", new java.util.TreeSet<>(TraceJson.BY_TYPE.keySet())) + ")");
    }
    for (var component : c.getRecordComponents()) {
      var renamed = component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
      String field = renamed == null ? component.getName() : renamed.value();
      if (component.getType().isPrimitive() && !object.has(field)) {
        throw new IllegalArgumentException(type.textValue() + ": missing \"" + field + "\"");
      }
    }
    try {
      return TraceJson.MAPPER.treeToValue(object, c);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException(type.textValue() + ": " + firstLine(msg));
    }
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }
}
