package oomlab.model.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Validates {@code handlers:}: the {@code on:} and {@code do:} one-line grammars and their references. */
final class HandlerSection {
  private static final Set<String> KEYS = Set.of("on", "do");

  private HandlerSection() {}

  static List<Handler> parse(String file, YamlObject top, List<CgroupSpec> cgroups, List<TaskSpec> tasks)
      throws ScenarioException {
    List<JsonNode> items = top.optionalList("handlers");
    List<Handler> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlObject o = YamlObject.of(file, top.field("handlers") + "[" + i + "]", items.get(i));
      o.rejectUnknownKeys(KEYS);
      HandlerTrigger on = parseTrigger(o, o.requiredString("on"), cgroups, tasks);
      out.add(new Handler(on, parseAction(o, o.requiredString("do"), cgroups, tasks)));
    }
    return out;
  }

  private static HandlerTrigger parseTrigger(YamlObject o, String text, List<CgroupSpec> cgroups, List<TaskSpec> tasks)
      throws ScenarioException {
    String[] w = text.split(" ", -1);
    if (w.length == 2 && w[0].equals("oom")) {
      requireCgroup(o, "on", w[1], cgroups);
      return new HandlerTrigger.Oom(w[1]);
    }
    if (w.length == 3 && w[0].equals("after")) {
      TaskSpec task = requireTask(o, "on", w[1], tasks);
      long size = o.parsed("on", w[2], Size::parse);
      if (size > task.allocate()) {
        throw o.error("on", "\"" + w[1] + "\" allocates only " + Size.format(task.allocate()) + ", never "
            + Size.format(size));
      }
      return new HandlerTrigger.After(w[1], size);
    }
    throw o.error("on", "\"" + text + "\" is not a trigger (oom <cgroup> | after <task> <size>)");
  }

  private static HandlerAction parseAction(YamlObject o, String text, List<CgroupSpec> cgroups, List<TaskSpec> tasks)
      throws ScenarioException {
    String[] w = text.split(" ", -1);
    String verb = w[0];
    switch (verb) {
      case "raise-limit" -> {
        if (w.length != 3) break;
        CgroupSpec c = requireCgroup(o, "do", w[1], cgroups);
        long limit = o.parsed("do", w[2], Size::parse);
        if (c.limit().isEmpty()) throw o.error("do", "\"" + w[1] + "\" has no limit to raise");
        if (limit <= c.limit().getAsLong()) {
          throw o.error("do", Size.format(limit) + " does not raise \"" + w[1] + "\"'s limit of "
              + Size.format(c.limit().getAsLong()));
        }
        return new HandlerAction.RaiseLimit(w[1], limit);
      }
      case "set-limit" -> {
        if (w.length != 3) break;
        requireCgroup(o, "do", w[1], cgroups);
        long limit = o.parsed("do", w[2], Size::parse);
        if (limit == 0) throw o.error("do", "a limit of 0 is not allowed (at least 1 byte)");
        return new HandlerAction.SetLimit(w[1], limit);
      }
      case "kill" -> {
        if (w.length != 2) break;
        requireTask(o, "do", w[1], tasks);
        return new HandlerAction.Kill(w[1]);
      }
      case "move" -> {
        if (w.length != 3) break;
        requireTask(o, "do", w[1], tasks);
        requireCgroup(o, "do", w[2], cgroups);
        if (tasks.stream().anyMatch(t -> t.shareMm().isPresent()
            && (t.name().equals(w[1]) || t.shareMm().get().equals(w[1])))) {
          throw o.error("do", "\"" + w[1] + "\" shares an mm: moving it would split the mm's charges"
              + " from its processes (the kernel charges the mm to its owner's memcg), which oomlab does not model");
        }
        return new HandlerAction.Move(w[1], w[2]);
      }
      case "oom-kill-disable" -> {
        if (w.length != 3) break;
        requireCgroup(o, "do", w[1], cgroups);
        if (!w[2].equals("0")) throw o.error("do", "oom-kill-disable can only be set to 0 by a handler");
        return new HandlerAction.EnableOomKiller(w[1]);
      }
      default -> {
      }
    }
    throw o.error("do", "\"" + text + "\" is not an action (raise-limit <cgroup> <size> | set-limit <cgroup> <size> | kill <task>"
        + " | move <task> <cgroup> | oom-kill-disable <cgroup> 0)");
  }

  private static CgroupSpec requireCgroup(YamlObject o, String key, String path, List<CgroupSpec> cgroups)
      throws ScenarioException {
    return cgroups.stream().filter(c -> c.path().equals(path)).findFirst()
        .orElseThrow(() -> o.error(key, "unknown cgroup \"" + path + "\" (not in cgroups:)"));
  }

  private static TaskSpec requireTask(YamlObject o, String key, String name, List<TaskSpec> tasks)
      throws ScenarioException {
    return tasks.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> o.error(key, "unknown task \"" + name + "\" (not in tasks:)"));
  }
}
