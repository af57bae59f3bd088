package oomlab.model.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * YAML text to a Jackson tree, straight from the YAML parser's tokens, as {@code
 * YAMLMapper.readTree} would build it but without an ObjectMapper: building one is most of what
 * loading a scenario costs in a TCG guest (0.65 s of the agent's start, against 0.03 s for the
 * tree), and the agent's first scenario waits for it.
 *
 * <p>Stricter than the YAML parser, because a scenario says what runs as root: one document per
 * file (a second one would be ignored silently); YAML 1.2 booleans only ({@code yes}, {@code no},
 * {@code on}, {@code off}, {@code y}, {@code n} stay strings, so {@code oomKillDisable: yes} is
 * refused instead of switching the OOM killer off); no aliases (the parser hands an alias over as
 * its anchor's name, a string that would then be taken as a value); no duplicate keys. Every
 * problem is a {@link Problem} with the field path it happened at.
 */
final class YamlTree {
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTree() {}

  /**
   * A problem of the YAML text: {@code field} is the path of the value being read
   * ({@code tasks.big.allocate}, {@code handlers[0]}; empty at the top), {@code line} and
   * {@code column} count from 1 (0 when unknown), {@code problem} is one line of words.
   */
  static final class Problem extends Exception {
    final String field;
    final int line;
    final int column;
    final String problem;

    Problem(String field, int line, int column, String problem) {
      this(shortened(field), line, column, problem, true);
    }

    private Problem(String field, int line, int column, String problem, boolean shortened) {
      super((field.isEmpty() ? "" : field + ": ") + "line " + line + ", column " + column + ": " + problem);
      this.field = field;
      this.line = line;
      this.column = column;
      this.problem = problem;
    }

    /** A path nested thousands of levels deep stays a readable line: its start, then its depth. */
    private static String shortened(String field) {
      if (field.length() <= 120) return field;
      return field.substring(0, 100) + "... (" + field.chars().filter(c -> c == '[' || c == '.').count() + " levels)";
    }

    /** Where, in words: {@code line 3, column 5}. */
    String location() {
      return line <= 0 ? "(yaml)" : "line " + line + ", column " + column;
    }
  }

  /** The document's tree; a {@link MissingNode} for an empty document. */
  static JsonNode read(String yamlText) throws Problem {
    Reader r = new Reader();
    try (JsonParser p = FACTORY.createParser(yamlText)) {
      r.parser = p;
      JsonToken first = p.nextToken();
      if (first == null) return MissingNode.getInstance();
      JsonNode tree = r.value(first, "");
      r.path = "";
      if (p.nextToken() != null) {
        throw r.problem(p.currentTokenLocation(), "a second YAML document: a scenario file holds one document");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw r.translate(e);
    } catch (IOException e) { // text in memory: only the parser's own exceptions above can happen
      throw new Problem(r.path, 0, 0, oneLine(e.getMessage()));
    }
  }

  /** One pass over the parser's tokens, remembering the path it is at for messages. */
  private static final class Reader {
    JsonParser parser;
    String path = "";

    JsonNode value(JsonToken t, String at) throws IOException, Problem {
      path = at;
      if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
        throw problem(parser.currentTokenLocation(), "an alias (*" + parser.getText()
            + "): aliases are not supported, write the value out");
      }
      return switch (t) {
        case START_OBJECT -> object(at);
        case START_ARRAY -> array(at);
        case VALUE_STRING -> NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
        case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
        case VALUE_TRUE -> NODES.booleanNode(true);
        case VALUE_FALSE -> NODES.booleanNode(false);
        case VALUE_NULL -> NODES.nullNode();
        case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(parser.getEmbeddedObject());
        default -> throw problem(parser.currentTokenLocation(), "unexpected " + t);
      };
    }

    private ObjectNode object(String at) throws IOException, Problem {
      ObjectNode o = NODES.objectNode();
      Map<String, Integer> lines = new HashMap<>();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
        String key = parser.currentName();
        String field = at.isEmpty() ? key : at + "." + key;
        JsonLocation keyAt = parser.currentTokenLocation();
        if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
          path = at;
          throw problem(keyAt, "an alias (*" + key + ") as a key: aliases are not supported, write the key out");
        }
        Integer first = lines.putIfAbsent(key, keyAt.getLineNr());
        if (first != null) {
          path = field;
          throw problem(keyAt, "given twice (first at line " + first + ")");
        }
        o.set(key, value(parser.nextToken(), field));
        path = at;
      }
      return o;
    }

    private ArrayNode array(String at) throws IOException, Problem {
      ArrayNode a = NODES.arrayNode();
      int i = 0;
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        a.add(value(t, at + "[" + i++ + "]"));
        path = at;
      }
      return a;
    }

    Problem problem(JsonLocation at, String problem) {
      return new Problem(path, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), problem);
    }

    /**
     * The parser's exception in one line: SnakeYAML's problem with its mark, and the context it
     * arose in ("while parsing a flow mapping") with the context's start, instead of the first of
     * the multi-line message's lines, which is only the context.
     */
    Problem translate(JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
        Mark mark = m.getProblemMark();
        String problem = m.getProblem();
        if (m.getContext() != null) {
          Mark c = m.getContextMark();
          problem += " (" + m.getContext() + (c == null ? "" : " that starts at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1)) + ")";
        }
        return mark == null ? new Problem(path, 0, 0, problem) : new Problem(path, mark.getLine() + 1, mark.getColumn() + 1, problem);
      }
      if (e instanceof StreamConstraintsException) {
        // Jackson's StreamReadConstraints (nesting depth 1000, string length): say it in words.
        return problem(e.getLocation(), "nested deeper than a scenario can be, or a value too long");
      }
      return problem(e.getLocation(), oneLine(e.getOriginalMessage()));
    }
  }

  private static String oneLine(String s) {
    if (s == null) return "not valid YAML";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
