package oomlab.controller.report;

import static oomlab.controller.report.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An outcome as one line of XHTML, the words {@code oomlab run} prints: killed, survived, blocked,
 * ENOMEM, notifications and memory.events counters per cgroup, overcharged and under_oom flags.
 * Reads the JSON of {@code outcome.json} and of a distribution row alike (a row's counters are
 * already text such as {@code oom>=1,oom_kill=1}).
 */
final class OutcomeLine {
  private OutcomeLine() {}

  static String html(JsonNode outcome) {
    List<String> parts = new ArrayList<>();
    parts.add(field("killed", tasks(outcome.path("killed"))));
    if (outcome.path("killOrder").size() > 1) parts.add(field("kill order", tasks(outcome.path("killOrder"))));
    parts.add(field("survived", tasks(outcome.path("survived"))));
    parts.add(field("blocked", tasks(outcome.path("blocked"))));
    if (!outcome.path("enomem").isEmpty()) parts.add(field("ENOMEM", tasks(outcome.path("enomem"))));
    parts.add(field("notifications", perCgroup(outcome.path("notifications"))));
    parts.add(field("memory.events", perCgroup(outcome.path("events"))));
    String over = trueOnes(outcome.path("overcharged"));
    if (!over.isEmpty()) parts.add(field("overcharged", over));
    String underOom = trueOnes(outcome.path("underOomSeen"));
    if (!underOom.isEmpty()) parts.add(field("under_oom seen", underOom));
    return "<span class=\"outcome\">" + String.join(" ", parts) + "</span>";
  }

  private static String field(String name, String value) {
    return "<span class=\"f\"><span class=\"fn\">" + escape(name) + "</span> " + escape(value) + "</span>";
  }

  private static String tasks(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(n -> names.add(n.asText()));
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static String perCgroup(JsonNode map) {
    List<String> parts = new ArrayList<>();
    map.properties().forEach(e -> parts.add(e.getKey() + ": " + counters(e.getValue())));
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }

  private static String counters(JsonNode value) {
    if (!value.isObject()) return value.asText();
    List<String> parts = new ArrayList<>();
    value.properties().forEach(e -> {
      // oom_group_kill exists only on v2 with memory.oom.group: a 0 there is noise
      if (!(e.getKey().equals("oom_group_kill") && e.getValue().asLong() == 0)) parts.add(e.getKey() + "=" + e.getValue().asText());
    });
    return String.join(",", parts);
  }

  private static String trueOnes(JsonNode flags) {
    List<String> on = new ArrayList<>();
    flags.properties().forEach(e -> {
      if (e.getValue().asBoolean()) on.add(e.getKey());
    });
    return String.join(", ", on);
  }
}
