package oomlab.model.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates the {@code tasks:} mapping, then the references between tasks (shareMm, start). */
final class TaskSection {
  private static final Set<String> KEYS =
      Set.of("cgroup", "allocate", "step", "mode", "oomScoreAdj", "threads", "shareMm", "start");
  /** 15 characters: the workload may use the task name as its comm (TASK_COMM_LEN 16). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,15}");
  static final int MAX_THREADS = 1024;

  private TaskSection() {}

  static List<TaskSpec> parse(String file, YamlObject top, List<CgroupSpec> cgroups) throws ScenarioException {
    Map<String, JsonNode> entries = top.requiredMapping("tasks");
    if (entries.isEmpty()) throw top.error("tasks", "at least one task is needed");
    Map<String, CgroupSpec> byPath = new HashMap<>();
    cgroups.forEach(c -> byPath.put(c.path(), c));
    Map<String, TaskSpec> tasks = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries.entrySet()) {
      String field = top.field("tasks") + "." + e.getKey();
      if (!NAME.matcher(e.getKey()).matches()) {
        throw new ScenarioException(file, field, "task name must match [A-Za-z0-9_-]+ (at most 15 characters)");
      }
      tasks.put(e.getKey(), parseOne(file, field, e.getKey(), e.getValue(), byPath));
    }
    for (TaskSpec t : tasks.values()) checkReferences(file, top.field("tasks") + "." + t.name(), t, tasks);
    checkNoWaitCycle(file, top.field("tasks"), tasks);
    return new ArrayList<>(tasks.values());
  }

  private static TaskSpec parseOne(String file, String field, String name, JsonNode node,
                   Map<String, CgroupSpec> cgroups) throws ScenarioException {
    YamlObject o = YamlObject.of(file, field, node);
    o.rejectUnknownKeys(KEYS);
    String cgroup = o.requiredString("cgroup");
    if (!cgroups.containsKey(cgroup)) {
      throw o.error("cgroup", "unknown cgroup \"" + cgroup + "\" (not in cgroups:)");
    }
    if (!underALimit(cgroup, cgroups)) {
      throw o.error("cgroup", "neither \"" + cgroup + "\" nor a parent has a limit; a task must allocate under a limit");
    }
    if (!o.has("allocate")) throw o.error("allocate", "missing");
    long allocate = o.optionalSize("allocate", 0).getAsLong();
    long step = o.optionalSize("step", 1).orElse(TaskSpec.DEFAULT_STEP);
    AllocationMode mode = o.optionalParsed("mode", AllocationMode::parse).orElse(AllocationMode.TOUCH);
    int adj = o.optionalInt("oomScoreAdj", 0, -1000, 1000);
    int threads = o.optionalInt("threads", TaskSpec.DEFAULT_THREADS, 1, MAX_THREADS);
    Optional<String> shareMm = o.optionalString("shareMm");
    Optional<StartCondition> start = o.optionalParsed("start", StartCondition::parse);
    return new TaskSpec(name, cgroup, allocate, step, mode, adj, threads, shareMm, start);
  }

  private static boolean underALimit(String path, Map<String, CgroupSpec> cgroups) {
    for (CgroupSpec c = cgroups.get(path); c != null; c = c.parent().map(cgroups::get).orElse(null)) {
      if (c.limit().isPresent()) return true;
    }
    return false;
  }

  private static void checkReferences(String file, String field, TaskSpec t, Map<String, TaskSpec> tasks)
      throws ScenarioException {
    if (t.shareMm().isPresent()) {
      String owner = t.shareMm().get();
      TaskSpec o = tasks.get(owner);
      if (owner.equals(t.name())) throw new ScenarioException(file, field + ".shareMm", "a task cannot share its own mm");
      if (o == null) throw new ScenarioException(file, field + ".shareMm", "unknown task \"" + owner + "\"");
      if (o.shareMm().isPresent()) {
        throw new ScenarioException(file, field + ".shareMm", "\"" + owner + "\" shares the mm of \""
            + o.shareMm().get() + "\" itself: name the mm's owner (shareMm chains and cycles are refused)");
      }
      // The kernel charges a shared mm to its owner's memcg (mm->owner) and keeps one
      // oom_score_adj for all its processes (__set_oom_adj); oomlab runs only what it can model.
      if (!o.cgroup().equals(t.cgroup())) {
        throw new ScenarioException(file, field + ".shareMm", "\"" + owner + "\" is in cgroup \""
            + o.cgroup() + "\", not \"" + t.cgroup() + "\": tasks sharing an mm must be in one cgroup"
            + " (the kernel charges the mm to its owner's memcg)");
      }
      if (o.oomScoreAdj() != t.oomScoreAdj()) {
        throw new ScenarioException(file, field + ".shareMm", "\"" + owner + "\" has oomScoreAdj "
            + o.oomScoreAdj() + ", not " + t.oomScoreAdj() + ": tasks sharing an mm share one"
            + " oom_score_adj (the kernel syncs it over the mm)");
      }
    }
    if (t.start().isPresent()) {
      StartCondition c = t.start().get();
      TaskSpec after = tasks.get(c.afterTask());
      if (c.afterTask().equals(t.name())) throw new ScenarioException(file, field + ".start", "a task cannot wait for itself");
      if (after == null) throw new ScenarioException(file, field + ".start", "unknown task \"" + c.afterTask() + "\"");
      if (c.allocated() > after.allocate()) {
        throw new ScenarioException(file, field + ".start", "\"" + c.afterTask() + "\" allocates only "
            + Size.format(after.allocate()) + ", never " + Size.format(c.allocated()));
      }
    }
  }

  /**
   * A task waits for the task it shares an mm with (that mm must exist first) and for the task
   * its start condition names; a cycle of such waits would never start.
   */
  private static void checkNoWaitCycle(String file, String field, Map<String, TaskSpec> tasks) throws ScenarioException {
    for (TaskSpec t : tasks.values()) {
      List<String> path = new ArrayList<>();
      if (waitsOn(t.name(), t.name(), tasks, path, new java.util.HashSet<>())) {
        throw new ScenarioException(file, field + "." + t.name(),
            "tasks wait for each other in a cycle: " + String.join(" -> ", path));
      }
    }
  }

  private static boolean waitsOn(String from, String target, Map<String, TaskSpec> tasks, List<String> path,
                  Set<String> visited) {
    path.add(from);
    TaskSpec t = tasks.get(from);
    List<String> next = new ArrayList<>();
    t.shareMm().ifPresent(next::add);
    t.start().ifPresent(s -> next.add(s.afterTask()));
    for (String n : next) {
      if (n.equals(target)) {
        path.add(n);
        return true;
      }
      if (visited.add(n) && waitsOn(n, target, tasks, path, visited)) return true;
    }
    path.removeLast();
    return false;
  }
}
