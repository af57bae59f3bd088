package oomlab.model.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates {@code expect:}: three lists of known task names, no task in two of them, and
 * {@code handlers:}, the result each named limit write must have had.
 */
final class ExpectSection {
  private static final List<String> LISTS = List.of("killed", "survived", "blocked");
  private static final java.util.regex.Pattern RESULT = java.util.regex.Pattern.compile("ok|E[A-Z0-9]{1,15}");

  private ExpectSection() {}

  static Optional<Expect> parse(String file, YamlObject top, List<TaskSpec> tasks, List<Handler> handlers)
      throws ScenarioException {
    if (!top.has("expect")) return Optional.empty();
    YamlObject o = YamlObject.of(file, top.field("expect"), top.raw("expect"));
    Set<String> keys = new java.util.HashSet<>(LISTS);
    keys.add("handlers");
    o.rejectUnknownKeys(keys);
    Map<String, String> listOf = new HashMap<>();
    List<List<String>> lists = new ArrayList<>();
    for (String key : LISTS) {
      List<String> names = new ArrayList<>();
      List<JsonNode> items = o.optionalList(key);
      for (int i = 0; i < items.size(); i++) {
        String field = o.field(key) + "[" + i + "]";
        JsonNode item = items.get(i);
        if (!item.isTextual()) throw new ScenarioException(file, field, "expected a task name, found " + YamlObject.describe(item));
        String name = item.textValue();
        if (tasks.stream().noneMatch(t -> t.name().equals(name))) {
          throw new ScenarioException(file, field, "unknown task \"" + name + "\" (not in tasks:)");
        }
        String earlier = listOf.putIfAbsent(name, key);
        if (earlier != null) {
          throw new ScenarioException(file, field, "\"" + name + "\" is already in expect." + earlier);
        }
        names.add(name);
      }
      lists.add(names);
    }
    return Optional.of(new Expect(lists.get(0), lists.get(1), lists.get(2), parseHandlers(file, o, handlers)));
  }

  /** {@code handlers: {0: EBUSY}}: keys are indices of limit-writing handlers, values results. */
  private static Map<Integer, String> parseHandlers(String file, YamlObject o, List<Handler> handlers)
      throws ScenarioException {
    Map<Integer, String> out = new java.util.TreeMap<>();
    if (!o.has("handlers")) return out;
    for (Map.Entry<String, JsonNode> e : o.requiredMapping("handlers").entrySet()) {
      String field = o.field("handlers") + "." + e.getKey();
      if (!e.getKey().matches("\\d{1,4}")) {
        throw new ScenarioException(file, field, "expected a handler index (0, 1, ...)");
      }
      int index = Integer.parseInt(e.getKey());
      if (index >= handlers.size()) {
        throw new ScenarioException(file, field, "no handler " + index + " (handlers: has " + handlers.size() + ")");
      }
      HandlerAction action = handlers.get(index).action();
      if (!action.writesLimit()) {
        throw new ScenarioException(file, field, "\"" + action + "\" has no result to expect"
            + " (only raise-limit and set-limit writes have one)");
      }
      JsonNode v = e.getValue();
      if (!v.isTextual() || !RESULT.matcher(v.textValue()).matches()) {
        throw new ScenarioException(file, field, YamlObject.describe(v)
            + " is not a write result (ok, or an errno name such as EBUSY)");
      }
      out.put(index, v.textValue());
    }
    return out;
  }
}
