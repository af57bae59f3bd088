package oomlab.agent.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one JSON mapping of trace events, shared by writer and reader: {@code t} and {@code type}
 * first, then the record's fields, nulls left out, map keys sorted (so a line is deterministic).
 */
final class TraceJson {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  /** {@code type} to record class. */
  static final Map<String, Class<? extends TraceEvent>> BY_TYPE = TraceEvent.TYPES.stream()
      .collect(Collectors.toUnmodifiableMap(TraceEvent::typeOf, Function.identity()));

  private TraceJson() {}

  static ObjectNode toTree(TraceEvent event) {
    ObjectNode fields = MAPPER.valueToTree(event);
    ObjectNode line = MAPPER.createObjectNode();
    line.put("t", event.t());
    line.put("type", event.type());
    fields.remove("t");
    line.setAll(fields);
    return line;
  }
}
