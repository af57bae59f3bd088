package oomlab.model.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Validates {@code expect:}: three lists of known task names, no task in two of them. */
final class ExpectSection {
  private static final List<String> LISTS = List.of("killed", "survived", "blocked");

  private ExpectSection() {}

  static Optional<Expect> parse(String file, YamlObject top, List<TaskSpec> tasks) throws ScenarioException {
    if (!top.has("expect")) return Optional.empty();
    YamlObject o = YamlObject.of(file, top.field("expect"), top.raw("expect"));
    o.rejectUnknownKeys(Set.copyOf(LISTS));
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
    return Optional.of(new Expect(lists.get(0), lists.get(1), lists.get(2)));
  }
}
