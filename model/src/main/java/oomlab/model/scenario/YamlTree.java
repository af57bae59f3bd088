package oomlab.model.scenario;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/**
 * YAML text to a Jackson tree, straight from the YAML parser's tokens, as {@code
 * YAMLMapper.readTree} would build it but without an ObjectMapper: building one is most of what
 * loading a scenario costs in a TCG guest (0.65 s of the agent's start, against 0.03 s for the
 * tree), and the agent's first scenario waits for it. Duplicate keys are refused by the parser
 * ({@code STRICT_DUPLICATE_DETECTION}), with their location.
 */
final class YamlTree {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTree() {}

  /** The document's tree; a {@link MissingNode} for an empty document. */
  static JsonNode read(String yamlText) throws IOException {
    try (JsonParser p = FACTORY.createParser(yamlText)) {
      JsonToken first = p.nextToken();
      return first == null ? MissingNode.getInstance() : value(p, first);
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> object(p);
      case START_ARRAY -> array(p);
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(p.getEmbeddedObject());
      default -> throw new JsonParseException(p, "unexpected " + t);
    };
  }

  private static ObjectNode object(JsonParser p) throws IOException {
    ObjectNode o = NODES.objectNode();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String key = p.currentName();
      o.set(key, value(p, p.nextToken()));
    }
    return o;
  }

  private static ArrayNode array(JsonParser p) throws IOException {
    ArrayNode a = NODES.arrayNode();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      a.add(value(p, t));
    }
    return a;
  }
}
